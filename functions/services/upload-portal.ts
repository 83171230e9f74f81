import type { AuditBundle } from '../adapters/dynamodb/audit-repository.js';
import { clock, repository, settings } from '../adapters/runtime/bindings.js';
import {
  auditTakesRemediationWork,
  MAX_PLAN_STEPS,
  taskTakesPlan,
  taskTakesVerificationEvidence,
  verificationRequestId,
} from '../domain/access/remediation-work-policy.js';
import { scopeCovers } from '../domain/access/upload-token-policy.js';
import { localDateAt } from '../domain/calendar/time-zones.js';
import { OBLIGATIONS_CATALOG } from '../domain/catalog/obligations.js';
import { findObligation } from '../domain/catalog/resolve-obligation.js';
import { auditTakesUploads, requestTakesUploads } from '../domain/lifecycle/evidence-phase.js';
import { type Evidence, type EvidenceRequest, MAX_EVIDENCE_BYTES } from '../domain/schemas/evidence.js';
import type { UploadRejection } from '../domain/schemas/upload-link.js';
import type {
  UploadLinkDenialReason,
  UploadPagePreviousOutcome,
  UploadPageReceipt,
  UploadPageRejection,
  UploadPageRequest,
  UploadPageTask,
  UploadPageView,
  UploadStatusTask,
  UploadStatusView,
} from '../portal/upload-page-view.js';
import { UploadLinkDeniedError } from './upload-link-access.js';
import { linkRefOf } from './upload-links.js';

/*
 * What an upload link shows: the requests in its scope with their state, and its audit's remediation tasks
 * (the finding, the plan, evidence of the fix). Read-only; a page view never counts as a failed use of the link
 * (only refused uploads and plans do), and an unusable link learns nothing but why.
 */

export const PORTAL_PATHS = {
  page: '/upload/{token}',
  asset: '/upload-assets/{asset}',
  assets: '/upload-assets',
  authorize: '/upload-api/authorize',
  status: '/upload-api/status',
  /** The agency's corrective action plan for a remediation task. */
  plan: '/upload-api/plan',
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

/** The same item's outcome in the previous audit (roll-over), as the page shows it. */
function lastAuditOf(request: EvidenceRequest): UploadPagePreviousOutcome | undefined {
  const previous = request.carriedForwardFrom;
  if (!previous) return undefined;
  return { status: previous.status, ...(previous.fileName ? { fileName: previous.fileName } : {}) };
}

const receiptOf = (evidence: Evidence): UploadPageReceipt => ({
  evidenceId: evidence.evidenceId,
  fileName: evidence.fileName,
  sha256: evidence.sha256,
  sizeBytes: evidence.sizeBytes,
  receivedAt: evidence.receivedAt,
});

/** The latest refused upload of an item since its latest evidence (`since`, an ISO instant or ''), if any. */
function lastRejectionOf(
  rejections: readonly UploadRejection[],
  ofItem: (rejection: UploadRejection) => boolean,
  since: string,
): UploadPageRejection | undefined {
  const latest = rejections
    .filter((rejection) => ofItem(rejection) && rejection.at > since)
    .sort((a, b) => b.at.localeCompare(a.at))[0];
  if (!latest) return undefined;
  return {
    ...(latest.fileName ? { fileName: latest.fileName } : {}),
    at: latest.at,
    reasons: latest.reasons,
  };
}

function requestsOf(bundle: AuditBundle, requestIds: readonly string[]): UploadPageRequest[] {
  const auditOpen = auditTakesUploads(bundle.audit.status);
  return bundle.requests
    .filter((request) => requestIds.includes(request.requestId))
    .map((request) => {
      const current = bundle.evidence.find((evidence) => evidence.evidenceId === request.currentEvidenceId);
      const lastAudit = lastAuditOf(request);
      const lastRejection = lastRejectionOf(
        bundle.rejections,
        // A refused verification upload is the task's to show, not the request's.
        (rejection) => rejection.requestId === request.requestId && !rejection.taskId,
        current?.receivedAt ?? '',
      );
      return {
        requestId: request.requestId,
        description: request.description,
        requirementId: request.requirementId,
        status: request.status,
        dueDate: request.dueDate,
        acceptedContentTypes: request.acceptedContentTypes,
        uploadable: auditOpen && requestTakesUploads(request.status),
        ...(request.status === 'flagged' && request.flagReason ? { flagReason: request.flagReason } : {}),
        ...(current ? { currentEvidence: receiptOf(current) } : {}),
        ...(lastRejection ? { lastRejection } : {}),
        ...(lastAudit ? { lastAudit } : {}),
      };
    });
}

/** The audit's remediation tasks as the agency sees them, in task order, with what each takes now. */
function tasksOf(bundle: AuditBundle): UploadPageTask[] {
  const { audit } = bundle;
  const auditOpen = auditTakesRemediationWork(audit.status);
  return [...bundle.tasks]
    .sort((a, b) => a.taskId.localeCompare(b.taskId))
    .map((task): UploadPageTask => {
      const finding = bundle.findings.find((candidate) => candidate.findingId === task.findingId);
      // Verification evidence is filed under the finding's request; without one there is nowhere to file it.
      const requestId = finding ? verificationRequestId(audit.auditId, finding) : undefined;
      const request = bundle.requests.find((candidate) => candidate.requestId === requestId);
      const evidence = bundle.evidence
        .filter((candidate) => candidate.taskId === task.taskId)
        .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
      const lastRejection = lastRejectionOf(
        bundle.rejections,
        (rejection) => rejection.taskId === task.taskId,
        evidence.at(-1)?.receivedAt ?? '',
      );
      const revision = task.revisionRequests.at(-1);
      return {
        taskId: task.taskId,
        status: task.status,
        dueDate: task.dueDate,
        finding: {
          title: finding?.title ?? `Finding ${task.findingId}`,
          severity: finding?.severity ?? 'medium',
          description: finding?.description ?? '',
          repeat: finding?.repeatOf !== undefined,
        },
        ...(revision ? { revisionReason: revision.reason } : {}),
        ...(task.plan
          ? {
              plan: {
                summary: task.plan.summary,
                steps: task.plan.steps,
                targetDate: task.plan.targetDate,
                submittedAt: task.plan.submittedAt,
              },
            }
          : {}),
        planEditable: auditOpen && taskTakesPlan(task.status),
        verificationUploadable:
          auditOpen && taskTakesVerificationEvidence(task.status) && request !== undefined,
        acceptedContentTypes: request?.acceptedContentTypes ?? [],
        verificationEvidence: evidence.map(receiptOf),
        ...(lastRejection ? { lastRejection } : {}),
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
  const tasks = tasksOf(bundle);
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
      ...(tasks.length > 0
        ? {
            remediation: {
              tasks,
              planPath: PORTAL_PATHS.plan,
              today: localDateAt(clock().now(), audit.timeZone),
              maxPlanSteps: MAX_PLAN_STEPS,
            },
          }
        : {}),
      maxUploadBytes: Math.min(settings().maxUploadBytes, MAX_EVIDENCE_BYTES),
      contactEmails,
      authorizePath: PORTAL_PATHS.authorize,
      statusPath: PORTAL_PATHS.status,
      assetsPath: PORTAL_PATHS.assets,
    },
  };
}

/** The requests' and tasks' current state, for the page to follow an upload or a plan. */
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
    tasks: tasksOf(context.bundle).map(
      ({ finding: _finding, acceptedContentTypes: _types, ...state }): UploadStatusTask => state,
    ),
  };
}
