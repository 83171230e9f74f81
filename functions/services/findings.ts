import * as z from 'zod';
import { ItemNotFoundError } from '../adapters/dynamodb/persistence-errors.js';
import { clock, repository, settings } from '../adapters/runtime/bindings.js';
import { raiseFinding } from '../domain/lifecycle/finding.js';
import { repeatFindingOf } from '../domain/lifecycle/roll-over.js';
import type { Audit } from '../domain/schemas/audit.js';
import type { Actor } from '../domain/schemas/common.js';
import { EntityIdSchema, ResponsibleRoleSchema, SlugSchema } from '../domain/schemas/common.js';
import { type Finding, SeveritySchema } from '../domain/schemas/finding.js';
import { parseOrThrow } from '../domain/schemas/format-issues.js';
import { openTaskForFinding } from './remediation-tasks.js';
import { previousAuditFindings } from './roll-over.js';

/*
 * Findings a reviewer records against an audit. The due date always follows the deployment's severity policy
 * (REMEDIATION_DAYS) in the audit's time zone, so the input has no due date. Each finding opens with its first
 * remediation task, owned by the role given (the audit's responsible role by default); more tasks can be added.
 * A finding on a requirement that had one in the program's previous audit for this agency is marked a repeat.
 */

export const RecordFindingInputSchema = z
  .strictObject({
    /** The audit's evidence request the finding is about (its requirement is recorded). */
    requestId: EntityIdSchema.optional(),
    /** Or the requirement directly; it must be one of the audit's requests. */
    requirementId: SlugSchema.optional(),
    severity: SeveritySchema,
    title: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(200, 'must be at most 200 characters')
      .optional(),
    description: z
      .string()
      .trim()
      .min(1, 'description is required')
      .max(10_000, 'must be at most 10000 characters'),
    /** The agency role that owns the first remediation task; the audit's responsible role by default. */
    ownerRole: ResponsibleRoleSchema.optional(),
  })
  .refine((input) => (input.requestId === undefined) !== (input.requirementId === undefined), {
    path: ['requestId'],
    message: 'give exactly one of requestId or requirementId',
  });
export type RecordFindingInput = z.input<typeof RecordFindingInputSchema>;

/** Findings are recorded while the audit is in review, or later in remediation. */
const AUDIT_TAKES_FINDINGS = new Set<Audit['status']>(['in-review', 'remediation']);

export class AuditNotTakingFindingsError extends Error {
  override readonly name = 'AuditNotTakingFindingsError';
  constructor(
    readonly auditId: string,
    readonly status: string,
  ) {
    super(`Audit ${auditId} is ${status}: findings are recorded while an audit is in review or remediation.`);
  }
}

/** Two reviewers took the same sequence number at once: reading the audit again gives the next one. */
export class FindingSequenceTakenError extends Error {
  override readonly name = 'FindingSequenceTakenError';
  constructor(readonly findingId: string) {
    super(`Finding ${findingId} was recorded by someone else at the same moment: retry.`);
  }
}

const TITLE_LENGTH = 80;

/** The description's first line, shortened: the schema needs a title and the brief input need not give one. */
function titleOf(description: string): string {
  const firstLine = description.split('\n', 1)[0]?.trim() ?? description;
  return firstLine.length <= TITLE_LENGTH ? firstLine : `${firstLine.slice(0, TITLE_LENGTH - 1)}…`;
}

export async function recordFinding(auditId: string, input: unknown, actor: Actor): Promise<Finding> {
  const valid = parseOrThrow(RecordFindingInputSchema, input, 'finding');
  const bundle = await repository().audits.getAuditBundle(auditId);
  if (!bundle) throw new ItemNotFoundError('Audit', auditId);
  const { audit } = bundle;
  if (!AUDIT_TAKES_FINDINGS.has(audit.status)) throw new AuditNotTakingFindingsError(auditId, audit.status);

  // Only this audit's requests: a request id of another audit is not found here.
  const request =
    valid.requestId !== undefined
      ? bundle.requests.find((candidate) => candidate.requestId === valid.requestId)
      : bundle.requests.find((candidate) => candidate.requirementId === valid.requirementId);
  if (!request) {
    throw valid.requestId !== undefined
      ? new ItemNotFoundError('EvidenceRequest', `${valid.requestId} of audit ${auditId}`)
      : new ItemNotFoundError('Requirement', `${valid.requirementId} of audit ${auditId}`);
  }

  // A retry after a failure between storing the finding and opening its task: finish that finding, not a second.
  const unfinished = bundle.findings.find(
    (candidate) =>
      candidate.status === 'open' &&
      candidate.requirementId === request.requirementId &&
      candidate.severity === valid.severity &&
      candidate.description === valid.description &&
      !bundle.tasks.some((task) => task.findingId === candidate.findingId),
  );
  if (unfinished) return openFirstTask(audit, unfinished, valid.ownerRole, actor);

  const sequence = bundle.findings.length + 1;
  const repeat = repeatFindingOf(await previousAuditFindings(audit), request.requirementId);
  const { finding, event } = raiseFinding(
    {
      auditId,
      ori: audit.ori,
      sequence,
      severity: valid.severity,
      title: valid.title ?? titleOf(valid.description),
      description: valid.description,
      requirementId: request.requirementId,
    },
    { at: clock().now(), actor },
    { timeZone: audit.timeZone, severityPolicy: settings().severityPolicy },
  );
  const { version: _version, ...unsaved } = finding;
  const repeatOf = repeat ? { findingId: repeat.findingId, auditId: repeat.auditId } : undefined;
  const { created, finding: saved } = await repository().audits.createFinding(
    { ...unsaved, ...(repeatOf ? { repeatOf } : {}) },
    repeatOf ? { ...event, payload: { ...event.payload, repeatOf } } : event,
  );
  if (!created) throw new FindingSequenceTakenError(finding.findingId);
  return openFirstTask(audit, saved, valid.ownerRole, actor);
}

/** Opens a new finding's first task and answers with the finding as stored now (moved into remediation). */
async function openFirstTask(
  audit: Audit,
  finding: Finding,
  ownerRole: Audit['responsibleRole'] | undefined,
  actor: Actor,
): Promise<Finding> {
  await openTaskForFinding({
    audit,
    finding,
    ownerRole: ownerRole ?? audit.responsibleRole,
    sequence: 1,
    actor,
  });
  return (await repository().audits.getFinding(audit.auditId, finding.findingId)) ?? finding;
}

export interface AuditFindings {
  readonly auditId: string;
  readonly status: Audit['status'];
  readonly findings: Finding[];
}

/** An audit's findings in id (sequence) order. */
export async function listFindings(auditId: string): Promise<AuditFindings> {
  const bundle = await repository().audits.getAuditBundle(auditId);
  if (!bundle) throw new ItemNotFoundError('Audit', auditId);
  return {
    auditId,
    status: bundle.audit.status,
    findings: [...bundle.findings].sort((a, b) => a.findingId.localeCompare(b.findingId)),
  };
}
