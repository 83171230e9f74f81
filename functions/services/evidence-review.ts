import * as z from 'zod';
import { ItemNotFoundError } from '../adapters/dynamodb/persistence-errors.js';
import { clock, repository } from '../adapters/runtime/bindings.js';
import type { EvidenceObjectStore } from '../adapters/s3/evidence-store.js';
import { evidenceStore } from '../adapters/s3/evidence-store-binding.js';
import { reviewComplete } from '../domain/lifecycle/evidence-phase.js';
import { transitionEvidenceRequest } from '../domain/lifecycle/evidence-request.js';
import { unwrapTransition } from '../domain/lifecycle/state-machine.js';
import type { Audit } from '../domain/schemas/audit.js';
import type { Actor, ContactRole } from '../domain/schemas/common.js';
import { EntityIdSchema, ReasonSchema } from '../domain/schemas/common.js';
import type { Evidence, EvidenceRequest } from '../domain/schemas/evidence.js';
import { parseOrThrow } from '../domain/schemas/format-issues.js';
import type { UploadRejection } from '../domain/schemas/upload-link.js';
import { completeReview } from './audit-lifecycle.js';
import { auditFactsData, contactEmailsData, linkData, oneLine } from './notice-data.js';
import { recordAndSendNotice } from './notices.js';
import { issueUploadLink, roleRecipients, stepDigest } from './upload-links.js';

/*
 * The reviewer's side of evidence: what came in for an audit, a short-lived download of one file (recorded in
 * the trail), and the decision on it. Flagging tells the agency why and sends a fresh link; when every request
 * of an audit under review is accepted, the lifecycle moves on.
 */

export interface RequestEvidence {
  readonly request: EvidenceRequest;
  /** Every file received for the request, oldest first; the current one is request.currentEvidenceId. */
  readonly evidence: Evidence[];
  /** Uploads refused at ingest (hash, size or type did not match the declaration), oldest first. */
  readonly rejections: UploadRejection[];
}

export interface AuditEvidence {
  readonly auditId: string;
  readonly status: Audit['status'];
  readonly requests: RequestEvidence[];
}

/** One audit's requests with what was received for each: one query of the audit's partition. */
export async function listAuditEvidence(auditId: string): Promise<AuditEvidence> {
  const bundle = await repository().audits.getAuditBundle(auditId);
  if (!bundle) throw new ItemNotFoundError('Audit', auditId);
  const byTime =
    <T>(at: (item: T) => string) =>
    (a: T, b: T) =>
      at(a).localeCompare(at(b));
  return {
    auditId,
    status: bundle.audit.status,
    requests: bundle.requests.map((request) => ({
      request,
      evidence: bundle.evidence
        .filter((evidence) => evidence.requestId === request.requestId)
        .sort(byTime((evidence) => evidence.receivedAt)),
      rejections: bundle.rejections
        .filter((rejection) => rejection.requestId === request.requestId)
        .sort(byTime((rejection) => rejection.at)),
    })),
  };
}

async function findEvidence(auditId: string, evidenceId: string): Promise<Evidence> {
  const all = await repository().audits.listEvidence(auditId);
  const evidence = all.find((candidate) => candidate.evidenceId === evidenceId);
  if (!evidence) throw new ItemNotFoundError('Evidence', `${evidenceId} of audit ${auditId}`);
  return evidence;
}

export interface EvidenceDownload {
  readonly evidenceId: string;
  readonly fileName: string;
  readonly contentType: string;
  readonly sizeBytes: number;
  readonly sha256: string;
  readonly url: string;
  readonly expiresAt: string;
}

/**
 * A presigned GET for one piece of evidence (that exact object version), valid five minutes. The access is
 * recorded in the audit's trail before the URL is handed out, so no download goes unrecorded.
 */
export async function createEvidenceDownload(
  auditId: string,
  evidenceId: string,
  actor: Actor,
  store: EvidenceObjectStore = evidenceStore(),
): Promise<EvidenceDownload> {
  const evidence = await findEvidence(auditId, evidenceId);
  const now = clock().now().toISOString();
  const download = await store.createDownloadUrl({
    key: evidence.objectKey,
    versionId: evidence.objectVersion,
    fileName: evidence.fileName,
    contentType: evidence.contentType,
  });
  const { trail } = repository();
  const head = await trail.head(auditId);
  await trail.appendOnce(
    {
      type: 'evidence.download-issued',
      at: now,
      actor,
      subject: { type: 'evidence', id: evidence.evidenceId },
      streamId: auditId,
      payload: {
        objectKey: evidence.objectKey,
        objectVersion: evidence.objectVersion,
        sha256: evidence.sha256,
        expiresAt: download.expiresAt,
      },
    },
    // Each issued URL is its own access: the id names the instant and actor, so only a retry collapses.
    `DOWNLOAD|${evidence.evidenceId}|${actor.id}|${now}`,
    head?.sequence ?? 0,
  );
  return {
    evidenceId: evidence.evidenceId,
    fileName: evidence.fileName,
    contentType: evidence.contentType,
    sizeBytes: evidence.sizeBytes,
    sha256: evidence.sha256,
    url: download.url,
    expiresAt: download.expiresAt,
  };
}

export const ReviewDecisionInputSchema = z.discriminatedUnion(
  'decision',
  [
    z.strictObject({
      decision: z.literal('accept'),
      evidenceId: EntityIdSchema,
      comment: z.string().trim().max(2000, 'must be at most 2000 characters').optional(),
    }),
    z.strictObject({
      decision: z.literal('flag'),
      evidenceId: EntityIdSchema,
      reason: ReasonSchema,
    }),
  ],
  { error: "decision must be 'accept' (with evidenceId) or 'flag' (with evidenceId and reason)" },
);
export type ReviewDecisionInput = z.input<typeof ReviewDecisionInputSchema>;

/** Decisions are taken while the audit collects or is in review; before or after, there is nothing to decide. */
const AUDIT_UNDER_REVIEW = new Set<Audit['status']>(['open', 'collecting', 'in-review']);

export class AuditNotReviewableError extends Error {
  override readonly name = 'AuditNotReviewableError';
  constructor(
    readonly auditId: string,
    readonly status: string,
  ) {
    super(
      `Audit ${auditId} is ${status}: evidence is reviewed while an audit is open, collecting or in review.`,
    );
  }
}

export interface ReviewOutcome {
  readonly request: EvidenceRequest;
  /** True when this decision accepted the last open request of an audit in review and woke its workflow. */
  readonly reviewComplete: boolean;
}

/**
 * Accepts or flags the evidence currently under review for one request. The decision names the evidence the
 * reviewer looked at; if a newer file arrived meanwhile, the decision is refused (the domain checks it).
 */
export async function decideEvidence(
  auditId: string,
  requestId: string,
  input: ReviewDecisionInput,
  actor: Actor,
): Promise<ReviewOutcome> {
  const decision = parseOrThrow(ReviewDecisionInputSchema, input, 'review decision');
  const { audits } = repository();
  const audit = await audits.getAudit(auditId);
  if (!audit) throw new ItemNotFoundError('Audit', auditId);
  if (!AUDIT_UNDER_REVIEW.has(audit.status)) throw new AuditNotReviewableError(auditId, audit.status);
  const request = await audits.getEvidenceRequest(auditId, requestId);
  if (!request) throw new ItemNotFoundError('EvidenceRequest', `${requestId} of audit ${auditId}`);

  // A retried decision (the first answer was lost, or its email failed) finds it taken: finish what follows it.
  if (alreadyDecided(request, decision)) {
    if (decision.decision === 'flag') {
      await tellAgencyOfFlag(audit, request, decision.evidenceId, decision.reason, actor);
      return { request, reviewComplete: false };
    }
    return { request, reviewComplete: await completeReviewIfAllAccepted(auditId) };
  }

  const at = clock().now();
  const { entity, event } = unwrapTransition(
    transitionEvidenceRequest(
      request,
      decision.decision === 'accept'
        ? {
            action: 'accept',
            evidenceId: decision.evidenceId,
            ...(decision.comment ? { comment: decision.comment } : {}),
          }
        : { action: 'flag', evidenceId: decision.evidenceId, reason: decision.reason },
      { at, actor },
    ),
  );
  const saved = await audits.saveEvidenceRequest(request, entity, event);

  if (decision.decision === 'flag') {
    await tellAgencyOfFlag(audit, saved, decision.evidenceId, decision.reason, actor);
    return { request: saved, reviewComplete: false };
  }
  return { request: saved, reviewComplete: await completeReviewIfAllAccepted(auditId) };
}

function alreadyDecided(
  request: EvidenceRequest,
  decision: z.output<typeof ReviewDecisionInputSchema>,
): boolean {
  if (request.currentEvidenceId !== decision.evidenceId) return false;
  if (decision.decision === 'accept') return request.status === 'accepted';
  return request.status === 'flagged' && request.flagReason === decision.reason;
}

/** Every request accepted while the audit is in review: the review is done and the workflow moves on. */
async function completeReviewIfAllAccepted(auditId: string): Promise<boolean> {
  const bundle = await repository().audits.getAuditBundle(auditId);
  if (bundle?.audit.status !== 'in-review') return false;
  if (!reviewComplete(bundle.requests)) return false;
  await completeReview(auditId);
  return true;
}

/**
 * Emails the reason and a fresh link to the role whose link uploaded the file (the audit's responsible role
 * when that is not known). Sent once per flagged piece of evidence.
 */
async function tellAgencyOfFlag(
  audit: Audit,
  request: EvidenceRequest,
  evidenceId: string,
  reason: string,
  actor: Actor,
): Promise<void> {
  const { audits, agencies } = repository();
  const evidence = await findEvidence(audit.auditId, evidenceId);
  const uploadedWith = await audits.getUploadLink(audit.auditId, evidence.uploadedBy.id);
  const agency = await agencies.getAgency(audit.ori);
  let role: ContactRole = uploadedWith?.role ?? audit.responsibleRole;
  if (roleRecipients(agency, role).length === 0) role = audit.responsibleRole;
  await recordAndSendNotice({
    audit,
    kind: 'evidence-flagged',
    // The submission count tells apart two flags of the same bytes uploaded again.
    stepKey: `flagged-${stepDigest(`${evidenceId}#${request.submissionCount}`)}`,
    recipients: roleRecipients(agency, role),
    template: 'evidence-flagged',
    data: {
      ...auditFactsData(audit, agency),
      ...contactEmailsData(),
      requestDescription: request.description,
      fileName: oneLine(evidence.fileName),
      reason,
    },
    issueLink: async () =>
      linkData(await issueUploadLink(audit, role, 'evidence-flagged', actor), audit.timeZone),
    scheduledFor: clock().now().toISOString(),
  });
}
