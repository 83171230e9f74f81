import { ItemNotFoundError } from '../adapters/dynamodb/persistence-errors.js';
import { clock, repository, workflows } from '../adapters/runtime/bindings.js';
import { transitionAudit } from '../domain/lifecycle/audit.js';
import {
  findingsNeedingRemediation,
  followUpExecutionName,
  planRemediationWait,
  remediationComplete,
  taskInProgress,
} from '../domain/lifecycle/remediation-phase.js';
import { transitionRemediationTask } from '../domain/lifecycle/remediation-task.js';
import { unwrapTransition } from '../domain/lifecycle/state-machine.js';
import {
  buildNoticeSchedule,
  type NoticeSchedule,
  nextNoticeAfter,
  noticesDueBetween,
} from '../domain/notices/notice-schedule.js';
import type { Audit } from '../domain/schemas/audit.js';
import type { Actor } from '../domain/schemas/common.js';
import type { RemediationTask } from '../domain/schemas/finding.js';
import { currentAudit, parkUnlessDone, resumeWaitingWorkflow } from './audit-lifecycle.js';
import { sendRemediationRequired, sendTaskScheduleStep } from './remediation-notices.js';
import { openTaskForFinding } from './remediation-tasks.js';
import { StateConflictError } from './service-errors.js';

/*
 * The audit-lifecycle workflow's remediation phase: after review, an audit with findings moves to remediation;
 * the workflow waits (a callback task whose timeout is the next task notice) until every finding is closed or an
 * administrator closes the audit with a reason. Remediation that would outlast one execution continues in a
 * follow-up execution: all state is in the table, so nothing is lost between them.
 */

const workflowActor: Actor = { type: 'system', id: 'audit-lifecycle' };

/** A task's reminders, due-day, overdue and escalation notices, from the same policy as the audit's. */
const taskNoticeSchedule = (audit: Audit, task: RemediationTask): NoticeSchedule =>
  buildNoticeSchedule({
    dueDate: task.dueDate,
    timeZone: audit.timeZone,
    responsibleRole: task.ownerRole,
    opensAt: task.createdAt,
  });

/**
 * After review: with findings that need corrective action, gives each one a task if it has none (owned by the
 * audit's responsible role), moves the audit to remediation and emails each owner role its tasks with a link.
 * Without findings, the audit goes on to close. A retried step finds the audit in remediation and the emails
 * recorded, and does neither again.
 */
export async function beginRemediation(auditId: string): Promise<{ remediation: boolean }> {
  let audit = await currentAudit(auditId);
  if (audit.status !== 'in-review' && audit.status !== 'remediation') return { remediation: false };
  const { audits, agencies } = repository();
  let bundle = await audits.getAuditBundle(auditId);
  const findings = findingsNeedingRemediation(bundle?.findings ?? []);
  if (findings.length === 0) return { remediation: false };

  for (const finding of findings) {
    const hasTask = bundle?.tasks.some((task) => task.findingId === finding.findingId);
    if (!hasTask && finding.status !== 'closed') {
      await openTaskForFinding({
        audit,
        finding,
        ownerRole: audit.responsibleRole,
        sequence: 1,
        actor: workflowActor,
      });
    }
  }
  if (audit.status === 'in-review') {
    const { entity, event } = unwrapTransition(
      transitionAudit(audit, { action: 'require-remediation' }, { at: clock().now(), actor: workflowActor }),
    );
    audit = await audits.saveAudit(audit, entity, event);
  }
  bundle = await audits.getAuditBundle(auditId);
  const agency = await agencies.getAgency(audit.ori);
  const open = (bundle?.tasks ?? []).filter(taskInProgress);
  for (const role of [...new Set(open.map((task) => task.ownerRole))]) {
    await sendRemediationRequired({
      audit,
      agency,
      role,
      tasks: open.filter((task) => task.ownerRole === role),
      findings: bundle?.findings ?? [],
      stepKey: `remediation-${role}`,
      now: clock().now(),
    });
  }
  return { remediation: true };
}

export interface RemediationPlan {
  readonly waitSeconds: number;
  readonly handOff: boolean;
  /** Loops this execution has made, counted by the workflow through this step. */
  readonly loops: number;
  readonly sendAt?: string;
}

/**
 * When the remediation wait should next wake up (the next notice of any open task), and whether this execution
 * should hand over to a follow-up instead. Also notes which execution now runs the audit: the first execution
 * started when the audit opened; a follow-up, when it first plans.
 */
export async function planRemediationNotice(
  auditId: string,
  executionName: string,
  loops: number,
): Promise<RemediationPlan> {
  let audit = await currentAudit(auditId);
  const now = clock().now();
  if (audit.execution?.name !== executionName) {
    const startedAt =
      !audit.execution && executionName === auditId
        ? (audit.openedAt ?? now.toISOString())
        : now.toISOString();
    audit = await repository().audits.saveAuditBookkeeping(audit, {
      execution: { name: executionName, startedAt },
    });
  }
  const bundle = await repository().audits.getAuditBundle(auditId);
  const handled =
    audit.remediationNoticesHandledThrough && audit.remediationNoticesHandledThrough > now.toISOString()
      ? audit.remediationNoticesHandledThrough
      : now.toISOString();
  const next = (bundle?.tasks ?? [])
    .filter(taskInProgress)
    .map((task) => nextNoticeAfter(taskNoticeSchedule(audit, task), handled)?.sendAt)
    .filter((sendAt): sendAt is string => sendAt !== undefined)
    .sort()[0];
  const wait = planRemediationWait({
    now,
    executionStartedAt: audit.execution?.startedAt ?? now.toISOString(),
    loops,
    ...(next ? { nextNoticeAt: next } : {}),
  });
  return { ...wait, loops: loops + 1, ...(next ? { sendAt: next } : {}) };
}

/**
 * Parks the workflow until remediation is complete. If it completed (or an administrator closed the audit)
 * while no token was stored, completes the task at once.
 */
export async function waitForRemediation(auditId: string, taskToken: string): Promise<{ waiting: boolean }> {
  const audit = await currentAudit(auditId);
  const bundle = await repository().audits.getAuditBundle(auditId);
  const done = audit.status !== 'remediation' || remediationComplete(bundle?.findings ?? []);
  return parkUnlessDone(audit, taskToken, done, 'remediation');
}

/**
 * The remediation wait timed out: task notices are due. Sends every step due since the last handled (any
 * missed while the workflow was down included) for each task still in progress, then moves the cursor to now.
 */
export async function recordRemediationNoticesDue(auditId: string): Promise<{ recorded: string[] }> {
  const audit = await currentAudit(auditId);
  const now = clock().now();
  const { audits, agencies } = repository();
  const bundle = await audits.getAuditBundle(auditId);
  const agency = await agencies.getAgency(audit.ori);
  const recorded: string[] = [];
  for (const task of (bundle?.tasks ?? []).filter(taskInProgress)) {
    const finding = bundle?.findings.find((candidate) => candidate.findingId === task.findingId);
    if (!finding) continue;
    const due = noticesDueBetween(
      taskNoticeSchedule(audit, task),
      audit.remediationNoticesHandledThrough ?? task.createdAt,
      now,
    );
    for (const step of due) {
      await sendTaskScheduleStep({ audit, agency, task, finding, now }, step);
      recorded.push(`${task.taskId}:${step.key}`);
    }
  }
  await audits.saveAuditBookkeeping(audit, {
    remediationNoticesHandledThrough: now.toISOString(),
    waitingTaskToken: null,
  });
  return { recorded };
}

/**
 * Hands the remediation phase to a follow-up execution, named from this one, so a retried hand-off starts the
 * same execution (a no-op). This execution then ends.
 */
export async function continueInFollowUp(
  auditId: string,
  executionName: string,
): Promise<{ executionName: string; started: boolean }> {
  const audit = await currentAudit(auditId);
  const next = followUpExecutionName(auditId, executionName);
  await repository().audits.saveAuditBookkeeping(audit, { waitingTaskToken: null });
  const { started } = await workflows().continueAuditLifecycle({ auditId, executionName: next });
  return { executionName: next, started };
}

/** The last finding closed: wake the remediation wait, which goes on to close the audit. */
export async function completeRemediationIfDone(auditId: string): Promise<{ resumed: boolean }> {
  const bundle = await repository().audits.getAuditBundle(auditId);
  if (bundle?.audit.status !== 'remediation') return { resumed: false };
  if (!remediationComplete(bundle.findings)) return { resumed: false };
  return resumeWaitingWorkflow(bundle.audit, { auditId, phase: 'remediation' });
}

/**
 * An administrator closes an audit before its remediation is complete, with a reason: the tasks still in
 * progress are cancelled with that reason (they leave the due index and the digest), the audit closes, and its
 * workflow is woken to store the close-out report.
 */
export async function closeAuditByAdministrator(
  auditId: string,
  reason: string,
  actor: Actor,
): Promise<Audit> {
  const { audits } = repository();
  const bundle = await audits.getAuditBundle(auditId);
  if (!bundle) throw new ItemNotFoundError('Audit', auditId);
  const { audit } = bundle;
  if (audit.status !== 'in-review' && audit.status !== 'remediation') {
    throw new StateConflictError(
      `Audit ${auditId} is ${audit.status}: an administrator closes an audit in review or remediation; a closed one stays closed, and one still collecting evidence is cancelled instead.`,
    );
  }
  const at = clock().now();
  // Checked before any task changes, so a blank reason writes nothing.
  const closing = unwrapTransition(transitionAudit(audit, { action: 'close', reason }, { at, actor }));
  const cancelReason = `Audit closed by an administrator: ${reason.trim()}`.slice(0, 2000);
  for (const task of bundle.tasks.filter(
    (candidate) => candidate.status !== 'verified' && taskInProgress(candidate),
  )) {
    const { entity, event } = unwrapTransition(
      transitionRemediationTask(task, { action: 'cancel', reason: cancelReason }, { at, actor }),
    );
    await audits.saveRemediationTask(task, { ...entity, dueAt: task.dueAt }, event);
  }
  const closed = await audits.saveAudit(audit, closing.entity, closing.event);
  await audits.withdrawOpenWork(auditId);
  // A workflow that stopped waiting in the meantime sees the closed audit at its next step and closes out.
  await resumeWaitingWorkflow(closed, { auditId, phase: 'closed-by-administrator' });
  return (await audits.getAudit(auditId)) ?? closed;
}
