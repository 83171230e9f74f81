import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCliForTest } from '../../unit/cli/cli-test-io.js';
import { type FakeAdminApi, startFakeAdminApi } from './fake-admin-api.js';

const CONTACTS = ['--tac', 'A <a@x.gov>', '--laso', 'B <b@x.gov>', '--head', 'C <c@x.gov>'];
const AGENCY = ['--ori', 'CA0190000', '--name', 'X', '--county', 'Kern', '--type', 'interface-agency'];

describe('CLI: bad input on every command is refused before anything is sent', () => {
  let api: FakeAdminApi;
  let folder: string;

  beforeAll(async () => {
    api = await startFakeAdminApi();
    folder = await mkdtemp(join(tmpdir(), 'clets-cli-bad-input-'));
    await writeFile(
      join(folder, 'bad-agency.json'),
      JSON.stringify({ ori: 'CA0190000', name: 'X', contacts: [], extra: 1 }),
    );
    await writeFile(join(folder, 'not-json.json'), '{ "ori": ');
    await writeFile(join(folder, 'bad-header.csv'), 'ori,name\nCA0190000,X\n');
  });

  afterAll(async () => {
    await api.stop();
    await rm(folder, { recursive: true, force: true });
  });

  beforeEach(() => {
    api.requests.length = 0;
    // Any request reaching the fake would be a failure of the command under test.
    api.answer(() => ({
      status: 500,
      body: { error: { code: 'InternalError', message: 'should not be called' } },
    }));
  });

  const cases: [string, string[], number, RegExp][] = [
    [
      'agency add: bad ORI',
      ['agency', 'add', ...AGENCY.slice(2), '--ori', 'CA-19', ...CONTACTS],
      2,
      /--ori: ORI must be 9 characters/,
    ],
    [
      'agency add: bad email',
      ['agency', 'add', ...AGENCY, ...CONTACTS.slice(2), '--tac', 'A <a@>'],
      2,
      /--tac email: must be an email address/,
    ],
    [
      'agency add: not "Name <email>"',
      ['agency', 'add', ...AGENCY, ...CONTACTS.slice(0, 4), '--head', 'c@x.gov'],
      2,
      /--head: must be written "Name <email>"/,
    ],
    [
      'agency add: --file with options',
      ['agency', 'add', '--file', 'a.json', '--ori', 'CA0190000'],
      2,
      /--file cannot be combined with --ori/,
    ],
    [
      'agency add: missing file',
      ['agency', 'add', '--file', 'no-such-file.json'],
      2,
      /--file: cannot read no-such-file\.json: no such file/,
    ],
    [
      'agency add: invalid file',
      ['agency', 'add', '--file', 'FOLDER/bad-agency.json'],
      1,
      /bad-agency\.json does not describe a valid agency[\s\S]*extra/,
    ],
    [
      'agency add: file not JSON',
      ['agency', 'add', '--file', 'FOLDER/not-json.json'],
      1,
      /not-json\.json is not valid JSON/,
    ],
    [
      'agency import: missing file',
      ['agency', 'import', 'FOLDER/none.csv'],
      2,
      /<file\.csv>: cannot read .*none\.csv: no such file/,
    ],
    [
      'agency import: bad header',
      ['agency', 'import', 'FOLDER/bad-header.csv'],
      1,
      /header row\) is not valid; nothing was sent/,
    ],
    [
      'agency list: bad limit',
      ['agency', 'list', '--limit', '0'],
      2,
      /--limit: must be a whole number from 1 to 10000/,
    ],
    ['agency show: bad ORI', ['agency', 'show', 'CA 019'], 2, /<ori>: ORI must be 9 characters/],
    [
      'enroll: bad ORI',
      ['enroll', 'X', 'account-review', '--anchor', '2026-07-06'],
      2,
      /<ori>: ORI must be 9 characters/,
    ],
    [
      'enroll: bad program id',
      ['enroll', 'CA0190000', 'Account Review', '--anchor', '2026-07-06'],
      2,
      /<programId>: must be lowercase words joined by hyphens/,
    ],
    [
      'enroll: bad date',
      ['enroll', 'CA0190000', 'account-review', '--anchor', '2026-02-30'],
      2,
      /--anchor: must be a calendar date written YYYY-MM-DD/,
    ],
    [
      'enroll: bad time zone',
      ['enroll', 'CA0190000', 'account-review', '--anchor', '2026-07-06', '--time-zone', 'PST8'],
      2,
      /--time-zone: must be an IANA time zone/,
    ],
    ['schedule run: extra argument', ['schedule', 'run', 'now'], 2, /too many arguments/],
    [
      'audits list: bad status',
      ['audits', 'list', '--status', 'late'],
      2,
      /--status: audit status must be one of: scheduled, open/,
    ],
    [
      'audits list: ori with overdue',
      ['audits', 'list', '--ori', 'CA0190000', '--overdue'],
      2,
      /--overdue: cannot be combined with --ori/,
    ],
    ['audits show: bad id', ['audits', 'show', 'aud 1'], 2, /<auditId>: may contain only letters, digits/],
    [
      'audits cancel: empty reason',
      ['audits', 'cancel', 'aud_1', '--reason', '  '],
      2,
      /--reason: a reason is required/,
    ],
    [
      'audits close: empty reason',
      ['audits', 'close', 'aud_1', '--reason', ''],
      2,
      /--reason: a reason is required/,
    ],
    ['audits close: bad id', ['audits', 'close', 'aud/1', '--reason', 'x'], 2, /<auditId>: may contain only/],
    [
      'findings add: bad owner',
      [
        'findings',
        'add',
        'aud_1',
        '--request',
        'req_1',
        '--severity',
        'low',
        '--description',
        'x',
        '--owner',
        'TAC',
      ],
      2,
      /--owner: responsible role must be one of: tac, laso, agency-head/,
    ],
    [
      'tasks add: bad owner',
      ['tasks', 'add', 'aud_1', 'fnd_1', '--owner', 'alternate'],
      2,
      /--owner: responsible role must be one of: tac, laso, agency-head/,
    ],
    [
      'tasks add: bad due date',
      ['tasks', 'add', 'aud_1', 'fnd_1', '--owner', 'laso', '--due', '2027-13-01'],
      2,
      /--due: must be a calendar date written YYYY-MM-DD/,
    ],
    [
      'tasks revise: empty reason',
      ['tasks', 'revise', 'aud_1', 'tsk_1', '--reason', ''],
      2,
      /--reason: a reason is required/,
    ],
    [
      'tasks cancel: empty reason',
      ['tasks', 'cancel', 'aud_1', 'tsk_1', '--reason', ' '],
      2,
      /--reason: a reason is required/,
    ],
    [
      'tasks verify: bad evidence',
      ['tasks', 'verify', 'aud_1', 'tsk_1', '--evidence', 'a b'],
      2,
      /--evidence: "a b" may contain only/,
    ],
    ['tasks: unknown decision', ['tasks', 'reject', 'aud_1', 'tsk_1'], 2, /unknown command 'reject'/],
    ['clock show: unknown option', ['clock', 'show', '--at', 'now'], 2, /unknown option '--at'/],
    [
      'clock advance: nothing',
      ['clock', 'advance'],
      2,
      /give exactly one of --days <n>, --hours <n> or --until <instant>/,
    ],
    [
      'clock advance: two',
      ['clock', 'advance', '--days', '1', '--until', '2026-04-01T00:00:00Z'],
      2,
      /got --days, --until/,
    ],
    [
      'clock advance: bad days',
      ['clock', 'advance', '--days', '-3'],
      2,
      /--days: must be a number of days more than 0 and at most 400/,
    ],
    [
      'clock advance: bad until',
      ['clock', 'advance', '--until', '2026-04-01'],
      2,
      /--until: must be an ISO 8601 instant with a zone/,
    ],
    ['outbox list: extra argument', ['outbox', 'list', 'all'], 2, /too many arguments/],
  ];

  it.each(cases)('%s', async (_name, argv, exitCode, message) => {
    // Act
    const run = await runCliForTest(
      argv.map((arg) => arg.replace('FOLDER', folder)),
      { env: { CLETS_API_URL: api.url, CLETS_API_TOKEN: 'bad-input-token' } },
    );

    // Assess
    expect(api.requests).toEqual([]);
    expect(run.exitCode).toBe(exitCode);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
  });
});
