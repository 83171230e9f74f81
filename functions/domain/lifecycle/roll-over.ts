import { DomainError } from '../errors.js';
import type { Audit } from '../schemas/audit.js';
import type { Evidence, EvidenceRequest } from '../schemas/evidence.js';
import type { Finding } from '../schemas/finding.js';
import { requestedEvidence, type ScheduledAudit } from './audit.js';

/*
 * Roll-over: the next occurrence of a program for an agency starts from the previous one. The new audit names
 * the previous audit; each of its requests says how the same requirement ended there (status, and the file it
 * last held), and requirements the previous audit asked for that the obligation no longer lists are asked
 * again, so nothing the agency was held to silently drops out between two occurrences.
 */

/** What places an audit in its agency's run of a program: enough to tell whether one can precede another. */
export type AuditPlace = Pick<Audit, 'auditId' | 'ori' | 'programId' | 'dueAt'>;

/** What scheduling reads of the program's previous audit for the agency, and hands in. */
export interface PreviousAudit {
  readonly audit: AuditPlace;
  readonly requests: readonly EvidenceRequest[];
  /** The previous audit's evidence; only each request's current file is used. */
  readonly evidence: readonly Evidence[];
}

type CarriedForward = NonNullable<EvidenceRequest['carriedForwardFrom']>;

/** How a previous audit's request ended: its status, and its current file when it had one. */
export function carriedForwardFrom(request: EvidenceRequest, evidence: readonly Evidence[]): CarriedForward {
  const current = request.currentEvidenceId
    ? evidence.find((item) => item.evidenceId === request.currentEvidenceId)
    : undefined;
  return {
    auditId: request.auditId,
    requestId: request.requestId,
    status: request.status,
    ...(request.currentEvidenceId ? { evidenceId: request.currentEvidenceId } : {}),
    ...(current
      ? { sha256: current.sha256, fileName: current.fileName, effectiveDate: current.effectiveDate }
      : {}),
  };
}

/**
 * Why `previous` cannot be the previous audit of `audit`, or undefined when it can. Finding the previous audit
 * (the latest one not cancelled) is the caller's read; this only refuses one that cannot be it. A previous audit
 * cancelled after the new audit was created from it stays its previous audit, so status is not checked here.
 */
export function whyNotPreviousAudit(audit: AuditPlace, previous: AuditPlace): string | undefined {
  if (previous.auditId === audit.auditId) return 'is the audit itself';
  if (previous.ori !== audit.ori) return `belongs to agency ${previous.ori}`;
  if (previous.programId !== audit.programId) return `is of program ${previous.programId}`;
  if (previous.dueAt >= audit.dueAt) return `is not due before it (${previous.dueAt})`;
  return undefined;
}

/**
 * The scheduled audit rolled over from the program's previous audit for the agency (unchanged when there is
 * none: the program's first audit). Requests of the obligation keep their order; requests carried over from
 * the previous audit alone follow, by requirement id. Deterministic, like scheduleAudit: ids come from the new
 * audit and the requirement, so creating the result with conditional puts stays safe to retry.
 */
export function rollOverAudit(
  scheduled: ScheduledAudit,
  previous: PreviousAudit | undefined,
): ScheduledAudit {
  if (!previous) return scheduled;
  const { audit } = scheduled;
  const problem = whyNotPreviousAudit(audit, previous.audit);
  if (problem) {
    throw new DomainError(
      `Audit ${previous.audit.auditId} cannot be the previous audit of ${audit.auditId}: it ${problem}.`,
    );
  }
  const before = new Map(previous.requests.map((request) => [request.requirementId, request]));
  const fromObligation = scheduled.requests.map((request) => {
    const earlier = before.get(request.requirementId);
    return earlier
      ? { ...request, carriedForwardFrom: carriedForwardFrom(earlier, previous.evidence) }
      : request;
  });
  const listed = new Set(scheduled.requests.map((request) => request.requirementId));
  const onlyBefore = [...previous.requests]
    .filter((request) => !listed.has(request.requirementId))
    .sort((a, b) => (a.requirementId < b.requirementId ? -1 : a.requirementId > b.requirementId ? 1 : 0))
    .map(
      (earlier): EvidenceRequest => ({
        ...requestedEvidence(audit, earlier),
        carriedForwardFrom: carriedForwardFrom(earlier, previous.evidence),
      }),
    );
  const requests = [...fromObligation, ...onlyBefore];
  return {
    audit: { ...audit, previousAuditId: previous.audit.auditId },
    requests,
    event: {
      ...scheduled.event,
      payload: {
        ...scheduled.event.payload,
        requirementIds: requests.map((request) => request.requirementId),
        previousAuditId: previous.audit.auditId,
        carriedForwardRequirementIds: requests
          .filter((request) => request.carriedForwardFrom)
          .map((request) => request.requirementId),
        requirementIdsOnlyInPreviousAudit: onlyBefore.map((request) => request.requirementId),
      },
    },
  };
}

/**
 * The previous audit's finding on the same requirement, for marking a new finding as a repeat: not withdrawn
 * (a finding raised in error is no precedent), the latest raised if there were several. None for a finding
 * about no particular requirement.
 */
export function repeatFindingOf(
  previousFindings: readonly Finding[],
  requirementId: string | undefined,
): Finding | undefined {
  if (requirementId === undefined) return undefined;
  let latest: Finding | undefined;
  for (const finding of previousFindings) {
    if (finding.requirementId !== requirementId || finding.status === 'withdrawn') continue;
    const later =
      !latest ||
      finding.raisedAt > latest.raisedAt ||
      (finding.raisedAt === latest.raisedAt && finding.findingId > latest.findingId);
    if (later) latest = finding;
  }
  return latest;
}
