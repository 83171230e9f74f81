import { DomainError } from '../domain/errors.js';
import type { Audit } from '../domain/schemas/audit.js';
import type { Evidence, EvidenceRequest } from '../domain/schemas/evidence.js';
import type { Finding, RemediationTask } from '../domain/schemas/finding.js';
import { parseOrThrow } from '../domain/schemas/format-issues.js';
import type { NotificationRecord } from '../domain/schemas/notification.js';
import type { TrailEvent } from '../domain/schemas/trail-event.js';
import type { UploadRejection } from '../domain/schemas/upload-link.js';
import { GENESIS_HASH, verifyTrailChain } from '../domain/trail/hash-chain.js';
import { REPORT_SCHEMA_VERSION } from './report-files.js';
import {
  type CarriedForward,
  type ReportDocument,
  ReportDocumentSchema,
  type TrailHead,
} from './report-schema.js';
import { decisionFromRequest, decisionsFromTrail } from './reviewer-decisions.js';

/** What the audit's partition holds (the repository's AuditBundle fits). */
export interface CloseOutBundle {
  readonly audit: Audit;
  readonly requests: readonly EvidenceRequest[];
  readonly evidence: readonly Evidence[];
  readonly findings: readonly Finding[];
  readonly tasks: readonly RemediationTask[];
  readonly notices: readonly NotificationRecord[];
  readonly rejections: readonly UploadRejection[];
}

export interface CloseOutReportInput {
  readonly bundle: CloseOutBundle;
  readonly agency: { readonly ori: string; readonly name: string };
  /** The audit's whole trail (its stream), in any order. */
  readonly trail: readonly TrailEvent[];
  /** When the report is made: handed in, never read from a clock. */
  readonly generatedAt: string;
  readonly programTitle: string;
}

/**
 * Orders by UTF-16 code units, like canonical JSON: localeCompare would make the order (and so the bytes of
 * the report) depend on the ICU data of the runtime that built it.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortedBy<T>(items: readonly T[], ...keys: readonly ((item: T) => string)[]): T[] {
  return [...items].sort((a, b) => {
    for (const key of keys) {
      const order = compareText(key(a), key(b));
      if (order !== 0) return order;
    }
    return 0;
  });
}

/** The trail in sequence order, checked: a report must not be built over a chain that does not verify. */
export function checkedTrail(
  trail: readonly TrailEvent[],
  auditId: string,
): { events: TrailEvent[]; head: TrailHead } {
  const events = [...trail].sort((a, b) => a.sequence - b.sequence);
  const stranger = events.find((event) => event.streamId !== auditId);
  if (stranger) {
    throw new DomainError(
      `Cannot build the report of audit ${auditId}: trail event ${stranger.sequence} belongs to stream ${stranger.streamId}.`,
    );
  }
  const verification = verifyTrailChain(events);
  if (!verification.valid) {
    throw new DomainError(
      `Cannot build the report of audit ${auditId}: its trail does not verify at event ${verification.sequence} (${verification.reason}). Run the trail verification and investigate before reporting.`,
    );
  }
  const last = events.at(-1);
  return {
    events,
    head: last ? { sequence: last.sequence, hash: last.hash } : { sequence: 0, hash: GENESIS_HASH },
  };
}

/** Every entity handed in must be the audit's own: a stray one would put another audit's data in the report. */
function checkBelongs(bundle: CloseOutBundle, agencyOri: string): void {
  const { auditId, ori } = bundle.audit;
  const refuse = (why: string) => new DomainError(`Cannot build the report of audit ${auditId}: ${why}.`);
  if (agencyOri !== ori) throw refuse(`it is ${ori}'s, not ${agencyOri}'s`);
  const children: readonly (readonly [string, string, string | undefined])[] = [
    ...bundle.requests.map((item) => ['request', item.requestId, item.auditId] as const),
    ...bundle.evidence.map((item) => ['evidence', item.evidenceId, item.auditId] as const),
    ...bundle.findings.map((item) => ['finding', item.findingId, item.auditId] as const),
    ...bundle.tasks.map((item) => ['task', item.taskId, item.auditId] as const),
    ...bundle.notices.map((item) => ['notice', item.notificationId, item.auditId] as const),
    ...bundle.rejections.map((item) => ['refused upload', item.rejectionId, item.auditId] as const),
  ];
  const stray = children.find(([, , owner]) => owner !== auditId);
  if (stray) throw refuse(`${stray[0]} ${stray[1]} belongs to audit ${stray[2] ?? '(none)'}`);
  // Evidence is listed under its request (verification evidence under its task): evidence for a request or task
  // not handed in would silently go missing.
  const requestIds = new Set(bundle.requests.map((request) => request.requestId));
  const orphan = bundle.evidence.find(
    (evidence) => evidence.taskId === undefined && !requestIds.has(evidence.requestId),
  );
  if (orphan)
    throw refuse(`evidence ${orphan.evidenceId} is for request ${orphan.requestId}, which was not handed in`);
  const taskIds = new Set(bundle.tasks.map((task) => task.taskId));
  const unlisted = bundle.evidence.find(
    (evidence) => evidence.taskId !== undefined && !taskIds.has(evidence.taskId),
  );
  if (unlisted)
    throw refuse(`evidence ${unlisted.evidenceId} verifies task ${unlisted.taskId}, which was not handed in`);
  // Likewise tasks, which the CSV and the page list under their finding.
  const findingIds = new Set(bundle.findings.map((finding) => finding.findingId));
  const loose = bundle.tasks.find((task) => !findingIds.has(task.findingId));
  if (loose) throw refuse(`task ${loose.taskId} is for finding ${loose.findingId}, which was not handed in`);
}

function carriedForward(from: NonNullable<EvidenceRequest['carriedForwardFrom']>): CarriedForward {
  return {
    auditId: from.auditId,
    requestId: from.requestId,
    status: from.status,
    evidenceId: from.evidenceId,
    sha256: from.sha256,
    fileName: from.fileName,
    effectiveDate: from.effectiveDate,
  };
}

/** What both evidence lists (a request's files, a task's verification files) say of a stored file. */
function storedFile(evidence: Evidence) {
  return {
    fileName: evidence.fileName,
    contentType: evidence.contentType,
    sizeBytes: evidence.sizeBytes,
    sha256: evidence.sha256,
    objectKey: evidence.objectKey,
    objectVersion: evidence.objectVersion,
    receivedAt: evidence.receivedAt,
    effectiveDate: evidence.effectiveDate,
    uploadedBy: evidence.uploadedBy,
    note: evidence.note,
  };
}

function reportRequests(bundle: CloseOutBundle, trail: readonly TrailEvent[]): ReportDocument['requests'] {
  const fromTrail = decisionsFromTrail(trail);
  return sortedBy(bundle.requests, (request) => request.requestId).map((request) => ({
    requestId: request.requestId,
    requirementId: request.requirementId,
    description: request.description,
    acceptedContentTypes: [...request.acceptedContentTypes],
    status: request.status,
    dueDate: request.dueDate,
    dueAt: request.dueAt,
    submissionCount: request.submissionCount,
    currentEvidenceId: request.currentEvidenceId,
    flagReason: request.flagReason,
    submittedAt: request.submittedAt,
    decidedAt: request.decidedAt,
    carriedForwardFrom: request.carriedForwardFrom && carriedForward(request.carriedForwardFrom),
    // A task's verification evidence is stored under the finding's request, but is not one of its submissions.
    evidence: sortedBy(
      bundle.evidence.filter(
        (evidence) => evidence.requestId === request.requestId && evidence.taskId === undefined,
      ),
      (evidence) => evidence.receivedAt,
      (evidence) => evidence.evidenceId,
    ).map((evidence) => {
      const current = evidence.evidenceId === request.currentEvidenceId;
      const decision =
        fromTrail.get(evidence.evidenceId) ?? (current ? decisionFromRequest(request) : undefined);
      return { evidenceId: evidence.evidenceId, ...storedFile(evidence), current, decision };
    }),
  }));
}

function reportTasks(bundle: CloseOutBundle): ReportDocument['tasks'] {
  return sortedBy(bundle.tasks, (task) => task.taskId).map((task) => ({
    taskId: task.taskId,
    findingId: task.findingId,
    ownerRole: task.ownerRole,
    dueDate: task.dueDate,
    status: task.status,
    plan: task.plan && {
      summary: task.plan.summary,
      steps: [...task.plan.steps],
      targetDate: task.plan.targetDate,
      submittedAt: task.plan.submittedAt,
      submittedBy: task.plan.submittedBy,
    },
    revisionRequests: task.revisionRequests.map(({ reason, at, by }) => ({ reason, at, by })),
    verificationEvidenceIds: [...task.verificationEvidenceIds],
    verificationEvidence: sortedBy(
      bundle.evidence.filter((evidence) => evidence.taskId === task.taskId),
      (evidence) => evidence.receivedAt,
      (evidence) => evidence.evidenceId,
    ).map((evidence) => ({
      evidenceId: evidence.evidenceId,
      requestId: evidence.requestId,
      ...storedFile(evidence),
    })),
    createdAt: task.createdAt,
    verifiedAt: task.verifiedAt,
    closedAt: task.closedAt,
    cancelReason: task.cancelReason,
  }));
}

export interface BuiltReportDocument {
  readonly document: ReportDocument;
  /** The trail it was built over, checked and in sequence order. */
  readonly trailEvents: readonly TrailEvent[];
}

/** The report's content, checked against its schema (which also puts every object's keys in a fixed order). */
export function buildReportDocument(input: CloseOutReportInput): BuiltReportDocument {
  const { bundle, agency } = input;
  const { audit } = bundle;
  checkBelongs(bundle, agency.ori);
  const trail = checkedTrail(input.trail, audit.auditId);
  const requests = reportRequests(bundle, trail.events);
  const tasks = reportTasks(bundle);
  const document = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    generatedAt: input.generatedAt,
    agency: { ori: agency.ori, name: agency.name },
    program: { programId: audit.programId, title: input.programTitle, catalogVersion: audit.catalogVersion },
    audit: {
      auditId: audit.auditId,
      periodKey: audit.periodKey,
      status: audit.status,
      timeZone: audit.timeZone,
      responsibleRole: audit.responsibleRole,
      nominalDate: audit.nominalDate,
      dueDate: audit.dueDate,
      dueAt: audit.dueAt,
      opensAt: audit.opensAt,
      createdAt: audit.createdAt,
      openedAt: audit.openedAt,
      reviewStartedAt: audit.reviewStartedAt,
      closedAt: audit.closedAt,
      closeReason: audit.closeReason,
      previousAuditId: audit.previousAuditId,
      cancelledAt: audit.cancelledAt,
      cancelReason: audit.cancelReason,
      failedAt: audit.failedAt,
      failure: audit.failure,
      // Never the workflow's callback token: it is a credential for the running execution.
    },
    requests,
    refusedUploads: sortedBy(
      bundle.rejections,
      (rejection) => rejection.at,
      (rejection) => rejection.rejectionId,
    ).map((rejection) => ({
      rejectionId: rejection.rejectionId,
      requestId: rejection.requestId,
      fileName: rejection.fileName,
      objectKey: rejection.objectKey,
      objectVersion: rejection.objectVersion,
      reasons: [...rejection.reasons],
      declaredSha256: rejection.declaredSha256,
      actualSha256: rejection.actualSha256,
      at: rejection.at,
    })),
    findings: sortedBy(bundle.findings, (finding) => finding.findingId).map((finding) => ({
      findingId: finding.findingId,
      requirementId: finding.requirementId,
      severity: finding.severity,
      title: finding.title,
      description: finding.description,
      status: finding.status,
      dueDate: finding.dueDate,
      raisedAt: finding.raisedAt,
      raisedBy: finding.raisedBy,
      verifiedAt: finding.verifiedAt,
      closedAt: finding.closedAt,
      withdrawnReason: finding.withdrawnReason,
      repeatOf: finding.repeatOf && {
        findingId: finding.repeatOf.findingId,
        auditId: finding.repeatOf.auditId,
      },
    })),
    tasks,
    notices: sortedBy(
      bundle.notices,
      (notice) => notice.scheduledFor,
      (notice) => notice.notificationId,
    ).map((notice) => ({
      notificationId: notice.notificationId,
      subjectId: notice.subjectId,
      kind: notice.kind,
      stepKey: notice.stepKey,
      template: notice.template,
      subject: notice.subject,
      recipients: notice.recipients,
      scheduledFor: notice.scheduledFor,
      status: notice.status,
      sesMessageId: notice.sesMessageId,
      sentAt: notice.sentAt,
      deliveredAt: notice.deliveredAt,
      // In the order they happened, as the notice keeps them; SES's de-duplication key is bookkeeping.
      deliveryEvents: notice.deliveryEvents.map(({ sesEventKey: _key, ...event }) => event),
    })),
    trail: { streamId: audit.auditId, eventCount: trail.events.length, head: trail.head },
    totals: {
      requests: requests.length,
      evidence: requests.reduce((sum, request) => sum + request.evidence.length, 0),
      verificationEvidence: tasks.reduce((sum, task) => sum + task.verificationEvidence.length, 0),
      refusedUploads: bundle.rejections.length,
      findings: bundle.findings.length,
      tasks: bundle.tasks.length,
      notices: bundle.notices.length,
    },
  };
  return {
    document: parseOrThrow(ReportDocumentSchema, document, `close-out report of audit ${audit.auditId}`),
    trailEvents: trail.events,
  };
}
