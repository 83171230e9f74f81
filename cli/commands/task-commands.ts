import type { Command } from 'commander';
import * as z from 'zod';
import {
  EntityIdSchema,
  IsoDateSchema,
  RESPONSIBLE_ROLES,
  ReasonSchema,
  ResponsibleRoleSchema,
} from '../../functions/domain/schemas/common.js';
import type { TaskDecision } from '../api/admin-api.js';
import { NotFoundError } from '../cli-errors.js';
import { collect } from '../input/option-schemas.js';
import { parseOptions } from '../input/parse-options.js';
import { addedTaskLines, auditTasksLines, decidedTaskLines, taskDetailLines } from '../output/task-lines.js';
import { type CliEnvironment, sessionFor } from './command-session.js';

/** The most verification evidence one decision names (the API's limit). */
const EVIDENCE_MAX = 50;

const AuditIdSchema = z.object({ auditId: EntityIdSchema });
const TaskIdSchema = AuditIdSchema.extend({ taskId: EntityIdSchema });

const AddOptionsSchema = AuditIdSchema.extend({
  findingId: EntityIdSchema,
  ownerRole: ResponsibleRoleSchema,
  dueDate: IsoDateSchema.optional(),
});

/** Each --evidence value is an evidence id; a bad one is named in the message. */
const EvidenceIdsSchema = z
  .array(z.string())
  .max(EVIDENCE_MAX, `give at most ${EVIDENCE_MAX} pieces of evidence`)
  .superRefine((ids, context) => {
    for (const id of ids) {
      const checked = EntityIdSchema.safeParse(id);
      if (!checked.success) {
        context.addIssue({
          code: 'custom',
          message: `${JSON.stringify(id)} ${checked.error.issues[0]?.message ?? 'is not an evidence id'}`,
        });
      }
    }
  });

const NAMES = {
  auditId: '<auditId>',
  taskId: '<taskId>',
  findingId: '<findingId>',
  ownerRole: '--owner',
  dueDate: '--due',
  reason: '--reason',
  evidenceIds: '--evidence',
};

const AUDIT_ID_HELP = 'the audit id, as audits list shows it';
const TASK_ID_HELP = 'the task id, as tasks list shows it';

function listCommand(tasks: Command, environment: CliEnvironment): void {
  tasks
    .command('list')
    .description(
      "list an audit's remediation tasks with owner, status, due date, plan target and why a plan was sent back",
    )
    .argument('<auditId>', AUDIT_ID_HELP)
    .action(async (auditId: string, _options: unknown, command: Command) => {
      const { output, api } = sessionFor(command, environment);
      const valid = parseOptions(AuditIdSchema, { auditId }, NAMES);
      output.result(await api().listRemediationTasks(valid.auditId), auditTasksLines);
    });
}

function showCommand(tasks: Command, environment: CliEnvironment): void {
  tasks
    .command('show')
    .description('show one task: its plan and steps, every revision request and the verification evidence')
    .argument('<auditId>', AUDIT_ID_HELP)
    .argument('<taskId>', TASK_ID_HELP)
    .action(async (auditId: string, taskId: string, _options: unknown, command: Command) => {
      const { output, api } = sessionFor(command, environment);
      const valid = parseOptions(TaskIdSchema, { auditId, taskId }, NAMES);
      const listing = await api().listRemediationTasks(valid.auditId);
      const task = listing.tasks.find((candidate) => candidate.taskId === valid.taskId);
      if (!task) {
        throw new NotFoundError(
          `audit ${valid.auditId} has no task ${valid.taskId}; clets-audit tasks list ${valid.auditId} shows its tasks.`,
        );
      }
      output.result(task, taskDetailLines);
    });
}

function addCommand(tasks: Command, environment: CliEnvironment): void {
  tasks
    .command('add')
    .description(
      'add a remediation task to a finding for another role (or to replace a cancelled one); due with the finding by default',
    )
    .argument('<auditId>', AUDIT_ID_HELP)
    .argument('<findingId>', 'the finding id, as findings list shows it')
    .requiredOption('--owner <role>', `the agency role that owns the task: ${RESPONSIBLE_ROLES.join(', ')}`)
    .option('--due <YYYY-MM-DD>', "the task's due date, today or later (default: the finding's)")
    .action(
      async (
        auditId: string,
        findingId: string,
        options: { owner: string; due?: string },
        command: Command,
      ) => {
        const { output, api } = sessionFor(command, environment);
        const valid = parseOptions(
          AddOptionsSchema,
          { auditId, findingId, ownerRole: options.owner, dueDate: options.due },
          NAMES,
        );
        const task = await api().addRemediationTask(valid.auditId, valid.findingId, {
          ownerRole: valid.ownerRole,
          ...(valid.dueDate ? { dueDate: valid.dueDate } : {}),
        });
        output.result(task, addedTaskLines);
      },
    );
}

/** What a decision command takes besides the ids: nothing, a required --reason, or repeatable --evidence. */
type DecisionInput = 'none' | 'reason' | 'evidence';

interface DecisionSpec {
  readonly name: string;
  readonly description: string;
  readonly input: DecisionInput;
  /** The option's help, for --reason or --evidence. */
  readonly optionHelp?: string;
  /** The start of the result's first line: "<done> task X: it is now <status>." */
  readonly done: string;
  readonly decision: (valid: { reason: string; evidenceIds: string[] }) => TaskDecision;
}

const withEvidence = (evidenceIds: string[]) => (evidenceIds.length > 0 ? { evidenceIds } : {});

const DECISIONS: readonly DecisionSpec[] = [
  {
    name: 'accept-plan',
    description: "accept the agency's corrective action plan; the agency is told and carries it out",
    input: 'none',
    done: 'Accepted the plan of',
    decision: () => ({ decision: 'accept-plan' }),
  },
  {
    name: 'revise',
    description: 'send the plan back to the agency with a reason; they are emailed it and revise the plan',
    input: 'reason',
    optionHelp: 'what the plan must change; the agency reads it in the email',
    done: 'Sent back the plan of',
    decision: ({ reason }) => ({ decision: 'request-revision', reason }),
  },
  {
    name: 'verify',
    description: "record that the fix is verified, with the evidence showing it (an accepted plan's task)",
    input: 'evidence',
    optionHelp:
      'verification evidence showing the fix; repeat for more (default: every file uploaded for the task)',
    done: 'Verified',
    decision: ({ evidenceIds }) => ({ decision: 'verify', ...withEvidence(evidenceIds) }),
  },
  {
    name: 'close',
    description:
      'close the task, verifying it first when its plan is accepted; the finding closes with its last task',
    input: 'evidence',
    optionHelp:
      'when it is verified now: evidence showing the fix; repeat for more (default: every file uploaded for the task)',
    done: 'Closed',
    decision: ({ evidenceIds }) => ({ decision: 'close', ...withEvidence(evidenceIds) }),
  },
  {
    name: 'cancel',
    description: 'cancel the task with a reason (e.g. the work moved to another task)',
    input: 'reason',
    optionHelp: 'why the task is cancelled; kept in the trail',
    done: 'Cancelled',
    decision: ({ reason }) => ({ decision: 'cancel', reason }),
  },
];

const DECISION_SCHEMAS = {
  none: TaskIdSchema,
  reason: TaskIdSchema.extend({ reason: ReasonSchema }),
  evidence: TaskIdSchema.extend({ evidenceIds: EvidenceIdsSchema }),
} as const;

function decisionCommand(tasks: Command, environment: CliEnvironment, spec: DecisionSpec): void {
  const command = tasks
    .command(spec.name)
    .description(spec.description)
    .argument('<auditId>', AUDIT_ID_HELP)
    .argument('<taskId>', TASK_ID_HELP);
  if (spec.input === 'reason') command.requiredOption('--reason <text>', spec.optionHelp ?? 'why');
  if (spec.input === 'evidence') {
    // No commander default: the help says what the API defaults to instead of "(default: [])".
    command.option(
      '--evidence <evidenceId>',
      spec.optionHelp ?? 'an evidence id',
      (value: string, previous?: string[]) => collect(value, previous ?? []),
    );
  }
  command.action(
    async (
      auditId: string,
      taskId: string,
      options: { reason?: string; evidence?: string[] },
      self: Command,
    ) => {
      const { output, api } = sessionFor(self, environment);
      const valid: { auditId: string; taskId: string; reason?: string; evidenceIds?: string[] } =
        parseOptions(
          DECISION_SCHEMAS[spec.input],
          {
            auditId,
            taskId,
            ...(spec.input === 'reason' ? { reason: options.reason } : {}),
            ...(spec.input === 'evidence' ? { evidenceIds: options.evidence ?? [] } : {}),
          },
          NAMES,
        );
      const decision = spec.decision({ reason: valid.reason ?? '', evidenceIds: valid.evidenceIds ?? [] });
      const task = await api().decideRemediationTask(valid.auditId, valid.taskId, decision);
      output.result(task, decidedTaskLines(spec.done));
    },
  );
}

export function registerTaskCommands(program: Command, environment: CliEnvironment): void {
  const tasks = program
    .command('tasks')
    .description(
      "manage an audit's remediation tasks: list, show and add them; accept-plan, revise, verify, close or cancel",
    );
  listCommand(tasks, environment);
  showCommand(tasks, environment);
  addCommand(tasks, environment);
  for (const spec of DECISIONS) decisionCommand(tasks, environment, spec);
}
