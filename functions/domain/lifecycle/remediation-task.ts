import { toIsoInstant } from '../calendar/time-zones.js';
import { remediationTaskId } from '../ids.js';
import type { ResponsibleRole } from '../schemas/common.js';
import { IsoDateSchema } from '../schemas/common.js';
import type { Finding, RemediationTask, RemediationTaskStatus } from '../schemas/finding.js';
import type { JsonValue, TrailEventDraft } from '../schemas/trail-event.js';
import {
  type Lifecycle,
  requireText,
  runTransition,
  type TransitionContext,
  type TransitionResult,
} from './state-machine.js';

export interface PlanInput {
  summary: string;
  steps?: string[];
  targetDate: string;
}

export type RemediationTaskCommand =
  | { action: 'submit-plan'; plan: PlanInput }
  | { action: 'request-revision'; reason: string }
  | { action: 'accept-plan' }
  | { action: 'verify'; evidenceIds: string[] }
  | { action: 'close' }
  | { action: 'cancel'; reason: string };

/*
 * The corrective action plan (CAP) loop: the agency submits a plan; the reviewer accepts it or asks for
 * a revision (with a reason), and the agency resubmits. Once the work is done, evidence verifies it and
 * the task closes. A task can be cancelled (with a reason) until it is verified.
 */
export const REMEDIATION_TASK_LIFECYCLE: Lifecycle<
  RemediationTaskStatus,
  RemediationTask,
  RemediationTaskCommand
> = {
  subject: 'remediation-task',
  transitions: {
    'submit-plan': {
      from: ['awaiting-plan', 'revision-requested'],
      to: 'plan-submitted',
      event: 'remediation-task.plan-submitted',
    },
    'request-revision': {
      from: ['plan-submitted'],
      to: 'revision-requested',
      event: 'remediation-task.revision-requested',
    },
    'accept-plan': { from: ['plan-submitted'], to: 'plan-accepted', event: 'remediation-task.plan-accepted' },
    verify: { from: ['plan-accepted'], to: 'verified', event: 'remediation-task.verified' },
    close: { from: ['verified'], to: 'closed', event: 'remediation-task.closed' },
    cancel: {
      from: ['awaiting-plan', 'plan-submitted', 'revision-requested', 'plan-accepted'],
      to: 'cancelled',
      event: 'remediation-task.cancelled',
    },
  },
  idOf: (task) => task.taskId,
  streamOf: (task) => task.auditId,
  check: (_task, command) => {
    switch (command.action) {
      case 'submit-plan':
        if (!IsoDateSchema.safeParse(command.plan.targetDate).success) {
          return { field: 'plan.targetDate', message: 'must be a calendar date written YYYY-MM-DD' };
        }
        return requireText(command.plan.summary, 'plan.summary');
      case 'request-revision':
      case 'cancel':
        return requireText(command.reason, 'reason');
      case 'verify':
        return command.evidenceIds.length > 0
          ? null
          : { field: 'evidenceIds', message: 'must list at least one piece of evidence showing the fix' };
      default:
        return null;
    }
  },
  apply: (task, command, { at, actor }) => {
    switch (command.action) {
      case 'submit-plan':
        return {
          plan: {
            summary: command.plan.summary.trim(),
            steps: command.plan.steps ?? [],
            targetDate: command.plan.targetDate,
            submittedAt: at,
            submittedBy: actor,
          },
        };
      case 'request-revision':
        return {
          revisionRequests: [...task.revisionRequests, { reason: command.reason.trim(), at, by: actor }],
        };
      case 'verify':
        return { verificationEvidenceIds: [...command.evidenceIds], verifiedAt: at };
      case 'close':
        return { closedAt: at };
      case 'cancel':
        return { cancelReason: command.reason.trim(), closedAt: at };
      default:
        return {};
    }
  },
  payload: (_task, command): Record<string, JsonValue> => {
    switch (command.action) {
      case 'submit-plan':
        return { targetDate: command.plan.targetDate, summary: command.plan.summary.trim() };
      case 'request-revision':
      case 'cancel':
        return { reason: command.reason.trim() };
      case 'verify':
        return { evidenceIds: [...command.evidenceIds] };
      default:
        return {};
    }
  },
};

export function transitionRemediationTask(
  task: RemediationTask,
  command: RemediationTaskCommand,
  context: TransitionContext,
): TransitionResult<RemediationTask> {
  return runTransition(REMEDIATION_TASK_LIFECYCLE, task, command, context);
}

/** A corrective-action task for a finding, owned by an agency role and due when the finding is. */
export function openRemediationTask(
  finding: Finding,
  input: { ownerRole: ResponsibleRole; sequence?: number },
  context: TransitionContext,
): { task: RemediationTask; event: TrailEventDraft } {
  const at = toIsoInstant(context.at);
  const task: RemediationTask = {
    taskId: remediationTaskId(finding.findingId, input.sequence ?? 1),
    findingId: finding.findingId,
    auditId: finding.auditId,
    ori: finding.ori,
    ownerRole: input.ownerRole,
    dueDate: finding.dueDate,
    status: 'awaiting-plan',
    revisionRequests: [],
    verificationEvidenceIds: [],
    createdAt: at,
    updatedAt: at,
    version: 0,
  };
  return {
    task,
    event: {
      type: 'remediation-task.opened',
      at,
      actor: context.actor,
      subject: { type: 'remediation-task', id: task.taskId },
      streamId: task.auditId,
      payload: { findingId: finding.findingId, ownerRole: task.ownerRole, dueDate: task.dueDate },
    },
  };
}
