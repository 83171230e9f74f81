import type { AuditBundle } from '../adapters/dynamodb/audit-repository.js';
import { clock, repository, settings } from '../adapters/runtime/bindings.js';
import { scopeCovers } from '../domain/access/upload-token-policy.js';
import { OBLIGATIONS_CATALOG } from '../domain/catalog/obligations.js';
import { findObligation } from '../domain/catalog/resolve-obligation.js';
import { auditTakesUploads, requestTakesUploads } from '../domain/lifecycle/evidence-phase.js';
import { MAX_EVIDENCE_BYTES } from '../domain/schemas/evidence.js';
import type {
  UploadLinkDenialReason,
  UploadPageRequest,
  UploadPageView,
  UploadStatusView,
} from '../portal/upload-page-view.js';
import { UploadLinkDeniedError } from './evidence-intake.js';
import { linkRefOf } from './upload-links.js';

/*
 * What an upload link shows: the requests in its scope with their state. Read-only; a page view never counts
 * as a failed use of the link (only refused uploads do), and an unusable link learns nothing but why.
 */

export const PORTAL_PATHS = {
  page: '/upload/{token}',
  asset: '/upload-assets/{asset}',
  assets: '/upload-assets',
  authorize: '/upload-api/authorize',
  status: '/upload-api/status',
  /**
   * An agency's calendar feed, `/calendar/<token>.ics`. API Gateway cannot mix a parameter and a suffix in one
   * segment, so the whole segment is the parameter and the portal parses the token out of it.
   */
  calendar: '/calendar/{feed}',
} as const;

/** The program's title from the catalog, for people (pages, calendar events). */
export function programTitle(programId: string): string {
  try {
    return findObligation(OBLIGATIONS_CATALOG, programId).title;
  } catch {
    // A program overridden away since the audit opened: its id still names it.
    return programId;
  }
}

function requestsOf(bundle: AuditBundle, requestIds: readonly string[]): UploadPageRequest[] {
  const auditOpen = auditTakesUploads(bundle.audit.status);
  return bundle.requests
    .filter((request) => requestIds.includes(request.requestId))
    .map((request) => {
      const current = bundle.evidence.find((evidence) => evidence.evidenceId === request.currentEvidenceId);
      const since = current?.receivedAt ?? '';
      const lastRejection = bundle.rejections
        .filter((rejection) => rejection.requestId === request.requestId && rejection.at > since)
        .sort((a, b) => b.at.localeCompare(a.at))[0];
      return {
        requestId: request.requestId,
        description: request.description,
        requirementId: request.requirementId,
        status: request.status,
        dueDate: request.dueDate,
        acceptedContentTypes: request.acceptedContentTypes,
        uploadable: auditOpen && requestTakesUploads(request.status),
        ...(request.status === 'flagged' && request.flagReason ? { flagReason: request.flagReason } : {}),
        ...(current
          ? {
              currentEvidence: {
                evidenceId: current.evidenceId,
                fileName: current.fileName,
                sha256: current.sha256,
                sizeBytes: current.sizeBytes,
                receivedAt: current.receivedAt,
              },
            }
          : {}),
        ...(lastRejection
          ? {
              lastRejection: {
                ...(lastRejection.fileName ? { fileName: lastRejection.fileName } : {}),
                at: lastRejection.at,
                reasons: lastRejection.reasons,
              },
            }
          : {}),
      };
    });
}

type LinkContext =
  | {
      readonly ok: true;
      readonly bundle: AuditBundle;
      readonly requestIds: readonly string[];
      tokenHash: string;
    }
  | { readonly ok: false; readonly reason: UploadLinkDenialReason };

async function openLink(token: string): Promise<LinkContext> {
  const { uploadTokens, audits } = repository();
  const check = await uploadTokens.check(token, clock().now());
  if (check.outcome !== 'valid') return { ok: false, reason: check.outcome };
  const { scope, tokenHash } = check.record;
  const bundle = await audits.getAuditBundle(scope.auditId);
  // A link whose audit is gone (or another agency's) is as good as unknown.
  if (
    !bundle ||
    bundle.audit.ori !== scope.agencyOri ||
    !scopeCovers(scope, { auditId: bundle.audit.auditId })
  ) {
    return { ok: false, reason: 'unknown' };
  }
  return { ok: true, bundle, requestIds: scope.requestIds, tokenHash };
}

export type UploadLinkPage =
  | { readonly ok: true; readonly view: UploadPageView }
  | {
      readonly ok: false;
      readonly reason: UploadLinkDenialReason;
      readonly contactEmails: readonly string[];
    };

/** The upload page's content for a token, or why the link cannot be used. */
export async function describeUploadLink(token: string): Promise<UploadLinkPage> {
  const context = await openLink(token);
  const contactEmails = settings().adminEmails;
  if (!context.ok) return { ok: false, reason: context.reason, contactEmails };
  const { bundle } = context;
  const { audit } = bundle;
  const link = await repository().audits.getUploadLink(audit.auditId, linkRefOf(context.tokenHash));
  const record = await repository().uploadTokens.get(context.tokenHash);
  const agency = await repository().agencies.getAgency(audit.ori);
  return {
    ok: true,
    view: {
      agency: { name: agency?.name ?? audit.ori, ori: audit.ori },
      audit: {
        auditId: audit.auditId,
        programTitle: programTitle(audit.programId),
        periodKey: audit.periodKey,
        dueDate: audit.dueDate,
        timeZone: audit.timeZone,
        status: audit.status,
      },
      link: {
        token,
        expiresAt: record?.expiresAt ?? link?.expiresAt ?? audit.dueAt,
        role: link?.role ?? audit.responsibleRole,
      },
      requests: requestsOf(bundle, context.requestIds),
      maxUploadBytes: Math.min(settings().maxUploadBytes, MAX_EVIDENCE_BYTES),
      contactEmails,
      authorizePath: PORTAL_PATHS.authorize,
      statusPath: PORTAL_PATHS.status,
      assetsPath: PORTAL_PATHS.assets,
    },
  };
}

/** The requests' current state, for the page to follow an upload through verification. */
export async function uploadStatus(token: string): Promise<UploadStatusView> {
  const context = await openLink(token);
  if (!context.ok) throw new UploadLinkDeniedError(context.reason);
  return {
    requests: requestsOf(context.bundle, context.requestIds).map(
      ({ requestId, status, uploadable, flagReason, currentEvidence, lastRejection }) => ({
        requestId,
        status,
        uploadable,
        ...(flagReason ? { flagReason } : {}),
        ...(currentEvidence ? { currentEvidence } : {}),
        ...(lastRejection ? { lastRejection } : {}),
      }),
    ),
  };
}
