import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCliForTest } from '../../unit/cli/cli-test-io.js';
import { apiError, type FakeAdminApi, startFakeAdminApi } from './fake-admin-api.js';

const AUDIT = 'aud_CA0190000_account-review_2027';
const REQUEST = 'req_CA0190000_account-review_2027_review-signoff';
const FINDING = 'fnd_CA0190000_account-review_2027_001';
const SECOND_FINDING = 'fnd_CA0190000_account-review_2027_002';
const PREVIOUS_AUDIT = 'aud_CA0190000_account-review_2026';
const PREVIOUS_FINDING = 'fnd_CA0190000_account-review_2026_003';

const findingAnswer = (overrides: Record<string, unknown> = {}) => ({
  findingId: FINDING,
  auditId: AUDIT,
  ori: 'CA0190000',
  requirementId: 'review-signoff',
  severity: 'critical',
  title: 'Shared accounts',
  description: 'Shared accounts',
  status: 'open',
  dueDate: '2027-03-16',
  raisedAt: '2027-03-01T17:00:00.000Z',
  raisedBy: { type: 'administrator', id: 'a1' },
  updatedAt: '2027-03-01T17:00:00.000Z',
  version: 1,
  ...overrides,
});

describe('CLI: findings commands against a fake admin API', () => {
  let api: FakeAdminApi;
  const cli = (...argv: string[]) =>
    runCliForTest(argv, { env: { CLETS_API_URL: api.url, CLETS_API_TOKEN: 'review-token' } });
  const sent = () => api.requests.map((request) => `${request.method} ${request.url}`);

  beforeAll(async () => {
    api = await startFakeAdminApi();
  });
  afterAll(() => api.stop());
  beforeEach(() => {
    api.requests.length = 0;
  });

  it('findings add sends the request, severity and description, and shows the id and due date', async () => {
    api.answer(() => ({ status: 201, body: findingAnswer() }));

    const run = await cli(
      'findings',
      'add',
      AUDIT,
      '--request',
      REQUEST,
      '--severity',
      'critical',
      '--description',
      'Shared accounts',
    );

    expect(sent()).toEqual([`POST /audits/${AUDIT}/findings`]);
    expect(api.requests[0]?.body).toEqual({
      requestId: REQUEST,
      severity: 'critical',
      description: 'Shared accounts',
    });
    expect(run).toEqual({
      exitCode: 0,
      stderr: '',
      stdout:
        `Recorded finding ${FINDING}.\n` +
        'Severity     critical\n' +
        'Due          2027-03-16\n' +
        'Requirement  review-signoff\n' +
        'Status       open\n',
    });
  });

  it('findings list shows one row per finding', async () => {
    api.answer(() => ({
      status: 200,
      body: { auditId: AUDIT, status: 'in-review', findings: [findingAnswer()] },
    }));

    const run = await cli('findings', 'list', AUDIT);

    expect(sent()).toEqual([`GET /audits/${AUDIT}/findings`]);
    expect(run.exitCode).toBe(0);
    expect(run.stdout.split('\n')).toEqual([
      `Audit ${AUDIT} is in-review.`,
      `${'FINDING'.padEnd(FINDING.length)}  SEVERITY  STATUS  DUE         REQUIREMENT     REPEAT  TITLE`,
      `${FINDING}  critical  open    2027-03-16  review-signoff          Shared accounts`,
      '1 finding',
      '',
    ]);
  });

  it('findings add --owner sends the role owning the first task; a repeat finding names the earlier one', async () => {
    api.answer(() => ({
      status: 201,
      body: findingAnswer({
        status: 'remediation',
        repeatOf: { findingId: PREVIOUS_FINDING, auditId: PREVIOUS_AUDIT },
      }),
    }));

    const run = await cli(
      'findings',
      'add',
      AUDIT,
      '--request',
      REQUEST,
      '--severity',
      'critical',
      '--description',
      'Shared accounts',
      '--owner',
      'agency-head',
    );

    expect(api.requests[0]?.body).toEqual({
      requestId: REQUEST,
      severity: 'critical',
      description: 'Shared accounts',
      ownerRole: 'agency-head',
    });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain(
      `Repeat of    ${PREVIOUS_FINDING} (audit ${PREVIOUS_AUDIT}): a repeat finding\n`,
    );
  });

  it('findings list marks repeat findings', async () => {
    const repeat = findingAnswer({
      findingId: SECOND_FINDING,
      severity: 'high',
      repeatOf: { findingId: PREVIOUS_FINDING, auditId: PREVIOUS_AUDIT },
    });
    api.answer(() => ({
      status: 200,
      body: { auditId: AUDIT, status: 'remediation', findings: [findingAnswer(), repeat] },
    }));

    const run = await cli('findings', 'list', AUDIT);

    expect(run.exitCode).toBe(0);
    expect(run.stdout.split('\n').slice(1, 4)).toEqual([
      `${'FINDING'.padEnd(FINDING.length)}  SEVERITY  STATUS  DUE         REQUIREMENT     REPEAT  TITLE`,
      `${FINDING}  critical  open    2027-03-16  review-signoff          Shared accounts`,
      `${SECOND_FINDING}  high      open    2027-03-16  review-signoff  repeat  Shared accounts`,
    ]);
  });

  it("shows the API's refusal of a closed audit and exits 1", async () => {
    api.answer(() =>
      apiError(
        409,
        'StateConflict',
        `Audit ${AUDIT} is closed: findings are recorded while an audit is in review or remediation.`,
      ),
    );

    const run = await cli(
      'findings',
      'add',
      AUDIT,
      '--request',
      REQUEST,
      '--severity',
      'high',
      '--description',
      'Late',
    );

    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain(`Audit ${AUDIT} is closed`);
    expect(run.stdout).toBe('');
  });

  it.each([
    ['an unknown severity', ['--severity', 'urgent', '--description', 'x'], /--severity/],
    ['an empty description', ['--severity', 'high', '--description', '  '], /--description/],
    [
      'an unknown owner role',
      ['--severity', 'high', '--description', 'x', '--owner', 'chief'],
      /--owner: responsible role must be one of: tac, laso, agency-head/,
    ],
  ])('refuses %s before sending anything (exit 2)', async (_case, options, message) => {
    api.answer(() => apiError(500, 'InternalError', 'should not be called'));

    const run = await cli('findings', 'add', AUDIT, '--request', REQUEST, ...options);

    expect(sent()).toEqual([]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
  });
});
