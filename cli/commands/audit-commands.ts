import type { Command } from 'commander';
import * as z from 'zod';
import { AUDIT_STATUSES, AuditStatusSchema } from '../../functions/domain/schemas/audit.js';
import { EntityIdSchema, OriSchema, ReasonSchema } from '../../functions/domain/schemas/common.js';
import { LIMIT_MAX, LimitOptionSchema } from '../input/option-schemas.js';
import { parseOptions } from '../input/parse-options.js';
import { auditDetail, auditTable, cancelledAuditLines } from '../output/audit-lines.js';
import { noticeHistoryLines } from '../output/notice-lines.js';
import { countOf } from '../output/table.js';
import { type CliEnvironment, sessionFor } from './command-session.js';

const ListOptionsSchema = z
  .object({
    status: AuditStatusSchema.optional(),
    ori: OriSchema.optional(),
    overdue: z.boolean(),
    limit: LimitOptionSchema,
  })
  .refine((options) => !(options.ori !== undefined && options.overdue), {
    path: ['overdue'],
    error:
      "cannot be combined with --ori: list one agency's audits (--ori) or overdue audits across agencies",
  });

const AuditIdSchema = z.object({ auditId: EntityIdSchema });

function listCommand(audits: Command, environment: CliEnvironment): void {
  audits
    .command('list')
    .description('list audits in due-date order (GET /audits, following pages); open audits by default')
    .option('--status <status>', `only audits in this status: ${AUDIT_STATUSES.join(', ')}`)
    .option('--ori <ori>', "only this agency's audits")
    .option('--overdue', 'only open audits past their due time, across agencies')
    .option('--limit <n>', `the most audits to list, 1 to ${LIMIT_MAX}`, '200')
    .action(
      async (
        options: { status?: string; ori?: string; overdue?: boolean; limit: string },
        command: Command,
      ) => {
        const { output, api } = sessionFor(command, environment);
        const filter = parseOptions(
          ListOptionsSchema,
          { ...options, overdue: options.overdue === true },
          { status: '--status', ori: '--ori', overdue: '--overdue', limit: '--limit' },
        );
        // The API lists by status, agency or overdue; with none of them, the open audits are what people look for.
        const status = filter.status ?? (filter.ori === undefined && !filter.overdue ? 'open' : undefined);
        const listing = await api().listAudits({ ...filter, status }, filter.limit);
        output.result(listing, ({ items }) =>
          items.length === 0 ? ['No audits match.'] : [...auditTable(items), countOf(items.length, 'audit')],
        );
        if (listing.nextCursor)
          output.note(`More audits match: raise --limit (now ${filter.limit}) to see them.`);
      },
    );
}

function showCommand(audits: Command, environment: CliEnvironment): void {
  audits
    .command('show')
    .description('show an audit with its requests, evidence, findings, tasks, notices and trail check')
    .argument('<auditId>', 'the audit id, as audits list shows it')
    .action(async (auditId: string, _options: unknown, command: Command) => {
      const { output, api } = sessionFor(command, environment);
      const valid = parseOptions(AuditIdSchema, { auditId }, { auditId: '<auditId>' });
      output.result(await api().getAudit(valid.auditId), auditDetail);
    });
}

function noticesCommand(audits: Command, environment: CliEnvironment): void {
  audits
    .command('notices')
    .description(
      "show an audit's notices with their recipients and delivery state (GET /audits/{auditId}/notices)",
    )
    .argument('<auditId>', 'the audit id, as audits list shows it')
    .action(async (auditId: string, _options: unknown, command: Command) => {
      const { output, api } = sessionFor(command, environment);
      const valid = parseOptions(AuditIdSchema, { auditId }, { auditId: '<auditId>' });
      output.result(await api().listAuditNotices(valid.auditId), noticeHistoryLines);
    });
}

function cancelCommand(audits: Command, environment: CliEnvironment): void {
  audits
    .command('cancel')
    .description('cancel an audit that has not reached remediation, and stop its workflow')
    .argument('<auditId>', 'the audit id, as audits list shows it')
    .requiredOption('--reason <text>', 'why it is cancelled; the agency and the trail keep it')
    .action(async (auditId: string, options: { reason: string }, command: Command) => {
      const { output, api } = sessionFor(command, environment);
      const valid = parseOptions(
        AuditIdSchema.extend({ reason: ReasonSchema }),
        { auditId, reason: options.reason },
        { auditId: '<auditId>', reason: '--reason' },
      );
      output.result(await api().cancelAudit(valid.auditId, valid.reason), cancelledAuditLines);
    });
}

export function registerAuditCommands(program: Command, environment: CliEnvironment): void {
  const audits = program
    .command('audits')
    .description('list, inspect and cancel audits, and show their notices');
  listCommand(audits, environment);
  showCommand(audits, environment);
  noticesCommand(audits, environment);
  cancelCommand(audits, environment);
}
