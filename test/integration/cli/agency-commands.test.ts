import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCliForTest } from '../../unit/cli/cli-test-io.js';
import { agencyAnswer, apiError, type FakeAdminApi, startFakeAdminApi } from './fake-admin-api.js';

const TOKEN = 'test-token-agency';

describe('CLI: agency commands against a fake admin API', () => {
  let api: FakeAdminApi;
  let folder: string;
  const cli = (...argv: string[]) =>
    runCliForTest(argv, { env: { CLETS_API_URL: api.url, CLETS_API_TOKEN: TOKEN } });

  beforeAll(async () => {
    api = await startFakeAdminApi();
    folder = await mkdtemp(join(tmpdir(), 'clets-cli-agency-'));
  });

  afterAll(async () => {
    await api.stop();
    await rm(folder, { recursive: true, force: true });
  });

  beforeEach(() => {
    api.requests.length = 0;
  });

  it('agency add sends the agency the options describe, with the token, and shows what was registered', async () => {
    // Prepare
    api.answer((request) => ({
      status: 201,
      body: { ...agencyAnswer('CA0190000'), ...(request.body as object) },
    }));

    // Act
    const run = await cli(
      'agency',
      'add',
      '--ori',
      'ca0190000',
      '--name',
      'Los Angeles County Sheriff',
      '--county',
      'Los Angeles',
      '--type',
      'criminal-justice-agency',
      '--tac',
      'Pat Lee <pat@lasd.example.gov>',
      '--laso',
      'Sam Ortiz <sam@lasd.example.gov>',
      '--head',
      'Alex Kim <alex@lasd.example.gov>',
      '--alternate',
      '"Park, Jo" <jo@lasd.example.gov>',
    );

    // Assess
    expect(run).toMatchObject({ exitCode: 0, stderr: '' });
    expect(api.requests).toEqual([
      {
        method: 'POST',
        url: '/agencies',
        authorization: `Bearer ${TOKEN}`,
        contentType: 'application/json',
        body: {
          ori: 'CA0190000',
          name: 'Los Angeles County Sheriff',
          county: 'Los Angeles',
          agencyType: 'criminal-justice-agency',
          contacts: [
            { role: 'tac', name: 'Pat Lee', email: 'pat@lasd.example.gov' },
            { role: 'laso', name: 'Sam Ortiz', email: 'sam@lasd.example.gov' },
            { role: 'agency-head', name: 'Alex Kim', email: 'alex@lasd.example.gov' },
            { role: 'alternate', name: 'Park, Jo', email: 'jo@lasd.example.gov' },
          ],
        },
      },
    ]);
    expect(run.stdout).toMatch(/^Registered agency CA0190000 \(Los Angeles County Sheriff\)\.\n/);
    expect(run.stdout).toContain('  alternate    Park, Jo <jo@lasd.example.gov>');
  });

  it('agency add --file sends the JSON file as the request body', async () => {
    // Prepare
    const agency = agencyAnswer('CA0370000');
    const file = join(folder, 'agency.json');
    await writeFile(
      file,
      JSON.stringify({
        ori: agency.ori,
        name: agency.name,
        county: agency.county,
        agencyType: agency.agencyType,
        contacts: agency.contacts,
      }),
    );
    api.answer(() => ({ status: 201, body: agency }));

    // Act
    const run = await cli('--json', 'agency', 'add', '--file', file);

    // Assess
    expect(run.exitCode).toBe(0);
    expect(api.requests.map((request) => request.body)).toEqual([
      {
        ori: 'CA0370000',
        name: 'Agency CA0370000',
        county: 'Los Angeles',
        agencyType: 'criminal-justice-agency',
        contacts: agency.contacts,
      },
    ]);
    expect(JSON.parse(run.stdout)).toEqual(agency);
  });

  it('agency add shows the API\'s refusal as "error: <message>" with exit code 1', async () => {
    // Prepare
    api.answer(() =>
      apiError(409, 'AlreadyExists', 'Agency CA0190000 is already registered; GET /agencies/CA0190000.'),
    );

    // Act
    const run = await cli(
      'agency',
      'add',
      '--ori',
      'CA0190000',
      '--name',
      'X',
      '--county',
      'Kern',
      '--type',
      'interface-agency',
      '--tac',
      'A <a@x.gov>',
      '--laso',
      'B <b@x.gov>',
      '--head',
      'C <c@x.gov>',
    );

    // Assess
    expect(run).toEqual({
      exitCode: 1,
      stdout: '',
      stderr: 'error: Agency CA0190000 is already registered; GET /agencies/CA0190000.\n',
    });
  });

  it('agency list follows the cursors until --limit agencies are in hand, and says more exist', async () => {
    // Prepare: pages of two, whatever the limit asked.
    const all = ['CA0010000', 'CA0020000', 'CA0030000', 'CA0040000'].map((ori) => agencyAnswer(ori));
    api.answer((request) => {
      const query = new URL(request.url, 'http://x').searchParams;
      const start = Number(query.get('cursor') ?? '0');
      const end = Math.min(start + 2, start + Number(query.get('limit')));
      return {
        status: 200,
        body: { items: all.slice(start, end), ...(end < all.length ? { nextCursor: String(end) } : {}) },
      };
    });

    // Act
    const run = await cli('agency', 'list', '--limit', '3');

    // Assess
    expect(api.requests.map((request) => `${request.method} ${request.url}`)).toEqual([
      'GET /agencies?limit=3',
      'GET /agencies?limit=1&cursor=2',
    ]);
    expect(run.exitCode).toBe(0);
    expect(run.stdout.split('\n')).toEqual([
      'ORI        NAME              COUNTY       TYPE                     TAC',
      'CA0010000  Agency CA0010000  Los Angeles  criminal-justice-agency  Pat Lee <pat@x.gov>',
      'CA0020000  Agency CA0020000  Los Angeles  criminal-justice-agency  Pat Lee <pat@x.gov>',
      'CA0030000  Agency CA0030000  Los Angeles  criminal-justice-agency  Pat Lee <pat@x.gov>',
      '3 agencies',
      'More agencies are registered: raise --limit (now 3) to see them.',
      '',
    ]);
  });

  it('agency list --json prints the items and the cursor to continue from', async () => {
    // Prepare
    api.answer(() => ({ status: 200, body: { items: [agencyAnswer('CA0010000')] } }));

    // Act
    const run = await cli('agency', 'list', '--json');

    // Assess
    expect(JSON.parse(run.stdout)).toEqual({ items: [agencyAnswer('CA0010000')] });
  });

  it('agency show asks for the upper-cased ORI and shows its contacts', async () => {
    // Prepare
    api.answer((request) =>
      request.url === '/agencies/CA0190000' ? { status: 200, body: agencyAnswer('CA0190000') } : undefined,
    );

    // Act
    const run = await cli('agency', 'show', 'ca0190000');

    // Assess
    expect(run.exitCode).toBe(0);
    expect(api.requests.map((request) => `${request.method} ${request.url}`)).toEqual([
      'GET /agencies/CA0190000',
    ]);
    expect(run.stdout).toContain('ORI         CA0190000\n');
    expect(run.stdout).toContain('  agency-head  Alex Kim <alex@x.gov>\n');
  });

  it("agency show passes on the API's 404 message", async () => {
    // Prepare
    api.answer(() => apiError(404, 'NotFound', 'No agency is registered with ORI CA9990000.'));

    // Act
    const run = await cli('agency', 'show', 'CA9990000');

    // Assess
    expect(run).toEqual({
      exitCode: 1,
      stdout: '',
      stderr: 'error: No agency is registered with ORI CA9990000.\n',
    });
  });
});
