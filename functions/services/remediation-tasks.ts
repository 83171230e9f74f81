import * as z from 'zod';
import type { AuditBundle, StoredRemediationTask } from '../adapters/dynamodb/audit-repository.js';
import { ItemNotFoundError } from '../adapters/dynamodb/persistence-errors.js';
import { clock, repository } from '../adapters/runtime/bindings.js';
import {
  auditTakesRemediationWork,
  REMEDIATION_WORK_AUDIT_STATUSES,
} from '../domain/access/remediation-work-policy.js';
import { endOfLocalDay, localDateAt } from '../domain/calendar/time-zones.js';
import { DomainValidationError } from '../domain/errors.js';
import { transitionFinding } from '../domain/lifecycle/finding.js';
import { findingSettledBy, taskReference } from '../domain/lifecycle/remediation-phase.js';
import { openRemediationTask, transitionRemediationTask } from '../domain/lifecycle/remediation-task.js';
import { unwrapTransition } from '../domain/lifecycle/state-machine.js';
import type { Audit } from '../domain/schemas/audit.js';
import {
  type Actor,
  EntityIdSchema,
  IsoDateSchema,
  ReasonSchema,
  type ResponsibleRole,
  ResponsibleRoleSchema,
} from '../domain/schemas/common.js';
import type { Finding, RemediationTask } from '../domain/schemas/finding.js';
import { parseOrThrow } from '../domain/schemas/format-issues.js';
import {
  sendPlanAccepted,
  sendPlanRevisionRequested,
  sendRemediationRequired,
  sendTaskClosed,
} from './remediation-notices.js';
import { completeRemediationIfDone } from './remediation-phase.js';
import { StateConflictError } from './service-errors.js';

/*
 * Remediation tasks, the reviewer's side: each finding yields one or more tasks, each owned by an agency role
 * and due when the severity policy says. The agency answers through its link (corrective-action-plans.ts);
 * here the reviewer accepts the plan or sends it back with a reason, then verifies the fix and closes the
 * task. When a finding's tasks are all done it closes, and when every finding is closed the audit's
 * remediation phase is complete (the workflow is woken by completeRemediation).
 */

/** Tasks are added and decided while the audit is in review or remediation; a closed audit changes no more. */
function requireTaskChanges(audit: Audit): void {
  if (!auditTakesRemediationWork(audit.status)) {
    throw new StateConflictError(
      `Audit ${audit.auditId} is ${audit.status}: remediation tasks change only while an audit is ${REMEDIATION_WORK_AUDIT_STATUSES.join(' or ')}.`,
    );
  }
}

async function requireBundle(auditId: string): Promise<AuditBundle> {
  const bundle = await repository().audits.getAuditBundle(auditId);
  if (!bundle) throw new ItemNotFoundError('Audit', auditId);
  return bundle;
}

/**
 * Opens a finding's task number `sequence` for a role (retry-safe: the id is deterministic and an existing task is
 * returned as it is), moves the finding into remediation, and, when the audit is already in remediation, emails
 * the owner role its new task with a link. A due date, when given, replaces the finding's.
 */
export async function openTaskForFinding(input: {
  audit: Audit;
  finding: Finding;
  ownerRole: ResponsibleRole;
  sequence: number;
  dueDate?: string;
  actor: Actor;
}): Promise<StoredRemediationTask> {
  const { audit, actor } = input;
  const { audits, agencies } = repository();
  const now = clock().now();
  const { task, event } = openRemediationTask(
    input.finding,
    { ownerRole: input.ownerRole, sequence: input.sequence },
    { at: now, actor },
  );
  const dueDate = input.dueDate ?? task.dueDate;
  const { version: _version, ...unsaved } = task;
  const { task: saved } = await audits.createRemediationTask(
    {
      ...unsaved,
      ...(audit.agencyName ? { agencyName: audit.agencyName } : {}),
      dueDate,
      dueAt: endOfLocalDay(dueDate, audit.timeZone).toISOString(),
    },
    { ...event, payload: { ...event.payload, dueDate } },
  );
  let finding = input.finding;
  if (finding.status === 'open') {
    const moved = unwrapTransition(
      transitionFinding(finding, { action: 'start-remediation' }, { at: now, actor }),
    );
    finding = await audits.saveFinding(finding, moved.entity, moved.event);
  }
  if (audit.status === 'remediation') {
    await sendRemediationRequired({
      audit,
      agency: await agencies.getAgency(audit.ori),
      role: saved.ownerRole,
      tasks: [saved],
      findings: [finding],
      stepKey: `task-${taskReference(saved.taskId)}-opened`,
      now,
    });
  }
  return saved;
}

export const AddTaskInputSchema = z.strictObject({
  /** The agency role that owns the corrective action. */
  ownerRole: ResponsibleRoleSchema,
  /** Defaults to the finding's due date (from the severity policy). */
  dueDate: IsoDateSchema.optional(),
});
export type AddTaskInput = z.input<typeof AddTaskInputSchema>;

/** Another task for a finding (a second role's part of the fix, or one replacing a cancelled task). */
export async function addRemediationTask(
  auditId: string,
  findingId: string,
  input: unknown,
  actor: Actor,
): Promise<StoredRemediationTask> {
  const valid = parseOrThrow(AddTaskInputSchema, input, 'remediation task');
  const bundle = await requireBundle(auditId);
  requireTaskChanges(bundle.audit);
  const finding = bundle.findings.find((candidate) => candidate.findingId === findingId);
  if (!finding) throw new ItemNotFoundError('Finding', `${findingId} of audit ${auditId}`);
  if (finding.status !== 'open' && finding.status !== 'remediation') {
    throw new StateConflictError(
      `Finding ${findingId} is ${finding.status}: tasks are added to open findings or findings in remediation.`,
    );
  }
  const today = localDateAt(clock().now(), bundle.audit.timeZone);
  if (valid.dueDate !== undefined && valid.dueDate < today) {
    throw new DomainValidationError('remediation task', [
      `dueDate: ${valid.dueDate} has passed; give today (${today}) or later`,
    ]);
  }
  const sequence = bundle.tasks.filter((task) => task.findingId === findingId).length + 1;
  return openTaskForFinding({
    audit: bundle.audit,
    finding,
    ownerRole: valid.ownerRole,
    sequence,
    ...(valid.dueDate ? { dueDate: valid.dueDate } : {}),
    actor,
  });
}

export interface AuditTasks {
  readonly auditId: string;
  readonly status: Audit['status'];
  readonly tasks: RemediationTask[];
}

/** An audit's remediation tasks in id order (finding, then task sequence). */
export async function listRemediationTasks(auditId: string): Promise<AuditTasks> {
  const bundle = await requireBundle(auditId);
  return {
    auditId,
    status: bundle.audit.status,
    tasks: [...bundle.tasks].sort((a, b) => a.taskId.localeCompare(b.taskId)),
  };
}

export const TASK_DECISIONS = ['accept-plan', 'request-revision', 'verify', 'close', 'cancel'] as const;

/** The verification evidence a verify or close names; when absent, every file uploaded for the task. */
const VerificationEvidenceIdsSchema = z
  .array(EntityIdSchema)
  .min(1, 'list at least one piece of evidence')
  .max(50)
  .optional();

export const TaskDecisionInputSchema = z.discriminatedUnion(
  'decision',
  [
    z.strictObject({ decision: z.literal('accept-plan') }),
    z.strictObject({ decision: z.literal('request-revision'), reason: ReasonSchema }),
    z.strictObject({ decision: z.literal('verify'), evidenceIds: VerificationEvidenceIdsSchema }),
    z.strictObject({ decision: z.literal('close'), evidenceIds: VerificationEvidenceIdsSchema }),
    z.strictObject({ decision: z.literal('cancel'), reason: ReasonSchema }),
  ],
  { error: `decision must be one of: ${TASK_DECISIONS.join(', ')}` },
);
export type TaskDecisionInput = z.input<typeof TaskDecisionInputSchema>;

/** The verification evidence a decision names: by default all the task's, and only the task's. */
function verificationEvidence(
  bundle: AuditBundle,
  task: RemediationTask,
  named?: readonly string[],
): string[] {
  const uploaded = bundle.evidence.filter((evidence) => evidence.taskId === task.taskId);
  if (!named) return uploaded.map((evidence) => evidence.evidenceId);
  const known = new Set(uploaded.map((evidence) => evidence.evidenceId));
  const foreign = named.filter((id) => !known.has(id));
  if (foreign.length > 0) {
    throw new ItemNotFoundError('Verification evidence', `${foreign.join(', ')} of task ${task.taskId}`);
  }
  return [...named];
}

/**
 * A reviewer's decision on a task: accept the plan, send it back with a reason, verify the fix, close (which
 * verifies first when the fix is not yet verified), or cancel with a reason. Illegal moves (closing a task with
 * no accepted plan) are refused by the task's lifecycle and change nothing.
 */
export async function decideRemediationTask(
  auditId: string,
  taskId: string,
  input: unknown,
  actor: Actor,
): Promise<StoredRemediationTask> {
  const decision = parseOrThrow(TaskDecisionInputSchema, input, 'task decision');
  const bundle = await requireBundle(auditId);
  const { audit } = bundle;
  requireTaskChanges(audit);
  const found = bundle.tasks.find((candidate) => candidate.taskId === taskId);
  if (!found) throw new ItemNotFoundError('RemediationTask', `${taskId} of audit ${auditId}`);
  const finding = bundle.findings.find((candidate) => candidate.findingId === found.findingId);
  if (!finding) throw new ItemNotFoundError('Finding', found.findingId);
  const { audits, agencies } = repository();
  const now = clock().now();
  const context = { at: now, actor };
  let task = found;

  const apply = async (command: Parameters<typeof transitionRemediationTask>[1]) => {
    const { entity, event } = unwrapTransition(transitionRemediationTask(task, command, context));
    task = await audits.saveRemediationTask(task, { ...entity, dueAt: task.dueAt }, event);
  };

  const notice = async () => ({ audit, agency: await agencies.getAgency(audit.ori), task, finding, now });
  switch (decision.decision) {
    case 'accept-plan':
      await apply({ action: 'accept-plan' });
      await sendPlanAccepted(await notice());
      break;
    case 'request-revision':
      await apply({ action: 'request-revision', reason: decision.reason });
      await sendPlanRevisionRequested(await notice(), decision.reason);
      break;
    case 'verify':
      await apply({
        action: 'verify',
        evidenceIds: verificationEvidence(bundle, task, decision.evidenceIds),
      });
      break;
    case 'close':
      // Closing an accepted plan's task verifies it first, with its evidence; anything earlier is refused below.
      if (task.status === 'plan-accepted') {
        await apply({
          action: 'verify',
          evidenceIds: verificationEvidence(bundle, task, decision.evidenceIds),
        });
      }
      await apply({ action: 'close' });
      await sendTaskClosed(await notice());
      await settleFinding(auditId, finding.findingId, actor);
      break;
    case 'cancel':
      await apply({ action: 'cancel', reason: decision.reason });
      await settleFinding(auditId, finding.findingId, actor);
      break;
  }
  return task;
}

/**
 * Closes a finding whose tasks are all done (at least one closed), then, when that was the audit's last open
 * finding, wakes the workflow to close the audit. Safe to repeat: a closed finding is left alone.
 */
export async function settleFinding(auditId: string, findingId: string, actor: Actor): Promise<void> {
  const bundle = await requireBundle(auditId);
  let finding = bundle.findings.find((candidate) => candidate.findingId === findingId);
  if (!finding || !findingSettledBy(finding, bundle.tasks)) return;
  const { audits } = repository();
  const context = { at: clock().now(), actor };
  const move = async (current: Finding, action: 'verify' | 'close') => {
    const { entity, event } = unwrapTransition(transitionFinding(current, { action }, context));
    return audits.saveFinding(current, entity, event);
  };
  if (finding.status === 'remediation') finding = await move(finding, 'verify');
  if (finding.status === 'verified') finding = await move(finding, 'close');
  await completeRemediationIfDone(auditId);
}
