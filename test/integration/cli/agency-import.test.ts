import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCliForTest } from '../../unit/cli/cli-test-io.js';
import {
  agencyAnswer,
  apiError,
  type FakeAdminApi,
  type FakeHandler,
  startFakeAdminApi,
} from './fake-admin-api.js';

const HEADER = 'ori,name,county,agencyType,tacName,tacEmail,lasoName,lasoEmail,headName,headEmail';
const row = (ori: string, name = 'Agency') =>
  `${ori},"${name}",Los Angeles,criminal-justice-agency,Pat Lee,pat@x.gov,Sam Ortiz,sam@x.gov,Alex Kim,alex@x.gov`;

/** Registers CA0370000 already (409), fails on CA0380000 (500), creates anything else. */
const answerByOri: FakeHandler = (request) => {
  const { ori } = request.body as { ori: string };
  if (ori === 'CA0370000') return apiError(409, 'AlreadyExists', `Agency ${ori} is already registered.`);
  if (ori === 'CA0380000')
    return apiError(500, 'InternalError', 'The request failed unexpectedly; quote request id r-1.');
  return { status: 201, body: agencyAnswer(ori) };
};

describe('CLI: agency import against a fake admin API', () => {
  let api: FakeAdminApi;
  let folder: string;
  const cli = (...argv: string[]) =>
    runCliForTest(argv, { env: { CLETS_API_URL: api.url, CLETS_API_TOKEN: 'import-token' } });
  const csvFile = async (name: string, lines: string[], lineEnd = '\n') => {
    const path = join(folder, name);
    await writeFile(path, lines.join(lineEnd));
    return path;
  };

  beforeAll(async () => {
    api = await startFakeAdminApi();
    folder = await mkdtemp(join(tmpdir(), 'clets-cli-import-'));
  });

  afterAll(async () => {
    await api.stop();
    await rm(folder, { recursive: true, force: true });
  });

  beforeEach(() => {
    api.requests.length = 0;
    api.answer(answerByOri);
  });

  it('sends the valid rows only, and reports each other row by line with the counts, exit code 1', async () => {
    // Prepare: a BOM, CRLF, a blank line, a quoted comma, and two rows that are not valid.
    const file = await csvFile(
      'mixed.csv',
      [
        `\uFEFF${HEADER}`,
        row('CA0190000', 'Sheriff, County of LA'),
        '',
        row('CA01', 'Bad ORI'),
        row('CA0370000'),
        'CA0390000,Agency,Atlantis,criminal-justice-agency,Pat Lee,pat-at-x.gov,Sam Ortiz,sam@x.gov,Alex Kim,alex@x.gov',
        row('CA0380000'),
        '',
      ],
      '\r\n',
    );

    // Act
    const run = await cli('agency', 'import', file);

    // Assess
    expect(api.requests.map((request) => (request.body as { ori: string }).ori)).toEqual([
      'CA0190000',
      'CA0370000',
      'CA0380000',
    ]);
    expect(api.requests[0]?.body).toMatchObject({ name: 'Sheriff, County of LA', county: 'Los Angeles' });
    expect(run.exitCode).toBe(1);
    expect(run.stdout.split('\n')).toEqual([
      'line 4: ori: ORI must be 9 characters: a two-letter state code then seven letters or digits, e.g. CA0190000',
      'line 5: CA0370000 skipped: already registered',
      expect.stringMatching(/^line 6: county: county must be one of: Alameda, .*, Yuba$/),
      'line 6: tacEmail: must be an email address such as tac@agency.ca.gov',
      'line 7: CA0380000 failed: The request failed unexpectedly; quote request id r-1.',
      '',
      'mixed.csv: created 1, skipped 1, invalid 2, failed 1.',
      '',
    ]);
    // Not a terminal here: one progress line per row sent, on stderr.
    expect(run.stderr).toBe(
      '[1/3] line 2 CA0190000 created\n[2/3] line 5 CA0370000 skipped\n[3/3] line 7 CA0380000 failed\n',
    );
  });

  it('ends with exit code 0 when every row was created or skipped', async () => {
    // Prepare
    const file = await csvFile('clean.csv', [HEADER, row('CA0190000'), row('CA0370000')]);

    // Act
    const run = await cli('agency', 'import', file);

    // Assess
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toBe(
      'line 3: CA0370000 skipped: already registered\n\nclean.csv: created 1, skipped 1, invalid 0, failed 0.\n',
    );
  });

  it('prints the per-row report as JSON with --json', async () => {
    // Prepare
    const file = await csvFile('json.csv', [HEADER, row('CA0190000'), row('CA0370000'), row('XX')]);

    // Act
    const run = await cli('--json', 'agency', 'import', file);

    // Assess
    expect(run.exitCode).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual({
      file: 'json.csv',
      created: 1,
      skipped: 1,
      invalid: 1,
      failed: 0,
      rows: [
        { line: 2, ori: 'CA0190000', outcome: 'created' },
        { line: 3, ori: 'CA0370000', outcome: 'skipped', message: 'Agency CA0370000 is already registered.' },
        {
          line: 4,
          ori: 'XX',
          outcome: 'invalid',
          issues: [expect.stringMatching(/^ori: ORI must be 9 characters/)],
        },
      ],
    });
  });

  it('sends nothing when the header is wrong, naming the missing columns', async () => {
    // Prepare
    const file = await csvFile('header.csv', ['ori,name,county', 'CA0190000,Agency,Kern']);

    // Act
    const run = await cli('agency', 'import', file);

    // Assess
    expect(api.requests).toEqual([]);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toBe(
      'error: line 1 (the header row) is not valid; nothing was sent\n' +
        '  missing required columns: agencyType, tacName, tacEmail, lasoName, lasoEmail, headName, headEmail\n',
    );
  });

  it('stops at a refused token instead of failing every row the same way', async () => {
    // Prepare
    api.answer(() => apiError(401, 'Unauthorized', 'Send the token the sandbox printed at start.'));
    const file = await csvFile('token.csv', [HEADER, row('CA0190000'), row('CA0370000'), row('CA0390000')]);

    // Act
    const run = await cli('agency', 'import', file);

    // Assess
    expect(api.requests).toHaveLength(1);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('line 3: CA0370000 failed: not sent: the import stopped\n');
    expect(run.stdout).toContain('token.csv: created 0, skipped 0, invalid 0, failed 3.\n');
    expect(run.stderr).toContain(
      'error: Send the token the sandbox printed at start.\nhint: pass --token <token> or set CLETS_API_TOKEN',
    );
  });
});
