import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCliForTest } from '../../unit/cli/cli-test-io.js';
import { apiError, type FakeAdminApi, startFakeAdminApi } from './fake-admin-api.js';

const AUDIT = 'aud_CA0190000_account-review_2027';

const link = (overrides: Record<string, unknown> = {}) => ({
  linkRef: 'link-0123456789abcdef',
  role: 'tac',
  reason: 'audit-opened',
  issuedAt: '2027-01-30T08:00:00.000Z',
  expiresAt: '2027-04-01T07:59:59.999Z',
  state: 'active',
  failedAttempts: 0,
  ...overrides,
});

const revokedLink = link({
  state: 'revoked',
  failedAttempts: 2,
  revokedAt: '2027-02-10T17:00:00.000Z',
  revokedReason: 'Sent to the wrong person',
});

describe('CLI: links commands against a fake admin API', () => {
  let api: FakeAdminApi;
  const cli = (...argv: string[]) =>
    runCliForTest(argv, { env: { CLETS_API_URL: api.url, CLETS_API_TOKEN: 'links-token' } });
  const sent = () => api.requests.map((request) => `${request.method} ${request.url}`);

  beforeAll(async () => {
    api = await startFakeAdminApi();
  });

  afterAll(async () => {
    await api.stop();
  });

  beforeEach(() => {
    api.requests.length = 0;
  });

  it("links list shows each link's role, state, dates, failed attempts and why it stopped working", async () => {
    // Prepare
    api.answer(() => ({
      status: 200,
      body: {
        items: [
          revokedLink,
          link({
            linkRef: 'link-fedcba9876543210',
            reason: 'reissued',
            issuedAt: '2027-02-10T17:00:00.000Z',
          }),
          link({
            linkRef: 'link-aaaabbbbccccdddd',
            role: 'laso',
            state: 'locked',
            failedAttempts: 5,
            lockedAt: '2027-02-11T09:00:00.000Z',
          }),
        ],
      },
    }));

    // Act
    const run = await cli('links', 'list', AUDIT);

    // Assess
    expect(sent()).toEqual([`GET /audits/${AUDIT}/upload-links`]);
    expect(run.exitCode).toBe(0);
    expect(run.stdout.split('\n')).toEqual([
      'LINK                   ROLE  STATE    ISSUED                    EXPIRES                   WHY ISSUED    FAILED  NOTE',
      'link-0123456789abcdef  tac   revoked  2027-01-30T08:00:00.000Z  2027-04-01T07:59:59.999Z  audit-opened  2       revoked 2027-02-10T17:00:00.000Z: Sent to the wrong person',
      'link-fedcba9876543210  tac   active   2027-02-10T17:00:00.000Z  2027-04-01T07:59:59.999Z  reissued      0',
      'link-aaaabbbbccccdddd  laso  locked   2027-01-30T08:00:00.000Z  2027-04-01T07:59:59.999Z  audit-opened  5       locked 2027-02-11T09:00:00.000Z after failed attempts',
      '3 links',
      '',
    ]);
  });

  it('links list says so when no link was issued', async () => {
    api.answer(() => ({ status: 200, body: { items: [] } }));
    const run = await cli('links', 'list', AUDIT);
    expect(run.stdout).toBe('No upload link has been issued for this audit.\n');
  });

  it('links revoke sends the reason for the role and shows what was withdrawn, or that nothing was', async () => {
    // Prepare
    api.answer((request) =>
      request.url.includes('/tac/')
        ? { status: 200, body: { revoked: [revokedLink] } }
        : { status: 200, body: { revoked: [] } },
    );

    // Act
    const revoked = await cli('links', 'revoke', AUDIT, 'tac', '--reason', 'Sent to the wrong person');
    const none = await cli('links', 'revoke', AUDIT, 'alternate', '--reason', 'Cleanup');

    // Assess
    expect(api.requests.map((request) => [request.method, request.url, request.body])).toEqual([
      ['POST', `/audits/${AUDIT}/upload-links/tac/revoke`, { reason: 'Sent to the wrong person' }],
      ['POST', `/audits/${AUDIT}/upload-links/alternate/revoke`, { reason: 'Cleanup' }],
    ]);
    expect(revoked.exitCode).toBe(0);
    expect(revoked.stdout).toMatch(/^Revoked 1 link of role tac; they stop working at once\.\nLINK {2,}ROLE/);
    expect(none).toEqual({
      exitCode: 0,
      stderr: '',
      stdout: 'No live alternate link to revoke: nothing changed.\n',
    });
  });

  it('links reissue asks for a new link and says where it went; a 409 is shown with exit code 1', async () => {
    // Prepare
    api.answer(() => ({ status: 201, body: link({ linkRef: 'link-fedcba9876543210', reason: 'reissued' }) }));

    // Act
    const issued = await cli('links', 'reissue', AUDIT, 'tac');
    api.answer(() =>
      apiError(
        409,
        'StateConflict',
        "Agency CA0190000 has no 'alternate' contact to send an upload link to; add one first.",
      ),
    );
    const refused = await cli('links', 'reissue', AUDIT, 'alternate');

    // Assess
    expect(sent()).toEqual([
      `POST /audits/${AUDIT}/upload-links/tac/reissue`,
      `POST /audits/${AUDIT}/upload-links/alternate/reissue`,
    ]);
    expect(api.requests[0]?.body).toBeUndefined();
    expect(issued).toEqual({
      exitCode: 0,
      stderr: '',
      stdout:
        'Issued upload link link-fedcba9876543210 for role tac, valid until 2027-04-01T07:59:59.999Z.\n' +
        "It was emailed to the agency's tac contacts; earlier tac links no longer work.\n",
    });
    expect(refused).toEqual({
      exitCode: 1,
      stdout: '',
      stderr:
        "error: Agency CA0190000 has no 'alternate' contact to send an upload link to; add one first.\n",
    });
  });

  describe('bad input is refused before anything is sent', () => {
    beforeEach(() => {
      api.answer(() => apiError(500, 'InternalError', 'should not be called'));
    });

    const cases: [string, string[], RegExp][] = [
      ['list: bad audit id', ['links', 'list', 'aud/1'], /<auditId>: may contain only letters, digits/],
      ['list: extra argument', ['links', 'list', AUDIT, 'tac'], /too many arguments/],
      [
        'revoke: unknown role',
        ['links', 'revoke', AUDIT, 'chief', '--reason', 'x'],
        /<role>: role must be one of: tac, laso, agency-head, alternate/,
      ],
      [
        'revoke: no --reason',
        ['links', 'revoke', AUDIT, 'tac'],
        /required option '--reason <text>' not specified/,
      ],
      [
        'revoke: blank --reason',
        ['links', 'revoke', AUDIT, 'tac', '--reason', ' '],
        /--reason: a reason is required/,
      ],
      ['revoke: no role', ['links', 'revoke', AUDIT, '--reason', 'x'], /missing required argument 'role'/],
      [
        'reissue: unknown role',
        ['links', 'reissue', AUDIT, 'TAC'],
        /<role>: role must be one of: tac, laso, agency-head, alternate/,
      ],
      [
        'reissue: unknown option',
        ['links', 'reissue', AUDIT, 'tac', '--email', 'x@y.gov'],
        /unknown option '--email'/,
      ],
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
