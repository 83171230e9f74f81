import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCliForTest } from '../../unit/cli/cli-test-io.js';
import { type FakeAdminApi, startFakeAdminApi } from './fake-admin-api.js';

describe('CLI: sandbox clock and outbox commands against a fake sandbox', () => {
  let api: FakeAdminApi;
  const cli = (...argv: string[]) =>
    runCliForTest(argv, { env: { CLETS_API_URL: api.url, CLETS_API_TOKEN: 'clock-token' } });

  beforeAll(async () => {
    api = await startFakeAdminApi();
  });

  afterAll(async () => {
    await api.stop();
  });

  beforeEach(() => {
    api.requests.length = 0;
    api.answer(() => undefined);
  });

  it('clock show prints the virtual time and the next timers', async () => {
    // Prepare
    api.answer(() => ({
      status: 200,
      body: {
        now: '2026-03-02T16:00:00.000Z',
        timeZone: 'America/Los_Angeles',
        local: 'Monday, March 2, 2026 at 8:00:00 AM PST',
        nextTimers: [{ at: '2026-03-03T14:00:00.000Z', label: 'daily schedule 2026-03-03' }],
      },
    }));

    // Act
    const run = await cli('clock', 'show');

    // Assess
    expect(api.requests.map((request) => `${request.method} ${request.url}`)).toEqual(['GET /clock']);
    expect(run.stdout).toBe(
      'Sandbox time  2026-03-02T16:00:00.000Z\n' +
        'Local         Monday, March 2, 2026 at 8:00:00 AM PST (America/Los_Angeles)\n' +
        'Next timers:\n' +
        '  2026-03-03T14:00:00.000Z  daily schedule 2026-03-03\n',
    );
  });

  it.each([
    [['--days', '2'], { days: 2 }],
    [['--hours', '0.5'], { hours: 0.5 }],
    [['--until', '2026-04-01T08:00:00-07:00'], { until: '2026-04-01T08:00:00-07:00' }],
  ])('clock advance %j sends %j and lists the timers that fired', async (options, body) => {
    // Prepare
    api.answer(() => ({
      status: 200,
      body: {
        from: '2026-03-02T16:00:00.000Z',
        to: '2026-03-04T16:00:00.000Z',
        fired: 3,
        firedTimers: [
          { at: '2026-03-03T14:00:00.000Z', label: 'daily schedule 2026-03-03' },
          { at: '2026-03-04T14:00:00.000Z', label: 'daily schedule 2026-03-04' },
        ],
      },
    }));

    // Act
    const run = await cli('clock', 'advance', ...options);

    // Assess
    expect(
      api.requests.map((request) => [request.method, request.url, request.body, request.authorization]),
    ).toEqual([['POST', '/clock/advance', body, 'Bearer clock-token']]);
    expect(run.stdout).toBe(
      'Sandbox time moved from 2026-03-02T16:00:00.000Z to 2026-03-04T16:00:00.000Z; 3 timers fired:\n' +
        '  2026-03-03T14:00:00.000Z  daily schedule 2026-03-03\n' +
        '  2026-03-04T14:00:00.000Z  daily schedule 2026-03-04\n' +
        '  ... and 1 more\n',
    );
  });

  it('outbox list shows the sent emails, newest first as the sandbox lists them', async () => {
    // Prepare
    const message = (id: string, subject: string) => ({
      id,
      messageId: `${id}@sandbox.local`,
      to: ['pat@x.gov'],
      subject,
      tags: {},
      sentAt: '2026-03-02T16:00:00.000Z',
      file: `${id}.eml`,
      href: `/outbox/${id}.eml`,
    });
    api.answer(() => ({
      status: 200,
      body: { messages: [message('m2', 'Reminder'), message('m1', 'Evidence requested')] },
    }));

    // Act
    const run = await cli('outbox', 'list');

    // Assess
    expect(run.stdout.split('\n')).toEqual([
      'SENT                      TO         SUBJECT             MESSAGE',
      '2026-03-02T16:00:00.000Z  pat@x.gov  Reminder            /outbox/m2.eml',
      '2026-03-02T16:00:00.000Z  pat@x.gov  Evidence requested  /outbox/m1.eml',
      '2 messages',
      '',
    ]);
  });

  it.each([
    ['clock', 'show'],
    ['clock', 'advance', '--days', '1'],
    ['outbox', 'list'],
  ])('%s %s says clearly when the API is not a sandbox (404)', async (...argv) => {
    // Act (the fake answers 404 to everything here, as API Gateway does for a path it does not route)
    const run = await cli(...argv);

    // Assess
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(
      new RegExp(`^error: ${api.url} is not the local sandbox: (GET|POST) /\\S+ answered 404\\.`),
    );
    expect(run.stderr).toContain('exist only in the sandbox started with "npm start"');
  });

  it("shows the sandbox's own validation message and issues", async () => {
    // Prepare
    api.answer(() => ({
      status: 400,
      body: {
        error: 'ValidationFailed',
        message: "until: must not be before the sandbox's now",
        issues: ["until: must not be before the sandbox's now"],
      },
    }));

    // Act
    const run = await cli('clock', 'advance', '--until', '2020-01-01T00:00:00Z');

    // Assess
    expect(run).toEqual({
      exitCode: 1,
      stdout: '',
      stderr:
        "error: until: must not be before the sandbox's now\n  until: must not be before the sandbox's now\n",
    });
  });
});
