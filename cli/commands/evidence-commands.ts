import { stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import * as z from 'zod';
import { EntityIdSchema, ReasonSchema } from '../../functions/domain/schemas/common.js';
import type { AdminApi } from '../api/admin-api.js';
import { CliUsageError } from '../cli-errors.js';
import { downloadVerifiedFile } from '../download/download-verified-file.js';
import { parseOptions } from '../input/parse-options.js';
import { auditEvidenceLines, reviewOutcomeLines, savedDownloadLines } from '../output/evidence-lines.js';
import { type CliEnvironment, sessionFor } from './command-session.js';

const AuditIdSchema = z.object({ auditId: EntityIdSchema });

const DownloadOptionsSchema = z.object({
  auditId: EntityIdSchema,
  evidenceId: EntityIdSchema,
  out: z.string().trim().min(1, 'must be a file path').optional(),
});

const DecisionOptionsSchema = z.object({
  auditId: EntityIdSchema,
  requestId: EntityIdSchema,
  evidenceId: EntityIdSchema,
});

const AcceptOptionsSchema = DecisionOptionsSchema.extend({
  comment: z.string().trim().max(2000, 'must be at most 2000 characters').optional(),
});

const FlagOptionsSchema = DecisionOptionsSchema.extend({ reason: ReasonSchema });

const DECISION_NAMES = {
  auditId: '<auditId>',
  requestId: '<requestId>',
  evidenceId: '--evidence',
  comment: '--comment',
  reason: '--reason',
};

const exists = (path: string) =>
  stat(path).then(
    (found) => found,
    () => undefined,
  );

/** A name for the file in a folder: the API's file name has no path, but it is not trusted to be one. */
function localFileName(fileName: string, evidenceId: string): string {
  const name = basename(fileName.replace(/\\/g, '/'));
  return name === '' || name === '.' || name === '..' ? evidenceId : name;
}

/**
 * Refuses a target in a folder that does not exist, a folder, or a file that exists without --force. `what`
 * names the option; `refusal` says what was (not) done, since the default name is learnt from the API.
 */
async function checkTarget(path: string, force: boolean, what: string, refusal: string): Promise<void> {
  if (!(await exists(dirname(path)))?.isDirectory()) {
    throw new CliUsageError(refusal, [
      `${what}: the folder ${dirname(path)} does not exist; create it first`,
    ]);
  }
  const found = await exists(path);
  if (found?.isDirectory()) {
    throw new CliUsageError(refusal, [`${what}: ${path} is a folder; give the path of the file to write`]);
  }
  if (found && !force) {
    throw new CliUsageError(refusal, [
      `${what}: ${path} already exists; choose another path with --out, or add --force to replace it`,
    ]);
  }
}

/**
 * Where the file goes. With --out, checked before anything is sent. Without it, the file's own name in the
 * current folder: the name is read from the audit's evidence first, so an existing file is refused before a
 * download (an access recorded in the trail) is asked for.
 */
async function downloadTarget(
  api: AdminApi,
  options: { auditId: string; evidenceId: string; out?: string | undefined; force: boolean },
  cwd: string,
): Promise<string | undefined> {
  if (options.out !== undefined) {
    const path = resolve(cwd, options.out);
    await checkTarget(path, options.force, '--out', 'invalid input; nothing was sent');
    return path;
  }
  const listing = await api.listAuditEvidence(options.auditId);
  const evidence = listing.requests
    .flatMap((row) => row.evidence)
    .find((candidate) => candidate.evidenceId === options.evidenceId);
  // Unknown here: the download request answers 404 with the API's own words.
  if (!evidence) return undefined;
  const path = resolve(cwd, localFileName(evidence.fileName, evidence.evidenceId));
  await checkTarget(
    path,
    options.force,
    '--out (default: the file name in the current folder)',
    'cannot save the file there; nothing was downloaded',
  );
  return path;
}

function listCommand(evidence: Command, environment: CliEnvironment): void {
  evidence
    .command('list')
    .description(
      "list an audit's evidence requests with the file under review, its SHA-256 and any refused uploads",
    )
    .argument('<auditId>', 'the audit id, as audits list shows it')
    .action(async (auditId: string, _options: unknown, command: Command) => {
      const { output, api } = sessionFor(command, environment);
      const valid = parseOptions(AuditIdSchema, { auditId }, { auditId: '<auditId>' });
      output.result(await api().listAuditEvidence(valid.auditId), auditEvidenceLines);
    });
}

function downloadCommand(evidence: Command, environment: CliEnvironment): void {
  evidence
    .command('download')
    .description(
      'download one file through a five-minute link (recorded in the trail) and verify its SHA-256',
    )
    .argument('<auditId>', 'the audit id, as audits list shows it')
    .argument('<evidenceId>', 'the evidence id, as evidence list shows it')
    .option('--out <path>', 'where to save the file (default: its own name, in the current folder)')
    .option('--force', 'replace the file at --out if it exists (it is kept if the download fails)')
    .action(
      async (
        auditId: string,
        evidenceId: string,
        options: { out?: string; force?: boolean },
        command: Command,
      ) => {
        const { output, api } = sessionFor(command, environment);
        const valid = parseOptions(
          DownloadOptionsSchema,
          { auditId, evidenceId, out: options.out },
          { auditId: '<auditId>', evidenceId: '<evidenceId>', out: '--out' },
        );
        const force = options.force === true;
        const client = api();
        const cwd = environment.cwd ?? process.cwd();
        const chosen = await downloadTarget(client, { ...valid, force }, cwd);
        const download = await client.createEvidenceDownload(valid.auditId, valid.evidenceId);
        const path = chosen ?? resolve(cwd, localFileName(download.fileName, download.evidenceId));
        const saved = await downloadVerifiedFile(
          download,
          { path, overwrite: force },
          environment.fetch ?? fetch,
        );
        // Never the URL: it is a credential until it expires.
        output.result(
          {
            path: saved.path,
            evidenceId: download.evidenceId,
            fileName: download.fileName,
            sizeBytes: saved.sizeBytes,
            sha256: saved.sha256,
          },
          savedDownloadLines,
        );
      },
    );
}

function acceptCommand(evidence: Command, environment: CliEnvironment): void {
  evidence
    .command('accept')
    .description(
      "accept the file under review for a request; the last acceptance completes the audit's review",
    )
    .argument('<auditId>', 'the audit id, as audits list shows it')
    .argument('<requestId>', 'the request id, as evidence list shows it')
    .requiredOption(
      '--evidence <evidenceId>',
      'the evidence id of the file you reviewed, as evidence list shows it',
    )
    .option('--comment <text>', 'a note kept in the trail (at most 2000 characters)')
    .action(
      async (
        auditId: string,
        requestId: string,
        options: { evidence: string; comment?: string },
        command: Command,
      ) => {
        const { output, api } = sessionFor(command, environment);
        const valid = parseOptions(
          AcceptOptionsSchema,
          { auditId, requestId, evidenceId: options.evidence, comment: options.comment },
          DECISION_NAMES,
        );
        const outcome = await api().decideEvidence(valid.auditId, valid.requestId, {
          decision: 'accept',
          evidenceId: valid.evidenceId,
          ...(valid.comment ? { comment: valid.comment } : {}),
        });
        output.result(outcome, reviewOutcomeLines);
      },
    );
}

function flagCommand(evidence: Command, environment: CliEnvironment): void {
  evidence
    .command('flag')
    .description(
      'return the file under review to the agency with a reason; they are emailed it and a new link',
    )
    .argument('<auditId>', 'the audit id, as audits list shows it')
    .argument('<requestId>', 'the request id, as evidence list shows it')
    .requiredOption(
      '--evidence <evidenceId>',
      'the evidence id of the file you reviewed, as evidence list shows it',
    )
    .requiredOption('--reason <text>', 'what is wrong with the file; the agency reads it in the email')
    .action(
      async (
        auditId: string,
        requestId: string,
        options: { evidence: string; reason: string },
        command: Command,
      ) => {
        const { output, api } = sessionFor(command, environment);
        const valid = parseOptions(
          FlagOptionsSchema,
          { auditId, requestId, evidenceId: options.evidence, reason: options.reason },
          DECISION_NAMES,
        );
        const outcome = await api().decideEvidence(valid.auditId, valid.requestId, {
          decision: 'flag',
          evidenceId: valid.evidenceId,
          reason: valid.reason,
        });
        output.result(outcome, reviewOutcomeLines);
      },
    );
}

export function registerEvidenceCommands(program: Command, environment: CliEnvironment): void {
  const evidence = program
    .command('evidence')
    .description("review an audit's evidence: list, download and verify, accept or flag");
  listCommand(evidence, environment);
  downloadCommand(evidence, environment);
  acceptCommand(evidence, environment);
  flagCommand(evidence, environment);
}
