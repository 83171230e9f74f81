import * as z from 'zod';
import { repository } from '../adapters/runtime/bindings.js';
import {
  auditTakesRemediationWork,
  MAX_PLAN_STEPS,
  REMEDIATION_WORK_AUDIT_STATUSES,
} from '../domain/access/remediation-work-policy.js';
import { localDateAt } from '../domain/calendar/time-zones.js';
import { DomainValidationError } from '../domain/errors.js';
import { transitionRemediationTask } from '../domain/lifecycle/remediation-task.js';
import { unwrapTransition } from '../domain/lifecycle/state-machine.js';
import { EntityIdSchema, IsoDateSchema } from '../domain/schemas/common.js';
import type { CorrectiveActionPlan, RemediationTask } from '../domain/schemas/finding.js';
import { parseOrThrow } from '../domain/schemas/format-issues.js';
import { StateConflictError } from './service-errors.js';
import { openUploadLink, UploadLinkTokenSchema, uploadLinkActor } from './upload-link-access.js';

/*
 * Corrective action plans, the agency's side: through its upload link (no account), the agency answers a
 * remediation task with what it will do and by when. The link is checked as for an upload; the reviewer then
 * accepts the plan or asks for a revision (remediation-tasks.ts), and the agency resubmits here.
 */

export const CorrectiveActionPlanSubmissionSchema = z.strictObject({
  token: UploadLinkTokenSchema,
  taskId: EntityIdSchema,
  summary: z
    .string({ error: 'is required: say what the agency will do to correct the finding' })
    .trim()
    .min(1, 'is required: say what the agency will do to correct the finding')
    .max(10_000, 'must be at most 10,000 characters'),
  steps: z
    .array(
      z
        .string({ error: 'each step must be text' })
        .trim()
        .min(1, 'must not be empty: remove empty steps')
        .max(2000, 'must be at most 2,000 characters'),
      { error: 'must be a list of steps' },
    )
    .max(MAX_PLAN_STEPS, `must list at most ${MAX_PLAN_STEPS} steps`)
    .optional(),
  /** The day the agency expects the corrective action done; not before today in the audit's time zone. */
  targetDate: IsoDateSchema,
});
export type CorrectiveActionPlanSubmission = z.input<typeof CorrectiveActionPlanSubmissionSchema>;

export interface SubmittedPlan {
  readonly taskId: string;
  readonly status: RemediationTask['status'];
  readonly plan: CorrectiveActionPlan;
}

/**
 * Records an agency's corrective action plan for one remediation task of its link's audit.
 *
 * Input errors raise DomainValidationError (400, nothing read or written); a token that cannot be used raises
 * UploadLinkDeniedError; a task that is not in the link's audit raises UploadRefusedError('task-not-found') and
 * counts a failed use of the link, as an out-of-scope upload does; an audit outside review and remediation
 * raises StateConflictError and a task that takes no plan now IllegalTransitionError (both 409, nothing
 * written). A retry after success finds the task 'plan-submitted' and is refused the same way.
 */
export async function submitCorrectiveActionPlan(input: unknown): Promise<SubmittedPlan> {
  const submission = parseOrThrow(CorrectiveActionPlanSubmissionSchema, input, 'corrective action plan');
  const link = await openUploadLink(submission.token);
  const { scope } = link.record;
  const { audits } = repository();

  // Looked up in the link's own audit only: a task of any other audit is as unknown as one that never was.
  const task = await audits.getRemediationTask(scope.auditId, submission.taskId);
  if (!task || task.ori !== scope.agencyOri) {
    return link.refuse('task-not-found', `Remediation task ${submission.taskId} does not exist.`);
  }
  const audit = await audits.getAudit(task.auditId);
  if (!audit || !auditTakesRemediationWork(audit.status)) {
    throw new StateConflictError(
      `Audit ${task.auditId} is '${audit?.status ?? 'gone'}': corrective action plans are taken while the audit is ${REMEDIATION_WORK_AUDIT_STATUSES.map((status) => `'${status}'`).join(' or ')}.`,
    );
  }

  const linkRole = (await audits.getUploadLink(task.auditId, link.linkRef))?.role;
  const { entity, event } = unwrapTransition(
    transitionRemediationTask(
      task,
      {
        action: 'submit-plan',
        plan: {
          summary: submission.summary,
          ...(submission.steps ? { steps: submission.steps } : {}),
          targetDate: submission.targetDate,
        },
      },
      { at: link.now, actor: uploadLinkActor(link.linkRef, linkRole) },
    ),
  );
  // Checked after the task's state, so a plan that is not wanted is refused as such, whatever its date.
  const today = localDateAt(link.now, audit.timeZone);
  if (submission.targetDate < today) {
    throw new DomainValidationError('corrective action plan', [
      `targetDate: must not be before today (${today} in ${audit.timeZone}): give the day the corrective action will be done`,
    ]);
  }

  const saved = await audits.saveRemediationTask(task, { ...entity, dueAt: task.dueAt }, event);
  if (!saved.plan) throw new Error(`Remediation task ${saved.taskId} was saved without its plan`);
  return { taskId: saved.taskId, status: saved.status, plan: saved.plan };
}
