import type { AgencyApi } from '../api/admin-api.js';
import { ApiCallError, ApiUnreachableError, UnexpectedAnswerError } from '../api/api-client-errors.js';
import type { AgencyCsvRow } from './parse-agency-csv.js';

export type RowOutcome =
  | { readonly line: number; readonly ori: string | undefined; readonly outcome: 'created' }
  | {
      readonly line: number;
      readonly ori: string | undefined;
      readonly outcome: 'skipped';
      readonly message: string;
    }
  | {
      readonly line: number;
      readonly ori: string | undefined;
      readonly outcome: 'invalid';
      readonly issues: readonly string[];
    }
  | {
      readonly line: number;
      readonly ori: string | undefined;
      readonly outcome: 'failed';
      readonly message: string;
      readonly issues: readonly string[];
    };

/** Told about each row as it is sent; drawn as a bar on a terminal, as lines otherwise (progress.ts). */
export interface ImportProgress {
  start(total: number): void;
  sent(outcome: RowOutcome): void;
  stop(): void;
}

export interface ImportResult {
  /** One per data row, in file order. */
  readonly outcomes: readonly RowOutcome[];
  /** Set when sending stopped early: the API is unreachable or refuses the token, so every other row would fail too. */
  readonly stoppedBy?: ApiUnreachableError | ApiCallError;
}

/** Errors that no other row can escape: the rest is not sent. */
const stopsTheImport = (error: unknown): error is ApiUnreachableError | ApiCallError =>
  error instanceof ApiUnreachableError ||
  (error instanceof ApiCallError && (error.status === 401 || error.status === 403));

/**
 * Registers the valid rows one at a time, in file order (so a re-run after a failure meets the same order and a
 * server sees a steady, modest load). An agency already registered (409) is skipped, not failed: importing the
 * same file twice is safe.
 */
export async function sendAgencies(
  rows: readonly AgencyCsvRow[],
  api: AgencyApi,
  progress: ImportProgress,
): Promise<ImportResult> {
  const outcomes: RowOutcome[] = [];
  let stoppedBy: ImportResult['stoppedBy'];
  progress.start(rows.filter((row) => row.valid).length);
  try {
    for (const row of rows) {
      const { line, ori } = row;
      if (!row.valid) {
        outcomes.push({ line, ori, outcome: 'invalid', issues: row.issues });
        continue;
      }
      if (stoppedBy) {
        outcomes.push({ line, ori, outcome: 'failed', message: 'not sent: the import stopped', issues: [] });
        continue;
      }
      let outcome: RowOutcome;
      try {
        await api.createAgency(row.agency);
        outcome = { line, ori, outcome: 'created' };
      } catch (error) {
        if (error instanceof ApiCallError && error.status === 409) {
          outcome = { line, ori, outcome: 'skipped', message: error.message };
        } else if (error instanceof ApiCallError) {
          outcome = { line, ori, outcome: 'failed', message: error.message, issues: error.issues };
          if (stopsTheImport(error)) stoppedBy = error;
        } else if (error instanceof ApiUnreachableError) {
          outcome = { line, ori, outcome: 'failed', message: error.message, issues: [] };
          stoppedBy = error;
        } else if (error instanceof UnexpectedAnswerError) {
          outcome = { line, ori, outcome: 'failed', message: error.message, issues: error.issues };
        } else {
          throw error;
        }
      }
      outcomes.push(outcome);
      progress.sent(outcome);
    }
  } finally {
    progress.stop();
  }
  return stoppedBy ? { outcomes, stoppedBy } : { outcomes };
}
