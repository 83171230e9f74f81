import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCliForTest } from '../../unit/cli/cli-test-io.js';
import { apiError, auditAnswer, type FakeAdminApi, startFakeAdminApi } from './fake-admin-api.js';

describe('CLI: enroll, schedule and audits commands against a fake admin API', () => {
  let api: FakeAdminApi;
  const cli = (...argv: string[]) =>
    runCliForTest(argv, { env: { CLETS_API_URL: api.url, CLETS_API_TOKEN: 'audit-token' } });
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

  it('enroll sends the program, anchor and time zone and shows what was planned', async () => {
    // Prepare
    api.answer(() => ({
      status: 201,
      body: {
        enrollment: {
          ori: 'CA0190000',
          programId: 'account-review',
          anchorDate: '2026-07-06',
          timeZone: 'America/Denver',
          status: 'active',
          version: 1,
        },
        planning: { planned: 1, created: 1 },
      },
    }));

    // Act
    const run = await cli(
      'enroll',
      'ca0190000',
      'account-review',
      '--anchor',
      '2026-07-06',
      '--time-zone',
      'America/Denver',
    );

    // Assess
    expect(sent()).toEqual(['POST /agencies/CA0190000/enrollments']);
    expect(api.requests[0]?.body).toEqual({
      programId: 'account-review',
      anchorDate: '2026-07-06',
      timeZone: 'America/Denver',
    });
    expect(run).toEqual({
      exitCode: 0,
      stderr: '',
      stdout:
        'Enrolled CA0190000 in account-review from 2026-07-06 (America/Denver, active).\n' +
        'Planned 1 occurrence already open; created 1 audit.\n',
    });
  });

  it("enroll in an unknown program shows the API's message listing the valid programs", async () => {
    // Prepare
    api.answer(() =>
      apiError(
        400,
        'ValidationFailed',
        'The request is not valid: see issues for each field and what it allows.',
        ["programId: must be one of the catalog's programs: cadoj-compliance-audit, account-review"],
      ),
    );

    // Act
    const run = await cli('enroll', 'CA0190000', 'no-such-program', '--anchor', '2026-07-06');

    // Assess
    expect(api.requests[0]?.body).toEqual({ programId: 'no-such-program', anchorDate: '2026-07-06' });
    expect(run).toEqual({
      exitCode: 1,
      stdout: '',
      stderr:
        'error: The request is not valid: see issues for each field and what it allows.\n' +
        "  programId: must be one of the catalog's programs: cadoj-compliance-audit, account-review\n",
    });
  });

  it('schedule run starts a run and names its execution', async () => {
    // Prepare
    api.answer(() => ({ status: 202, body: { executionName: 'manual-123' } }));

    // Act
    const run = await cli('schedule', 'run');

    // Assess
    expect(sent()).toEqual(['POST /schedule-runs']);
    expect(api.requests[0]?.body).toBeUndefined();
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/^Scheduling run started: execution manual-123\.\n/);
  });

  it('audits list asks for open audits by default and follows cursors up to --limit', async () => {
    // Prepare
    api.answer((request) => {
      const cursor = new URL(request.url, 'http://x').searchParams.get('cursor');
      return cursor === null
        ? { status: 200, body: { items: [auditAnswer('aud_1'), auditAnswer('aud_2')], nextCursor: 'c2' } }
        : { status: 200, body: { items: [auditAnswer('aud_3')] } };
    });

    // Act
    const run = await cli('audits', 'list');

    // Assess
    expect(sent()).toEqual([
      'GET /audits?status=open&limit=100',
      'GET /audits?status=open&limit=100&cursor=c2',
    ]);
    expect(run.exitCode).toBe(0);
    expect(run.stdout.split('\n')).toEqual([
      'AUDIT  ORI        PROGRAM         STATUS  DUE',
      'aud_1  CA0190000  account-review  open    2026-04-01',
      'aud_2  CA0190000  account-review  open    2026-04-01',
      'aud_3  CA0190000  account-review  open    2026-04-01',
      '3 audits',
      '',
    ]);
  });

  it.each([
    [['--overdue'], 'GET /audits?overdue=true&limit=100'],
    [['--overdue', '--status', 'collecting'], 'GET /audits?status=collecting&overdue=true&limit=100'],
    [['--ori', 'ca0190000', '--limit', '5'], 'GET /audits?ori=CA0190000&limit=5'],
  ])('audits list %j asks for %s', async (options, request) => {
    // Prepare
    api.answer(() => ({ status: 200, body: { items: [] } }));

    // Act
    const run = await cli('audits', 'list', ...options);

    // Assess
    expect(sent()).toEqual([request]);
    expect(run.stdout).toBe('No audits match.\n');
  });

  it('audits show summarises the audit, its work and the trail check', async () => {
    // Prepare
    api.answer(() => ({
      status: 200,
      body: {
        audit: auditAnswer('aud_1', 'collecting'),
        requests: [{ status: 'requested' }, { status: 'accepted' }, { status: 'requested' }],
        evidence: [{ status: 'accepted' }],
        findings: [],
        tasks: [],
        notices: [{ status: 'delivered' }],
        trail: { events: [{}, {}, {}] },
        trailVerification: {
          valid: false,
          streamId: 'aud_1',
          sequence: 2,
          problem: 'modified',
          detail: 'hash differs',
        },
      },
    }));

    // Act
    const run = await cli('audits', 'show', 'aud_1');

    // Assess
    expect(sent()).toEqual(['GET /audits/aud_1']);
    expect(run.stdout).toContain('Status       collecting\n');
    expect(run.stdout).toContain('Requests     3 (2 requested, 1 accepted)\n');
    expect(run.stdout).toContain('Trail        BROKEN at event 2 (modified): hash differs\n');
  });

  it('audits cancel sends the reason and shows the cancelled audit; a 409 is shown with exit code 1', async () => {
    // Prepare
    api.answer(() => ({
      status: 200,
      body: {
        ...auditAnswer('aud_1', 'cancelled'),
        cancelledAt: '2026-03-03T00:00:00.000Z',
        cancelReason: 'Agency merged',
      },
    }));

    // Act
    const cancelled = await cli('audits', 'cancel', 'aud_1', '--reason', 'Agency merged');
    api.answer(() => apiError(409, 'StateConflict', 'An audit in remediation cannot be cancelled.'));
    const refused = await cli('audits', 'cancel', 'aud_2', '--reason', 'Too late');

    // Assess
    expect(api.requests.map((request) => [request.url, request.body])).toEqual([
      ['/audits/aud_1/cancel', { reason: 'Agency merged' }],
      ['/audits/aud_2/cancel', { reason: 'Too late' }],
    ]);
    expect(cancelled.exitCode).toBe(0);
    expect(cancelled.stdout).toContain('Cancelled    2026-03-03T00:00:00.000Z: Agency merged\n');
    expect(refused).toEqual({
      exitCode: 1,
      stdout: '',
      stderr: 'error: An audit in remediation cannot be cancelled.\n',
    });
  });

  it('audits close sends the reason and shows the closed audit; a 409 is shown with exit code 1', async () => {
    // Prepare
    const closed = {
      ...auditAnswer('aud_1', 'closed'),
      closedAt: '2027-05-01T17:00:00.000Z',
      closeReason: 'Agency dissolved',
    };
    api.answer(() => ({ status: 200, body: closed }));

    // Act
    const run = await cli('audits', 'close', 'aud_1', '--reason', 'Agency dissolved');
    const json = await cli('--json', 'audits', 'close', 'aud_1', '--reason', 'Agency dissolved');
    api.answer(() =>
      apiError(
        409,
        'StateConflict',
        'Audit aud_2 is collecting: only an audit in review or remediation closes.',
      ),
    );
    const refused = await cli('audits', 'close', 'aud_2', '--reason', 'Too early');

    // Assess
    expect(api.requests.map((request) => [`${request.method} ${request.url}`, request.body])).toEqual([
      ['POST /audits/aud_1/close', { reason: 'Agency dissolved' }],
      ['POST /audits/aud_1/close', { reason: 'Agency dissolved' }],
      ['POST /audits/aud_2/close', { reason: 'Too early' }],
    ]);
    expect(run.exitCode).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe(
      'Closed audit aud_1 (CA0190000, account-review); its open remediation tasks were cancelled.',
    );
    expect(run.stdout).toContain('Closed       2027-05-01T17:00:00.000Z: Agency dissolved\n');
    expect(JSON.parse(json.stdout)).toEqual(closed);
    expect(refused).toEqual({
      exitCode: 1,
      stdout: '',
      stderr: 'error: Audit aud_2 is collecting: only an audit in review or remediation closes.\n',
    });
  });
});
