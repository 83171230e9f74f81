import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCliForTest } from '../../unit/cli/cli-test-io.js';
import { apiError, type FakeAdminApi, startFakeAdminApi } from './fake-admin-api.js';

const AUDIT = 'aud_CA0190000_account-review_2027';
const FINDING = 'fnd_CA0190000_account-review_2027_001';
const TASK = `tsk_${FINDING}_1`;
const TASK_2 = `tsk_${FINDING}_2`;
const EVIDENCE = 'evd_CA0190000_account-review_2027_task_0123456789abcdef';
const EVIDENCE_2 = 'evd_CA0190000_account-review_2027_task_fedcba9876543210';

const taskAnswer = (overrides: Record<string, unknown> = {}) => ({
  taskId: TASK,
  findingId: FINDING,
  auditId: AUDIT,
  ori: 'CA0190000',
  ownerRole: 'laso',
  dueDate: '2027-03-16',
  status: 'awaiting-plan',
  revisionRequests: [],
  verificationEvidenceIds: [],
  createdAt: '2027-03-01T17:00:00.000Z',
  updatedAt: '2027-03-01T17:00:00.000Z',
  version: 1,
  ...overrides,
});

const plan = {
  summary: 'Disable shared accounts.\nIssue named accounts to every dispatcher.',
  steps: ['Inventory shared accounts', 'Issue named accounts'],
  targetDate: '2027-03-10',
  submittedAt: '2027-03-03T17:00:00.000Z',
  submittedBy: { type: 'upload-link', id: 'lnk_laso_1' },
};

const LONG_REASON =
  'The plan does not say who disables the shared accounts, nor how the named accounts are checked afterwards.';

const revision = (reason: string, at: string) => ({ reason, at, by: { type: 'administrator', id: 'a1' } });

describe('CLI: tasks commands against a fake admin API', () => {
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

  const listing = () => ({
    auditId: AUDIT,
    status: 'remediation',
    tasks: [
      taskAnswer({
        status: 'revision-requested',
        plan,
        revisionRequests: [
          revision('Too vague', '2027-03-04T17:00:00.000Z'),
          revision(LONG_REASON, '2027-03-05T17:00:00.000Z'),
        ],
      }),
      taskAnswer({ taskId: TASK_2, ownerRole: 'tac', status: 'plan-submitted', plan }),
    ],
  });

  it('tasks list shows one row per task, the latest revision reason shortened, and the plans awaiting a decision', async () => {
    // Prepare
    api.answer(() => ({ status: 200, body: listing() }));

    // Act
    const run = await cli('tasks', 'list', AUDIT);

    // Assess
    expect(sent()).toEqual([`GET /audits/${AUDIT}/tasks`]);
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toBe('');
    const taskWidth = TASK.length;
    expect(run.stdout.split('\n')).toEqual([
      `Audit ${AUDIT} is remediation.`,
      `${'TASK'.padEnd(taskWidth)}  ${'FINDING'.padEnd(FINDING.length)}  OWNER  STATUS              DUE         PLAN TARGET  REVISION REASON`,
      `${TASK}  ${FINDING}  laso   revision-requested  2027-03-16  2027-03-10   The plan does not say who disables the shared accounts, nor…`,
      `${TASK_2}  ${FINDING}  tac    plan-submitted      2027-03-16  2027-03-10`,
      'Tasks: 2 (1 revision-requested, 1 plan-submitted)',
      `Plans awaiting a decision (clets-audit tasks show|accept-plan|revise ${AUDIT} <taskId>): ${TASK_2}`,
      '',
    ]);
  });

  it('tasks list leaves the revision column out when no plan is sent back, and says when there are no tasks', async () => {
    // Prepare
    api.answer(() => ({
      status: 200,
      body: { auditId: AUDIT, status: 'remediation', tasks: [taskAnswer()] },
    }));

    // Act
    const some = await cli('tasks', 'list', AUDIT);
    api.answer(() => ({ status: 200, body: { auditId: AUDIT, status: 'in-review', tasks: [] } }));
    const none = await cli('tasks', 'list', AUDIT);

    // Assess
    expect(some.stdout.split('\n')[1]).toMatch(/ DUE {9}PLAN TARGET$/);
    expect(some.stdout).not.toContain('REVISION REASON');
    expect(some.stdout).not.toContain('Plans awaiting a decision');
    expect(none).toEqual({
      exitCode: 0,
      stderr: '',
      stdout: `Audit ${AUDIT} is in-review.\nIt has no remediation tasks.\n`,
    });
  });

  it('tasks list --json prints the API answer', async () => {
    // Prepare
    api.answer(() => ({ status: 200, body: listing() }));

    // Act
    const run = await cli('--json', 'tasks', 'list', AUDIT);

    // Assess
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(listing());
  });

  it('tasks show prints the plan with its steps, every revision request and the verification evidence', async () => {
    // Prepare
    api.answer(() => ({
      status: 200,
      body: {
        ...listing(),
        tasks: [
          taskAnswer({
            status: 'verified',
            plan,
            revisionRequests: [revision('Too vague:\nname the owner', '2027-03-04T17:00:00.000Z')],
            verificationEvidenceIds: [EVIDENCE, EVIDENCE_2],
            verifiedAt: '2027-03-09T17:00:00.000Z',
          }),
        ],
      },
    }));

    // Act
    const run = await cli('tasks', 'show', AUDIT, TASK);

    // Assess
    expect(sent()).toEqual([`GET /audits/${AUDIT}/tasks`]);
    expect(run.exitCode).toBe(0);
    expect(run.stdout.split('\n')).toEqual([
      `Task ${TASK} is verified.`,
      `Finding      ${FINDING}`,
      `Audit        ${AUDIT}`,
      'Agency       CA0190000',
      'Owner        laso',
      'Status       verified',
      'Due          2027-03-16',
      'Plan target  2027-03-10',
      `Evidence     ${EVIDENCE}, ${EVIDENCE_2}`,
      'Verified     2027-03-09T17:00:00.000Z',
      'Plan (target 2027-03-10, submitted 2027-03-03T17:00:00.000Z by upload-link lnk_laso_1):',
      '  Disable shared accounts.',
      '  Issue named accounts to every dispatcher.',
      '  Steps:',
      '    1. Inventory shared accounts',
      '    2. Issue named accounts',
      'Revision requests (1, oldest first):',
      '  2027-03-04T17:00:00.000Z by administrator a1:',
      '    Too vague:',
      '    name the owner',
      '',
    ]);
  });

  it('tasks show says when no plan has come in, and --json prints the task alone', async () => {
    // Prepare
    api.answer(() => ({
      status: 200,
      body: { auditId: AUDIT, status: 'remediation', tasks: [taskAnswer()] },
    }));

    // Act
    const run = await cli('tasks', 'show', AUDIT, TASK);
    const json = await cli('--json', 'tasks', 'show', AUDIT, TASK);

    // Assess
    expect(run.stdout).toContain('No corrective action plan submitted yet.\n');
    expect(run.stdout).not.toContain('Revision requests');
    expect(JSON.parse(json.stdout)).toEqual(taskAnswer());
  });

  it('tasks show of a task the audit does not have exits 1 and names how to list them', async () => {
    // Prepare
    api.answer(() => ({ status: 200, body: listing() }));

    // Act
    const run = await cli('tasks', 'show', AUDIT, 'tsk_unknown');

    // Assess
    expect(run).toEqual({
      exitCode: 1,
      stdout: '',
      stderr: `error: audit ${AUDIT} has no task tsk_unknown; clets-audit tasks list ${AUDIT} shows its tasks.\n`,
    });
  });

  it('tasks add sends the owner role and due date and shows the new task', async () => {
    // Prepare
    api.answer(() => ({
      status: 201,
      body: taskAnswer({ taskId: TASK_2, ownerRole: 'agency-head', dueDate: '2027-04-01' }),
    }));

    // Act
    const withDue = await cli(
      'tasks',
      'add',
      AUDIT,
      FINDING,
      '--owner',
      'agency-head',
      '--due',
      '2027-04-01',
    );
    const withoutDue = await cli('tasks', 'add', AUDIT, FINDING, '--owner', 'tac');

    // Assess
    expect(api.requests.map((request) => [`${request.method} ${request.url}`, request.body])).toEqual([
      [
        `POST /audits/${AUDIT}/findings/${FINDING}/tasks`,
        { ownerRole: 'agency-head', dueDate: '2027-04-01' },
      ],
      [`POST /audits/${AUDIT}/findings/${FINDING}/tasks`, { ownerRole: 'tac' }],
    ]);
    expect(withDue).toEqual({
      exitCode: 0,
      stderr: '',
      stdout:
        `Added task ${TASK_2} to finding ${FINDING}.\n` +
        `Audit   ${AUDIT}\n` +
        'Agency  CA0190000\n' +
        'Owner   agency-head\n' +
        'Status  awaiting-plan\n' +
        'Due     2027-04-01\n',
    });
    expect(withoutDue.exitCode).toBe(0);
  });

  it.each([
    ['accept-plan', [], { decision: 'accept-plan' }, 'plan-accepted', 'Accepted the plan of'],
    [
      'revise',
      ['--reason', 'Name the owner'],
      { decision: 'request-revision', reason: 'Name the owner' },
      'revision-requested',
      'Sent back the plan of',
    ],
    ['verify', [], { decision: 'verify' }, 'verified', 'Verified'],
    [
      'verify',
      ['--evidence', EVIDENCE, '--evidence', EVIDENCE_2],
      { decision: 'verify', evidenceIds: [EVIDENCE, EVIDENCE_2] },
      'verified',
      'Verified',
    ],
    ['close', [], { decision: 'close' }, 'closed', 'Closed'],
    ['close', ['--evidence', EVIDENCE], { decision: 'close', evidenceIds: [EVIDENCE] }, 'closed', 'Closed'],
    [
      'cancel',
      ['--reason', 'Replaced by the TAC task'],
      { decision: 'cancel', reason: 'Replaced by the TAC task' },
      'cancelled',
      'Cancelled',
    ],
  ])('tasks %s %j sends %j and shows the new status', async (name, options, body, status, done) => {
    // Prepare
    api.answer(() => ({ status: 200, body: taskAnswer({ status, plan }) }));

    // Act
    const run = await cli('tasks', name, AUDIT, TASK, ...options);

    // Assess
    expect(sent()).toEqual([`POST /audits/${AUDIT}/tasks/${TASK}/decision`]);
    expect(api.requests[0]?.body).toEqual(body);
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout.split('\n')[0]).toBe(`${done} task ${TASK}: it is now ${status}.`);
    expect(run.stdout).toContain(`Status       ${status}\n`);
  });

  it('tasks revise shows the reason now on the task; --json prints the API answer', async () => {
    // Prepare
    const revised = taskAnswer({
      status: 'revision-requested',
      plan,
      revisionRequests: [revision('Name the owner', '2027-03-04T17:00:00.000Z')],
    });
    api.answer(() => ({ status: 200, body: revised }));

    // Act
    const run = await cli('tasks', 'revise', AUDIT, TASK, '--reason', 'Name the owner');
    const json = await cli('--json', 'tasks', 'revise', AUDIT, TASK, '--reason', 'Name the owner');

    // Assess
    expect(run.stdout).toContain('Revision     Name the owner\n');
    expect(JSON.parse(json.stdout)).toEqual(revised);
  });

  it("shows the API's refusal of an illegal move (409) and of an unknown task (404) with exit code 1", async () => {
    // Prepare
    api.answer((request) =>
      request.url.includes('tsk_unknown')
        ? apiError(404, 'NotFound', `RemediationTask tsk_unknown of audit ${AUDIT} was not found.`)
        : apiError(409, 'StateConflict', 'Task is awaiting-plan: only a task with an accepted plan closes.'),
    );

    // Act
    const illegal = await cli('tasks', 'close', AUDIT, TASK);
    const unknown = await cli('tasks', 'accept-plan', AUDIT, 'tsk_unknown');

    // Assess
    expect(illegal).toEqual({
      exitCode: 1,
      stdout: '',
      stderr: 'error: Task is awaiting-plan: only a task with an accepted plan closes.\n',
    });
    expect(unknown.exitCode).toBe(1);
    expect(unknown.stderr).toContain('tsk_unknown of audit');
  });

  it.each([
    [
      'tasks add: bad role',
      ['tasks', 'add', AUDIT, FINDING, '--owner', 'alternate'],
      /--owner: responsible role must be one of: tac, laso, agency-head/,
    ],
    [
      'tasks add: missing role',
      ['tasks', 'add', AUDIT, FINDING],
      /required option '--owner <role>' not specified/,
    ],
    [
      'tasks add: bad date',
      ['tasks', 'add', AUDIT, FINDING, '--owner', 'tac', '--due', '2027-02-30'],
      /--due: must be a calendar date written YYYY-MM-DD/,
    ],
    [
      'tasks add: date not written YYYY-MM-DD',
      ['tasks', 'add', AUDIT, FINDING, '--owner', 'tac', '--due', '4/1/2027'],
      /--due: must be a calendar date written YYYY-MM-DD/,
    ],
    [
      'tasks add: bad finding id',
      ['tasks', 'add', AUDIT, 'fnd 1', '--owner', 'tac'],
      /<findingId>: may contain only/,
    ],
    [
      'tasks revise: missing reason',
      ['tasks', 'revise', AUDIT, TASK],
      /required option '--reason <text>' not specified/,
    ],
    [
      'tasks revise: empty reason',
      ['tasks', 'revise', AUDIT, TASK, '--reason', ' '],
      /--reason: a reason is required/,
    ],
    [
      'tasks cancel: missing reason',
      ['tasks', 'cancel', AUDIT, TASK],
      /required option '--reason <text>' not specified/,
    ],
    [
      'tasks cancel: reason too long',
      ['tasks', 'cancel', AUDIT, TASK, '--reason', 'x'.repeat(2001)],
      /--reason: must be at most 2000 characters/,
    ],
    [
      'tasks verify: bad evidence id',
      ['tasks', 'verify', AUDIT, TASK, '--evidence', EVIDENCE, '--evidence', 'ev 2'],
      /--evidence: "ev 2" may contain only letters, digits/,
    ],
    [
      'tasks close: evidence without a value',
      ['tasks', 'close', AUDIT, TASK, '--evidence'],
      /option '--evidence <evidenceId>' argument missing/,
    ],
    ['tasks show: bad task id', ['tasks', 'show', AUDIT, 'tsk/1'], /<taskId>: may contain only/],
    ['tasks list: bad audit id', ['tasks', 'list', 'aud 1'], /<auditId>: may contain only/],
    [
      'tasks accept-plan: a reason is not taken',
      ['tasks', 'accept-plan', AUDIT, TASK, '--reason', 'ok'],
      /unknown option '--reason'/,
    ],
    ['an unknown decision', ['tasks', 'approve', AUDIT, TASK], /unknown command 'approve'/],
    ['tasks: no command', ['tasks'], /^Usage: clets-audit tasks/],
  ])('refuses %s before sending anything (exit 2)', async (_case, argv, message) => {
    // Prepare
    api.answer(() => apiError(500, 'InternalError', 'should not be called'));

    // Act
    const run = await cli(...argv);

    // Assess
    expect(sent()).toEqual([]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
  });
});
