import type { AuditTasksAnswer, RemediationTaskAnswer } from '../api/answer-schemas.js';
import { statusSummary } from './audit-lines.js';
import { type Column, formatFields, formatTable } from './table.js';
import { printable } from './terminal-text.js';

/** How much of a revision reason a table row shows; `tasks show` prints it whole. */
const REASON_PREVIEW_LENGTH = 60;

/** Long text on one line: runs of white space (line breaks too) become one space, and the rest is cut with "…". */
export function preview(text: string, length = REASON_PREVIEW_LENGTH): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length <= length ? oneLine : `${oneLine.slice(0, length - 1)}…`;
}

/** Text that may span lines, each line indented and made printable. */
const block = (text: string, indent: string): string[] =>
  text.split(/\r?\n/).map((line) => `${indent}${printable(line)}`.trimEnd());

/** Who did something: "administrator a1", "agency-contact tac". */
function actorText(actor: { type?: string | undefined; id?: string | undefined } | undefined) {
  if (actor?.id === undefined) return actor?.type;
  return actor.type === undefined ? actor.id : `${actor.type} ${actor.id}`;
}

const latestRevisionReason = (task: RemediationTaskAnswer): string | undefined =>
  task.status === 'revision-requested' ? task.revisionRequests.at(-1)?.reason : undefined;

const TASK_COLUMNS: readonly Column<RemediationTaskAnswer>[] = [
  { header: 'TASK', value: (task) => task.taskId },
  { header: 'FINDING', value: (task) => task.findingId },
  { header: 'OWNER', value: (task) => task.ownerRole },
  { header: 'STATUS', value: (task) => task.status },
  { header: 'DUE', value: (task) => task.dueDate },
  { header: 'PLAN TARGET', value: (task) => task.plan?.targetDate },
];

// Last, so a long reason is not padded; shown only when a task waits for a revised plan.
const REVISION_COLUMN: Column<RemediationTaskAnswer> = {
  header: 'REVISION REASON',
  value: (task) => {
    const reason = latestRevisionReason(task);
    return reason === undefined ? undefined : preview(reason);
  },
};

/** An audit's remediation tasks, one row each, with the latest revision reason of those sent back. */
export function auditTasksLines(listing: AuditTasksAnswer): string[] {
  const heading = `Audit ${printable(listing.auditId)} is ${printable(listing.status)}.`;
  if (listing.tasks.length === 0) return [heading, 'It has no remediation tasks.'];
  const sentBack = listing.tasks.some((task) => latestRevisionReason(task) !== undefined);
  const awaiting = listing.tasks.filter((task) => task.status === 'plan-submitted');
  return [
    heading,
    ...formatTable(listing.tasks, sentBack ? [...TASK_COLUMNS, REVISION_COLUMN] : TASK_COLUMNS),
    `Tasks: ${statusSummary(listing.tasks)}`,
    ...(awaiting.length > 0
      ? [
          `Plans awaiting a decision (clets-audit tasks show|accept-plan|revise ${printable(listing.auditId)} <taskId>): ${awaiting.map((task) => printable(task.taskId)).join(', ')}`,
        ]
      : []),
  ];
}

type Field = readonly [string, string | undefined];

function taskFields(task: RemediationTaskAnswer): Field[] {
  return [
    ['Finding', task.findingId],
    ['Audit', task.auditId],
    ['Agency', task.ori],
    ['Owner', task.ownerRole],
    ['Status', task.status],
    ['Due', task.dueDate],
    ['Plan target', task.plan?.targetDate],
    [
      'Evidence',
      task.verificationEvidenceIds.length > 0 ? task.verificationEvidenceIds.join(', ') : undefined,
    ],
    ['Verified', task.verifiedAt],
    ['Closed', task.closedAt],
    ['Cancelled', task.cancelReason],
  ];
}

function planLines(task: RemediationTaskAnswer): string[] {
  const { plan } = task;
  if (!plan) return ['No corrective action plan submitted yet.'];
  const by = actorText(plan.submittedBy);
  const submitted = plan.submittedAt ? `, submitted ${plan.submittedAt}${by ? ` by ${by}` : ''}` : '';
  return [
    printable(`Plan (target ${plan.targetDate}${submitted}):`),
    ...block(plan.summary, '  '),
    ...(plan.steps.length > 0
      ? ['  Steps:', ...plan.steps.flatMap((step, index) => block(step, `    ${index + 1}. `))]
      : []),
  ];
}

function revisionLines(task: RemediationTaskAnswer): string[] {
  if (task.revisionRequests.length === 0) return [];
  return [
    `Revision requests (${task.revisionRequests.length}, oldest first):`,
    ...task.revisionRequests.flatMap((revision) => {
      const by = actorText(revision.by);
      return [printable(`  ${revision.at}${by ? ` by ${by}` : ''}:`), ...block(revision.reason, '    ')];
    }),
  ];
}

/** One task in full: its fields, the plan with its steps, every revision request and the verification evidence. */
export function taskDetailLines(task: RemediationTaskAnswer): string[] {
  return [
    `Task ${printable(task.taskId)} is ${printable(task.status)}.`,
    ...formatFields(taskFields(task)),
    ...planLines(task),
    ...revisionLines(task),
  ];
}

/** A task just added to a finding. */
export const addedTaskLines = (task: RemediationTaskAnswer): string[] => [
  `Added task ${printable(task.taskId)} to finding ${printable(task.findingId)}.`,
  ...formatFields(taskFields(task).filter(([label]) => label !== 'Finding')),
];

/** What a decision did to a task: "Verified task X: it is now verified.", then its fields. */
export const decidedTaskLines =
  (done: string) =>
  (task: RemediationTaskAnswer): string[] => {
    const reason = latestRevisionReason(task);
    return [
      `${done} task ${printable(task.taskId)}: it is now ${printable(task.status)}.`,
      ...formatFields([
        ...taskFields(task),
        ['Revision', reason === undefined ? undefined : preview(reason)],
      ]),
    ];
  };
