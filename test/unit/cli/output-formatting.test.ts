import { describe, expect, it } from 'vitest';
import { importReportLines } from '../../../cli/agency-import/import-report.js';
import type { ImportProgress } from '../../../cli/agency-import/send-agencies.js';
import { ApiCallError, ApiUnreachableError } from '../../../cli/api/api-client-errors.js';
import { AlreadyReportedFailure, CliUsageError } from '../../../cli/cli-errors.js';
import { statusSummary } from '../../../cli/output/audit-lines.js';
import { reportError } from '../../../cli/output/error-report.js';
import { importProgress } from '../../../cli/output/import-progress.js';
import { formatFields, formatTable } from '../../../cli/output/table.js';
import { preview } from '../../../cli/output/task-lines.js';
import { TextSink } from './cli-test-io.js';

describe('CLI: output formatting', () => {
  it('aligns table columns two spaces apart without padding the last column', () => {
    // Act
    const lines = formatTable(
      [
        { ori: 'CA0190000', name: 'Los Angeles County Sheriff', county: 'Los Angeles' },
        { ori: 'CA0370000', name: 'San Diego PD', county: undefined },
      ],
      [
        { header: 'ORI', value: (row) => row.ori },
        { header: 'NAME', value: (row) => row.name },
        { header: 'COUNTY', value: (row) => row.county },
      ],
    );

    // Assess
    expect(lines).toEqual([
      'ORI        NAME                        COUNTY',
      'CA0190000  Los Angeles County Sheriff  Los Angeles',
      'CA0370000  San Diego PD',
    ]);
  });

  it('replaces control characters from API text, so a name cannot rewrite the terminal', () => {
    // Act
    const [line] = formatFields([['Name', 'Evil\u001b[2J\u0007 Agency']]);

    // Assess
    expect(line).toBe('Name  Evil\uFFFD[2J\uFFFD Agency');
  });

  it('previews a long reason on one line, cut with an ellipsis', () => {
    expect(preview('Name\n  the   owner')).toBe('Name the owner');
    expect(preview('a'.repeat(70))).toBe(`${'a'.repeat(59)}…`);
    expect(preview('a'.repeat(60))).toBe('a'.repeat(60));
  });

  it('summarises items by status', () => {
    expect(statusSummary([{ status: 'open' }, { status: 'accepted' }, { status: 'open' }])).toBe(
      '3 (2 open, 1 accepted)',
    );
    expect(statusSummary([])).toBe('0');
  });

  it('reports an import by line: problems, skipped and failed rows, then the counts', () => {
    // Act
    const lines = importReportLines({
      file: 'agencies.csv',
      created: 1,
      skipped: 1,
      invalid: 1,
      failed: 1,
      rows: [
        { line: 2, ori: 'CA0190000', outcome: 'created' },
        { line: 3, ori: 'CA0370000', outcome: 'skipped', message: 'Agency CA0370000 is already registered' },
        {
          line: 5,
          ori: 'CA01',
          outcome: 'invalid',
          issues: ['ori: ORI must be 9 characters', 'county: is required'],
        },
        {
          line: 7,
          ori: 'CA0380000',
          outcome: 'failed',
          message: 'The request failed unexpectedly',
          issues: [],
        },
      ],
    });

    // Assess
    expect(lines).toEqual([
      'line 3: CA0370000 skipped: already registered',
      'line 5: ori: ORI must be 9 characters',
      'line 5: county: is required',
      'line 7: CA0380000 failed: The request failed unexpectedly',
      '',
      'agencies.csv: created 1, skipped 1, invalid 1, failed 1.',
    ]);
  });

  it('draws plain progress lines when stderr is not a terminal', () => {
    // Prepare
    const sink = new TextSink(false);
    const progress: ImportProgress = importProgress(sink);

    // Act
    progress.start(2);
    progress.sent({ line: 2, ori: 'CA0190000', outcome: 'created' });
    progress.sent({ line: 4, ori: 'CA0370000', outcome: 'skipped', message: 'exists' });
    progress.stop();

    // Assess
    expect(sink.text).toBe('[1/2] line 2 CA0190000 created\n[2/2] line 4 CA0370000 skipped\n');
  });

  it('draws a progress bar on a terminal', () => {
    // Prepare
    const sink = Object.assign(new TextSink(true), { columns: 100 });
    const progress = importProgress(sink);

    // Act
    progress.start(1);
    progress.sent({ line: 2, ori: 'CA0190000', outcome: 'created' });
    progress.stop();

    // Assess
    expect(sink.text).toContain('Importing agencies [');
    expect(sink.text).toContain('1/1 | line 2 CA0190000 created');
  });
});

describe('CLI: error output', () => {
  const report = (error: unknown, json = false) => {
    const stderr = new TextSink();
    const exitCode = reportError(error, { stdout: new TextSink(), stderr }, json);
    return { exitCode, text: stderr.text };
  };

  it('shows an API error as "error: <message>" with its issues, exit code 1', () => {
    // Act
    const shown = report(
      new ApiCallError(
        400,
        'ValidationFailed',
        'The request is not valid.',
        ['programId: must be one of a, b'],
        'POST /x',
      ),
    );

    // Assess
    expect(shown).toEqual({
      exitCode: 1,
      text: 'error: The request is not valid.\n  programId: must be one of a, b\n',
    });
  });

  it('adds a hint to a refused token and to an unreachable API', () => {
    expect(
      report(new ApiCallError(401, 'Unauthorized', 'Send the token.', [], 'GET /agencies')).text,
    ).toMatch(/\nhint: pass --token <token> or set CLETS_API_TOKEN/);
    expect(report(new ApiUnreachableError('http://127.0.0.1:4280', 'ECONNREFUSED')).text).toBe(
      'error: cannot reach the API at http://127.0.0.1:4280 (ECONNREFUSED)\n' +
        'hint: start the local sandbox with "npm start", or point --api (or CLETS_API_URL) at a running API.\n',
    );
  });

  it('ends a usage error with exit code 2, and writes the API error shape with --json', () => {
    // Act
    const shown = report(
      new CliUsageError('invalid input; nothing was sent', ['--ori: ORI must be 9 characters']),
      true,
    );

    // Assess
    expect(shown.exitCode).toBe(2);
    expect(JSON.parse(shown.text)).toEqual({
      error: {
        code: 'UsageError',
        message: 'invalid input; nothing was sent',
        issues: ['--ori: ORI must be 9 characters'],
      },
    });
  });

  it('says nothing more for a failure the command already reported', () => {
    expect(report(new AlreadyReportedFailure())).toEqual({ exitCode: 1, text: '' });
  });
});
