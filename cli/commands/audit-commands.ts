import { mkdir, readdir, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { Command } from 'commander';
import * as z from 'zod';
import { AUDIT_STATUSES, AuditStatusSchema } from '../../functions/domain/schemas/audit.js';
import { EntityIdSchema, OriSchema, ReasonSchema } from '../../functions/domain/schemas/common.js';
import { AlreadyReportedFailure, CliUsageError, DownloadFailedError } from '../cli-errors.js';
import { downloadVerifiedFile } from '../download/download-verified-file.js';
import { LIMIT_MAX, LimitOptionSchema } from '../input/option-schemas.js';
import { parseOptions } from '../input/parse-options.js';
import { auditDetail, auditTable, cancelledAuditLines, closedAuditLines } from '../output/audit-lines.js';
import { noticeHistoryLines } from '../output/notice-lines.js';
import { reportVerdictLines } from '../output/report-verification-lines.js';
import { countOf } from '../output/table.js';
import { type CliEnvironment, sessionFor } from './command-session.js';
import { verifyReportFolder } from './verify-report-command.js';

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

function closeCommand(audits: Command, environment: CliEnvironment): void {
  audits
    .command('close')
    .description(
      'close an audit in review or remediation before every task is closed; its open tasks are cancelled',
    )
    .argument('<auditId>', 'the audit id, as audits list shows it')
    .requiredOption('--reason <text>', 'why it closes now; the agency and the trail keep it')
    .action(async (auditId: string, options: { reason: string }, command: Command) => {
      const { output, api } = sessionFor(command, environment);
      const valid = parseOptions(
        AuditIdSchema.extend({ reason: ReasonSchema }),
        { auditId, reason: options.reason },
        { auditId: '<auditId>', reason: '--reason' },
      );
      output.result(await api().closeAudit(valid.auditId, valid.reason), closedAuditLines);
    });
}

const ReportOptionsSchema = AuditIdSchema.extend({
  out: z.string().trim().min(1, 'must be a folder path'),
});

/** The report goes into a new or empty folder: verification refuses any file the report does not list. */
async function prepareReportFolder(folder: string): Promise<void> {
  const found = await stat(folder).catch(() => undefined);
  if (found && !found.isDirectory()) {
    throw new CliUsageError('invalid input; nothing was sent', [`--out: ${folder} is a file; give a folder`]);
  }
  if (found && (await readdir(folder)).length > 0) {
    throw new CliUsageError('invalid input; nothing was sent', [
      `--out: ${folder} is not empty; give a new or empty folder (a report folder holds only the report's files)`,
    ]);
  }
  await mkdir(folder, { recursive: true });
}

function reportCommand(audits: Command, environment: CliEnvironment): void {
  audits
    .command('report')
    .description(
      'build and store a fresh close-out report, download every file into a folder and verify it offline',
    )
    .argument('<auditId>', 'the audit id, as audits list shows it')
    .requiredOption('--out <dir>', 'a new or empty folder for the report files')
    .action(async (auditId: string, options: { out: string }, command: Command) => {
      const { output, api } = sessionFor(command, environment);
      const valid = parseOptions(
        ReportOptionsSchema,
        { auditId, out: options.out },
        { auditId: '<auditId>', out: '--out' },
      );
      const folder = resolve(environment.cwd ?? process.cwd(), valid.out);
      await prepareReportFolder(folder);
      const report = await api().createAuditReport(valid.auditId);
      for (const file of report.files) {
        // The names come from the API: each must be a plain file name, never a path.
        if (basename(file.name) !== file.name || file.name === '.' || file.name === '..') {
          throw new DownloadFailedError(
            `the API named a report file ${JSON.stringify(file.name)}; nothing more was saved.`,
          );
        }
        await downloadVerifiedFile(
          { url: file.url, sizeBytes: file.bytes, sha256: file.sha256 },
          { path: join(folder, file.name), overwrite: false },
          environment.fetch ?? fetch,
        );
      }
      const verdict = await verifyReportFolder(folder, valid.out);
      output.result(verdict, reportVerdictLines);
      if (!verdict.valid) throw new AlreadyReportedFailure();
    });
}

export function registerAuditCommands(program: Command, environment: CliEnvironment): void {
  const audits = program
    .command('audits')
    .description('list, inspect, cancel and close audits, show their notices, and get their reports');
  listCommand(audits, environment);
  showCommand(audits, environment);
  noticesCommand(audits, environment);
  cancelCommand(audits, environment);
  closeCommand(audits, environment);
  reportCommand(audits, environment);
}
