import type { RowOutcome } from './send-agencies.js';

export interface ImportCounts {
  readonly created: number;
  readonly skipped: number;
  readonly invalid: number;
  readonly failed: number;
}

export interface ImportReport extends ImportCounts {
  readonly file: string;
  readonly rows: readonly RowOutcome[];
}

export function countOutcomes(outcomes: readonly RowOutcome[]): ImportCounts {
  const count = (kind: RowOutcome['outcome']) => outcomes.filter((row) => row.outcome === kind).length;
  return {
    created: count('created'),
    skipped: count('skipped'),
    invalid: count('invalid'),
    failed: count('failed'),
  };
}

/** Every row that needs attention, by line: each problem of an invalid row, and what the API said of a failed one. */
function problemLines(outcome: RowOutcome): string[] {
  switch (outcome.outcome) {
    case 'invalid':
      return outcome.issues.map((issue) => `line ${outcome.line}: ${issue}`);
    case 'failed':
      return [
        `line ${outcome.line}: ${outcome.ori ?? ''} failed: ${outcome.message}`,
        ...outcome.issues.map((issue) => `line ${outcome.line}:   ${issue}`),
      ];
    case 'skipped':
      return [`line ${outcome.line}: ${outcome.ori ?? ''} skipped: already registered`];
    case 'created':
      return [];
  }
}

/** The report people read after an import: problems by line, then the counts. */
export function importReportLines(report: ImportReport): string[] {
  const problems = report.rows.flatMap(problemLines);
  const counts = `${report.file}: created ${report.created}, skipped ${report.skipped}, invalid ${report.invalid}, failed ${report.failed}.`;
  if (report.rows.length === 0) return [`${report.file}: no agency rows under the header; nothing was sent.`];
  return [...problems, ...(problems.length > 0 ? [''] : []), counts];
}

export const importSucceeded = (counts: ImportCounts) => counts.invalid === 0 && counts.failed === 0;
