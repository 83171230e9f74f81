import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { verifyReport } from '../../functions/reports/verify-report.js';
import { AlreadyReportedFailure, CliUsageError } from '../cli-errors.js';
import { type ReportVerdict, reportVerdictLines } from '../output/report-verification-lines.js';
import { type CliEnvironment, sessionFor } from './command-session.js';

const HELP = `
Works offline: it reads only the folder (no API, no token). It checks, in order, and names the first
discrepancy: manifest.json; every file it lists (bytes and SHA-256); no other file; trail.jsonl line by line;
the hash chain from genesis; the chain's head against the manifest and report.json; report.json against
requests.csv and findings.csv.

Exit codes:
  0  the report verifies
  1  a discrepancy was found (it is named)
  2  the command line is wrong, e.g. the folder does not exist
`;

export type FolderContents = { files: Map<string, Buffer> } | { problem: string };

/** Every file of the folder by name. A missing folder is a usage error; a sub-folder in it is a discrepancy. */
export async function readReportFolder(folder: string): Promise<FolderContents> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such folder'
        : code === 'ENOTDIR'
          ? 'is a file; give the folder that holds the report files'
          : (code ?? 'unreadable');
    throw new CliUsageError(`<dir>: cannot read ${folder}: ${why}`);
  }
  const files = new Map<string, Buffer>();
  for (const name of names.sort()) {
    const path = join(folder, name);
    // stat follows a symbolic link: a linked file is checked like any other.
    if (!(await stat(path)).isFile())
      return { problem: `${name} is not a file: a report folder holds only files` };
    files.set(name, await readFile(path));
  }
  return { files };
}

/** Reads the folder and verifies it; `shown` is how the verdict names the folder. */
export async function verifyReportFolder(folder: string, shown: string): Promise<ReportVerdict> {
  const contents = await readReportFolder(folder);
  const outcome = 'problem' in contents ? contents : verifyReport(contents.files);
  return 'summary' in outcome
    ? { valid: true, folder: shown, ...outcome.summary }
    : { valid: false, folder: shown, problem: outcome.problem };
}

export function registerVerifyReportCommand(program: Command, environment: CliEnvironment): void {
  program
    .command('verify-report')
    .description(
      "check a close-out report folder offline: the manifest's hashes, the trail's chain, the CSVs",
    )
    .argument('<dir>', 'the folder holding the report files (manifest.json, report.json, trail.jsonl, ...)')
    .addHelpText('after', HELP)
    .action(async (dir: string, _options: unknown, command: Command) => {
      const { output } = sessionFor(command, environment);
      const folder = resolve(environment.cwd ?? process.cwd(), dir);
      const verdict = await verifyReportFolder(folder, dir);
      output.result(verdict, reportVerdictLines);
      if (!verdict.valid) throw new AlreadyReportedFailure();
    });
}
