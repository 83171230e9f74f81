import { basename } from 'node:path';
import {
  countOutcomes,
  type ImportReport,
  importReportLines,
  importSucceeded,
} from '../agency-import/import-report.js';
import { parseAgencyCsv } from '../agency-import/parse-agency-csv.js';
import { sendAgencies } from '../agency-import/send-agencies.js';
import { AlreadyReportedFailure } from '../cli-errors.js';
import { readInputFile } from '../input/agency-from-file.js';
import type { CliStream } from '../output/cli-io.js';
import { importProgress } from '../output/import-progress.js';
import type { CommandSession } from './command-session.js';

/**
 * `agency import <file.csv>`: reads and checks every row, sends the valid ones, then reports each row that
 * needs attention by line and the counts. Ends with exit code 1 when any row was invalid or failed, after
 * the valid rows have landed.
 */
export async function importAgencyFile(path: string, session: CommandSession, progressStream: CliStream) {
  const rows = parseAgencyCsv(await readInputFile(path, '<file.csv>'));
  // The API settings are checked after the file, before the first request: a bad file is reported either way.
  const api = session.api();
  const { outcomes, stoppedBy } = await sendAgencies(rows, api, importProgress(progressStream));
  const report: ImportReport = { file: basename(path), ...countOutcomes(outcomes), rows: outcomes };
  session.output.result(report, importReportLines);
  // Unreachable API or a refused token: say so with its hint, after the report of what was done.
  if (stoppedBy) throw stoppedBy;
  if (!importSucceeded(report)) throw new AlreadyReportedFailure();
}
