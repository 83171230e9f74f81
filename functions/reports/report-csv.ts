import type { Actor } from '../domain/schemas/common.js';
import { type CsvColumn, csvText } from './csv-text.js';
import type {
  ReportDocument,
  ReportEvidence,
  ReportFinding,
  ReportRequest,
  ReportTask,
} from './report-schema.js';

/*
 * requests.csv has a row per file received (a request without any has one row with the file columns empty);
 * findings.csv a row per remediation task (a finding without tasks has one row with the task columns empty),
 * with the task's revision requests and verification files one per line in their cells. Rows follow
 * report.json's order, so the verifier can walk both side by side. Columns added later go at the end, so a
 * spreadsheet that picks columns by position keeps working.
 */

/** The columns the verifier compares with report.json. */
export const REQUESTS_CSV_KEYS = {
  requestId: 'request_id',
  evidenceId: 'evidence_id',
  sha256: 'sha256',
  sizeBytes: 'size_bytes',
} as const;
export const FINDINGS_CSV_KEYS = {
  findingId: 'finding_id',
  taskId: 'task_id',
  verificationSha256: 'verification_sha256',
} as const;

/** Several values in one cell, one per line (RFC 4180 quotes the cell). */
const perLine = (values: readonly string[]) => (values.length === 0 ? undefined : values.join('\n'));

/** "reviewer:jane.doe@doj.ca.gov", with the contact role when there is one. */
export function describeActor(actor: Actor | undefined): string | undefined {
  if (!actor) return undefined;
  return `${actor.type}:${actor.id}${actor.role ? ` (${actor.role})` : ''}`;
}

interface RequestRow {
  readonly request: ReportRequest;
  readonly evidence?: ReportEvidence;
}

const REQUEST_COLUMNS: readonly CsvColumn<RequestRow>[] = [
  { header: REQUESTS_CSV_KEYS.requestId, value: (row) => row.request.requestId },
  { header: 'requirement_id', value: (row) => row.request.requirementId },
  { header: 'description', value: (row) => row.request.description },
  { header: 'request_status', value: (row) => row.request.status },
  { header: 'due_date', value: (row) => row.request.dueDate },
  { header: REQUESTS_CSV_KEYS.evidenceId, value: (row) => row.evidence?.evidenceId },
  { header: 'file_name', value: (row) => row.evidence?.fileName },
  { header: 'content_type', value: (row) => row.evidence?.contentType },
  { header: REQUESTS_CSV_KEYS.sizeBytes, value: (row) => row.evidence?.sizeBytes },
  { header: REQUESTS_CSV_KEYS.sha256, value: (row) => row.evidence?.sha256 },
  { header: 'object_key', value: (row) => row.evidence?.objectKey },
  { header: 'object_version', value: (row) => row.evidence?.objectVersion },
  { header: 'received_at', value: (row) => row.evidence?.receivedAt },
  { header: 'effective_date', value: (row) => row.evidence?.effectiveDate },
  { header: 'current', value: (row) => (row.evidence ? (row.evidence.current ? 'yes' : 'no') : undefined) },
  { header: 'decision', value: (row) => row.evidence?.decision?.decision },
  { header: 'decided_at', value: (row) => row.evidence?.decision?.at },
  { header: 'reviewer', value: (row) => describeActor(row.evidence?.decision?.reviewer) },
  {
    header: 'decision_reason',
    value: (row) => row.evidence?.decision?.reason ?? row.evidence?.decision?.comment,
  },
  { header: 'carried_forward_audit_id', value: (row) => row.request.carriedForwardFrom?.auditId },
  { header: 'carried_forward_request_id', value: (row) => row.request.carriedForwardFrom?.requestId },
  { header: 'carried_forward_status', value: (row) => row.request.carriedForwardFrom?.status },
  { header: 'carried_forward_evidence_id', value: (row) => row.request.carriedForwardFrom?.evidenceId },
  { header: 'carried_forward_sha256', value: (row) => row.request.carriedForwardFrom?.sha256 },
  { header: 'carried_forward_file_name', value: (row) => row.request.carriedForwardFrom?.fileName },
  {
    header: 'carried_forward_effective_date',
    value: (row) => row.request.carriedForwardFrom?.effectiveDate,
  },
];

export function requestRows(document: ReportDocument): RequestRow[] {
  return document.requests.flatMap((request) =>
    request.evidence.length === 0
      ? [{ request }]
      : request.evidence.map((evidence) => ({ request, evidence })),
  );
}

export function requestsCsv(document: ReportDocument): string {
  return csvText(REQUEST_COLUMNS, requestRows(document));
}

interface FindingRow {
  readonly finding: ReportFinding;
  readonly task?: ReportTask;
}

const FINDING_COLUMNS: readonly CsvColumn<FindingRow>[] = [
  { header: FINDINGS_CSV_KEYS.findingId, value: (row) => row.finding.findingId },
  { header: 'severity', value: (row) => row.finding.severity },
  { header: 'title', value: (row) => row.finding.title },
  { header: 'description', value: (row) => row.finding.description },
  { header: 'finding_status', value: (row) => row.finding.status },
  { header: 'requirement_id', value: (row) => row.finding.requirementId },
  { header: 'due_date', value: (row) => row.finding.dueDate },
  { header: 'raised_at', value: (row) => row.finding.raisedAt },
  { header: 'raised_by', value: (row) => describeActor(row.finding.raisedBy) },
  { header: 'verified_at', value: (row) => row.finding.verifiedAt },
  { header: 'closed_at', value: (row) => row.finding.closedAt },
  { header: FINDINGS_CSV_KEYS.taskId, value: (row) => row.task?.taskId },
  { header: 'task_owner_role', value: (row) => row.task?.ownerRole },
  { header: 'task_status', value: (row) => row.task?.status },
  { header: 'task_due_date', value: (row) => row.task?.dueDate },
  { header: 'plan_summary', value: (row) => row.task?.plan?.summary },
  { header: 'plan_target_date', value: (row) => row.task?.plan?.targetDate },
  { header: 'revision_requests', value: (row) => row.task?.revisionRequests.length },
  { header: 'task_verified_at', value: (row) => row.task?.verifiedAt },
  { header: 'task_closed_at', value: (row) => row.task?.closedAt },
  { header: 'repeat_of_finding_id', value: (row) => row.finding.repeatOf?.findingId },
  { header: 'repeat_of_audit_id', value: (row) => row.finding.repeatOf?.auditId },
  { header: 'plan_steps', value: (row) => perLine(row.task?.plan?.steps ?? []) },
  { header: 'plan_submitted_at', value: (row) => row.task?.plan?.submittedAt },
  { header: 'plan_submitted_by', value: (row) => describeActor(row.task?.plan?.submittedBy) },
  {
    header: 'revision_request_history',
    value: (row) =>
      perLine(
        (row.task?.revisionRequests ?? []).map(
          (revision) => `${revision.at} ${describeActor(revision.by)}: ${revision.reason}`,
        ),
      ),
  },
  {
    header: 'verification_evidence_ids',
    value: (row) => perVerificationFile(row.task, 'evidenceId'),
  },
  {
    header: FINDINGS_CSV_KEYS.verificationSha256,
    value: (row) => verificationSha256(row.task),
  },
  {
    header: 'verification_object_versions',
    value: (row) => perVerificationFile(row.task, 'objectVersion'),
  },
  {
    header: 'verification_received_at',
    value: (row) => perVerificationFile(row.task, 'receivedAt'),
  },
  { header: 'task_cancel_reason', value: (row) => row.task?.cancelReason },
];

/** One field of each of a task's verification files, one per line. */
function perVerificationFile(
  task: ReportTask | undefined,
  field: 'evidenceId' | 'sha256' | 'objectVersion' | 'receivedAt',
): string | undefined {
  return perLine((task?.verificationEvidence ?? []).map((evidence) => evidence[field]));
}

/** The sha256 of each of a task's verification files, one per line: what the verifier compares. */
export function verificationSha256(task: ReportTask | undefined): string | undefined {
  return perVerificationFile(task, 'sha256');
}

export function findingRows(document: ReportDocument): FindingRow[] {
  return document.findings.flatMap((finding) => {
    const tasks = document.tasks.filter((task) => task.findingId === finding.findingId);
    return tasks.length === 0 ? [{ finding }] : tasks.map((task) => ({ finding, task }));
  });
}

export function findingsCsv(document: ReportDocument): string {
  return csvText(FINDING_COLUMNS, findingRows(document));
}
