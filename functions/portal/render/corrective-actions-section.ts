import { htmlEscape } from 'escape-goat';
import type { UploadPageRemediation, UploadPageTask } from '../upload-page-view.js';
import { describeAcceptedFileTypes } from './accepted-file-types.js';
import { joinLines } from './html.js';
import { formatByteSize, formatInstant, formatLocalDate } from './human-formats.js';
import { fact, receiptBlock, rejectionNotice, renderUploadArea } from './request-section.js';
import { SEVERITY_LABELS, TASK_STATUS_LABELS, whyNoTaskAction } from './task-status.js';

/*
 * The "Corrective actions" section: each remediation task of the audit with the finding it corrects, where it
 * stands, and what the agency can do now: send (or revise) a plan, or upload evidence of the fix once the plan is
 * accepted. Forms are hidden until the script runs, like the upload forms; the text reads without it.
 */

export interface CorrectiveActionsContext {
  readonly timeZone: string;
  readonly maxUploadBytes: number;
}

/** Text that keeps its line breaks (the page's CSS shows them; nothing here is markup). */
const paragraphText = (text: string) => htmlEscape`<p class="keeps-lines">${text}</p>`;

function revisionNotice(task: UploadPageTask): string {
  if (task.status !== 'revision-requested' || !task.revisionReason) return '';
  return joinLines(
    '<div class="notice notice-returned" data-role="revision-notice">',
    '<h4>Why the plan was sent back</h4>',
    paragraphText(task.revisionReason),
    '</div>',
  );
}

function planOnRecord(task: UploadPageTask, timeZone: string): string {
  const { plan } = task;
  if (!plan) return '';
  const heading =
    task.status === 'revision-requested' ? 'The plan that was sent back' : 'Your plan on record';
  const steps =
    plan.steps.length > 0
      ? `<ol class="plan-steps">\n${plan.steps.map((step) => htmlEscape`<li>${step}</li>`).join('\n')}\n</ol>`
      : '<p>No separate steps.</p>';
  return joinLines(
    '<div class="plan-on-record" data-role="plan-on-record">',
    htmlEscape`<h4>${heading}</h4>`,
    '<dl class="facts">',
    fact('Summary', paragraphText(plan.summary)),
    fact('Steps', steps),
    fact('Target date', htmlEscape(formatLocalDate(plan.targetDate))),
    fact('Sent', htmlEscape(formatInstant(plan.submittedAt, timeZone))),
    '</dl>',
    '</div>',
  );
}

function planForm(task: UploadPageTask, id: string, remediation: UploadPageRemediation): string {
  const { today, maxPlanSteps } = remediation;
  const revising = task.status === 'revision-requested';
  // A revision starts from the plan that was sent back: the agency edits rather than retypes it.
  const summary = revising ? (task.plan?.summary ?? '') : '';
  const steps = revising ? (task.plan?.steps ?? []).join('\n') : '';
  const targetDate = revising && task.plan && task.plan.targetDate >= today ? task.plan.targetDate : '';
  return joinLines(
    '<p class="upload-needs-script" data-role="plan-needs-script">Sending a plan needs JavaScript: see the note at the top of the page.</p>',
    htmlEscape`<form class="plan-form" data-task-plan="${task.taskId}" data-max-steps="${String(maxPlanSteps)}" novalidate hidden>`,
    htmlEscape`<h4>${revising ? 'Send a revised corrective action plan' : 'Send your corrective action plan'}</h4>`,
    htmlEscape`<label for="${id}-summary">What will your agency do to correct this finding?</label>`,
    htmlEscape`<textarea id="${id}-summary" name="summary" rows="6" maxlength="10000" required>${summary}</textarea>`,
    htmlEscape`<label for="${id}-steps">Steps (optional): one per line, at most ${String(maxPlanSteps)}</label>`,
    htmlEscape`<textarea id="${id}-steps" name="steps" rows="4">${steps}</textarea>`,
    htmlEscape`<label for="${id}-target">Target date: when the corrective action will be done</label>`,
    htmlEscape`<input type="date" id="${id}-target" name="targetDate" required min="${today}" value="${targetDate}">`,
    htmlEscape`<button type="submit">${revising ? 'Send the revised plan' : 'Send the plan'}</button>`,
    '</form>',
    htmlEscape`<p class="upload-status" id="${id}-plan-status" data-role="plan-status" role="status" aria-live="polite"></p>`,
    '<div class="plan-on-record" data-role="plan-sent" hidden></div>',
  );
}

function verificationPart(
  task: UploadPageTask,
  id: string,
  position: number,
  context: CorrectiveActionsContext,
): string {
  const received = task.verificationEvidence.map((evidence) =>
    receiptBlock(evidence, context.timeZone, 'Evidence of the fix on record'),
  );
  if (!task.verificationUploadable) return joinLines(...received);
  return joinLines(
    htmlEscape`<div class="verification" data-role="verification" data-task-id="${task.taskId}">`,
    '<h4>Evidence of the fix</h4>',
    '<p>When the corrective action is done, upload a file that shows it (a signed policy, a training roster, a screenshot of the setting). You can upload more than one.</p>',
    '<dl class="facts">',
    fact(
      'Accepted file types',
      htmlEscape(describeAcceptedFileTypes(task.acceptedContentTypes)),
      `${id}-types`,
    ),
    fact('Size limit', htmlEscape(`${formatByteSize(context.maxUploadBytes)} per file`), `${id}-limit`),
    '</dl>',
    ...received,
    rejectionNotice(task.lastRejection, context.timeZone, true),
    renderUploadArea({
      id,
      item: `finding ${position}`,
      target: { taskId: task.taskId },
      acceptedContentTypes: task.acceptedContentTypes,
      maxUploadBytes: context.maxUploadBytes,
      lastRejectionAt: task.lastRejection?.at,
    }),
    '</div>',
  );
}

function taskArticle(
  task: UploadPageTask,
  position: number,
  count: number,
  remediation: UploadPageRemediation,
  context: CorrectiveActionsContext,
): string {
  const id = `task-${position}`;
  const status = TASK_STATUS_LABELS[task.status] ?? task.status;
  const severity = SEVERITY_LABELS[task.finding.severity] ?? task.finding.severity;
  const showPlan = !task.planEditable || task.status === 'revision-requested';
  const action = task.planEditable
    ? planForm(task, id, remediation)
    : task.verificationUploadable
      ? ''
      : htmlEscape`<p class="closed-note">${whyNoTaskAction(task)}</p>`;
  return joinLines(
    htmlEscape`<article class="task" id="${id}" data-task-id="${task.taskId}" aria-labelledby="${id}-heading">`,
    htmlEscape`<h3 id="${id}-heading"><span class="item-number">Finding ${String(position)} of ${String(count)}:</span> ${task.finding.title}</h3>`,
    task.finding.repeat
      ? '<p class="repeat-marker" data-role="repeat-marker"><strong>Repeat finding:</strong> the previous audit found the same gap.</p>'
      : '',
    '<dl class="facts">',
    fact(
      'Status',
      htmlEscape`<span class="status task-status-${task.status}" data-role="task-status-text">${status}</span>`,
    ),
    fact('Severity', htmlEscape`<span class="severity severity-${task.finding.severity}">${severity}</span>`),
    fact('Corrective action due', htmlEscape(formatLocalDate(task.dueDate))),
    '</dl>',
    task.finding.description
      ? joinLines('<h4>What the reviewer found</h4>', paragraphText(task.finding.description))
      : '',
    revisionNotice(task),
    showPlan ? planOnRecord(task, context.timeZone) : '',
    action,
    verificationPart(task, id, position, context),
    '</article>',
  );
}

/** The audit's remediation tasks, when it has any; nothing otherwise. */
export function renderCorrectiveActionsSection(
  remediation: UploadPageRemediation | undefined,
  context: CorrectiveActionsContext,
): string {
  if (!remediation || remediation.tasks.length === 0) return '';
  const { tasks } = remediation;
  const owed = tasks.filter((task) => task.planEditable || task.verificationUploadable).length;
  return joinLines(
    '<section class="corrective-actions" aria-labelledby="tasks-heading">',
    '<h2 id="tasks-heading">Corrective actions</h2>',
    '<p>The reviewer recorded findings that need corrective action. For each one, send a plan: what your agency will do and by when. Once the reviewer accepts the plan, upload evidence that the fix is done.</p>',
    htmlEscape`<p>Findings waiting on your agency now: ${String(owed)} of ${String(tasks.length)}.</p>`,
    ...tasks.map((task, index) => taskArticle(task, index + 1, tasks.length, remediation, context)),
    '</section>',
  );
}
