import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCliForTest } from '../../unit/cli/cli-test-io.js';
import { apiError, type FakeAdminApi, startFakeAdminApi } from './fake-admin-api.js';

const ORI = 'CA0190000';
const URL_ONCE = `https://audits.example.gov/calendar/${'k'.repeat(43)}.ics`;

const liveFeed = {
  ori: ORI,
  active: true,
  feedRef: 'cal-0123456789abcdef',
  issuedAt: '2026-06-10T16:00:00.000Z',
};
const issuedFeed = { ...liveFeed, feedRef: 'cal-fedcba9876543210', url: URL_ONCE };

describe('CLI: agency calendar against a fake admin API', () => {
  let api: FakeAdminApi;
  const cli = (...argv: string[]) =>
    runCliForTest(argv, { env: { CLETS_API_URL: api.url, CLETS_API_TOKEN: 'calendar-token' } });
  const sent = () => api.requests.map((request) => [request.method, request.url, request.body]);

  beforeAll(async () => {
    api = await startFakeAdminApi();
  });

  afterAll(async () => {
    await api.stop();
  });

  beforeEach(() => {
    api.requests.length = 0;
  });

  it('issues a feed for an agency that has none and prints its URL, this once', async () => {
    // Prepare
    api.answer((request) =>
      request.method === 'GET'
        ? { status: 200, body: { ori: ORI, active: false } }
        : { status: 201, body: issuedFeed },
    );

    // Act
    const run = await cli('agency', 'calendar', 'ca0190000');

    // Assess
    expect(sent()).toEqual([
      ['GET', `/agencies/${ORI}/calendar-feed`, undefined],
      ['POST', `/agencies/${ORI}/calendar-feed`, {}],
    ]);
    expect(run).toEqual({
      exitCode: 0,
      stderr: '',
      stdout: [
        `Issued calendar feed cal-fedcba9876543210 for ${ORI}.`,
        "Its URL, shown this once (give it to the agency to subscribe to in their calendar app; anyone holding it can read the agency's due dates):",
        `  ${URL_ONCE}`,
        '',
      ].join('\n'),
    });
  });

  it('only shows when the live feed was issued, and how to rotate it, when the agency has one', async () => {
    // Prepare
    api.answer(() => ({ status: 200, body: liveFeed }));

    // Act
    const run = await cli('agency', 'calendar', ORI);

    // Assess: nothing was issued, so existing subscriptions keep working
    expect(sent()).toEqual([['GET', `/agencies/${ORI}/calendar-feed`, undefined]]);
    expect(run.exitCode).toBe(0);
    expect(run.stdout.split('\n')).toEqual([
      `${ORI} has a calendar feed: cal-0123456789abcdef, issued 2026-06-10T16:00:00.000Z.`,
      `Its URL was shown only when it was issued. To get a new one: clets-audit agency calendar ${ORI} --rotate (the current URL stops working).`,
      '',
    ]);
  });

  it('--rotate asks for a new URL and says which feed stopped working', async () => {
    // Prepare
    api.answer(() => ({ status: 201, body: { ...issuedFeed, replacedFeedRef: liveFeed.feedRef } }));

    // Act
    const run = await cli('agency', 'calendar', ORI, '--rotate');

    // Assess
    expect(sent()).toEqual([['POST', `/agencies/${ORI}/calendar-feed`, { rotate: true }]]);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('It replaces cal-0123456789abcdef, whose URL no longer works.\n');
    expect(run.stdout).toContain(`  ${URL_ONCE}\n`);
  });

  it('--revoke sends the reason and says whether a feed was withdrawn', async () => {
    // Prepare
    api.answer(() => ({
      status: 200,
      body: { ...liveFeed, active: false, revoked: true, revokedAt: '2026-06-11T16:00:00.000Z' },
    }));

    // Act
    const revoked = await cli('agency', 'calendar', ORI, '--revoke', '--reason', 'Posted on a shared drive');
    api.answer(() => ({ status: 200, body: { ori: ORI, active: false, revoked: false } }));
    const none = await cli('agency', 'calendar', ORI, '--revoke', '--reason', 'Cleanup');

    // Assess
    expect(sent()).toEqual([
      ['POST', `/agencies/${ORI}/calendar-feed/revoke`, { reason: 'Posted on a shared drive' }],
      ['POST', `/agencies/${ORI}/calendar-feed/revoke`, { reason: 'Cleanup' }],
    ]);
    expect(revoked.stdout).toBe(
      `Revoked calendar feed cal-0123456789abcdef of ${ORI}; its URL stops working at once.\n`,
    );
    expect(none.stdout).toBe(`${ORI} has no live calendar feed to revoke: nothing changed.\n`);
  });

  it('--json prints the answer as the API sent it', async () => {
    api.answer(() => ({ status: 201, body: issuedFeed }));
    const run = await cli('--json', 'agency', 'calendar', ORI, '--rotate');
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(issuedFeed);
  });

  it('shows an unknown agency as the API says, with exit code 1', async () => {
    api.answer(() => apiError(404, 'NotFound', `Agency CA0000001 does not exist.`));
    const run = await cli('agency', 'calendar', 'CA0000001');
    expect(run).toEqual({ exitCode: 1, stdout: '', stderr: 'error: Agency CA0000001 does not exist.\n' });
  });

  describe('bad input is refused before anything is sent', () => {
    beforeEach(() => {
      api.answer(() => apiError(500, 'InternalError', 'should not be called'));
    });

    const cases: [string, string[], RegExp][] = [
      ['a bad ORI', ['agency', 'calendar', 'C@019'], /<ori>: /],
      ['--rotate with --revoke', ['agency', 'calendar', ORI, '--rotate', '--revoke'], /cannot be combined/],
      [
        '--revoke without --reason',
        ['agency', 'calendar', ORI, '--revoke'],
        /--reason: a reason is required/,
      ],
      [
        '--reason without --revoke',
        ['agency', 'calendar', ORI, '--reason', 'x'],
        /--reason goes with --revoke/,
      ],
      ['no ORI', ['agency', 'calendar'], /missing required argument 'ori'/],
    ];

    it.each(cases)('%s', async (_name, argv, message) => {
      // Act
      const run = await cli(...argv);

      // Assess
      expect(api.requests).toEqual([]);
      expect(run.exitCode).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stdout).toBe('');
    });
  });
});
