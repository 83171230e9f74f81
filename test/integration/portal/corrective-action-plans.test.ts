import { describe, expect, it } from 'vitest';
import { submitCorrectiveActionPlan } from '../../../functions/services/corrective-action-plans.js';
import { UploadLinkDeniedError } from '../../../functions/services/upload-link-access.js';
import { revokeUploadLinks } from '../../../functions/services/upload-links.js';
import {
  auditWithRemediationTasks,
  type RemediationScenario,
} from '../../support/agency-remediation-fixtures.js';
import { systemActor } from '../../support/audit-fixtures.js';
import { bindLocalEvidenceRuntime } from '../../support/local-evidence-runtime.js';
import { callPortal } from '../../support/portal-handler-calls.js';
import { bindTestRuntime, fakeWorkflows } from '../../support/test-runtime.js';

/*
 * The agency's corrective action plans through the portal's Lambda handler, on dynalite: POST /upload-api/plan
 * with the link's token. Every refusal leaves the audit as it was; only a task outside the link's audit counts
 * as a failed use of the link.
 */

/** Wednesday 2027-02-10, 9:00 in Los Angeles: "today" for a target date is 2027-02-10. */
const NOW = new Date('2027-02-10T17:00:00.000Z');
const local = bindLocalEvidenceRuntime({ now: NOW, workflows: fakeWorkflows() });

const plan = (scenario: RemediationScenario, overrides: Record<string, unknown> = {}) => ({
  token: scenario.token,
  taskId: scenario.tasks[0]?.taskId,
  summary: '  Disable the shared login; each operator gets a named account.  ',
  steps: ['Inventory shared accounts', 'Issue named accounts', 'Disable the shared login'],
  targetDate: '2027-03-15',
  ...overrides,
});

/** Everything a plan could change: the audit's partition, its trail, and the link's failure count. */
async function footprint(scenario: RemediationScenario) {
  const bundle = await local.table.repository.audits.getAuditBundle(scenario.audit.auditId);
  const trail = await local.table.repository.trail.readAll(scenario.audit.auditId);
  const check = await local.table.repository.uploadTokens.check(scenario.token, NOW);
  return {
    bundle,
    trail: trail.length,
    failures: check.outcome === 'unknown' ? undefined : check.record.failureCount,
  };
}

const scenarioWith = (
  status: 'awaiting-plan' | 'plan-submitted' | 'revision-requested' | 'plan-accepted',
  auditStatus: 'in-review' | 'remediation' | 'collecting' | 'closed' = 'remediation',
) => auditWithRemediationTasks(local.table.repository, { now: NOW, auditStatus, tasks: [{ status }] });

describe('Agency portal: POST /upload-api/plan (Lambda handler, dynalite)', () => {
  it('records a plan for a task awaiting one: the task moves to plan-submitted, by the link, in the trail', async () => {
    // Prepare
    const scenario = await scenarioWith('awaiting-plan');
    const task = scenario.tasks[0];
    // Act
    const answer = await callPortal('POST', '/upload-api/plan', plan(scenario));
    // Assess
    expect(answer.status).toBe(200);
    const linkActor = { type: 'agency-contact', id: scenario.linkRef, role: 'tac' };
    const expectedPlan = {
      summary: 'Disable the shared login; each operator gets a named account.',
      steps: ['Inventory shared accounts', 'Issue named accounts', 'Disable the shared login'],
      targetDate: '2027-03-15',
      submittedAt: NOW.toISOString(),
      submittedBy: linkActor,
    };
    expect(answer.json).toEqual({ taskId: task?.taskId, status: 'plan-submitted', plan: expectedPlan });
    const stored = await local.table.repository.audits.getRemediationTask(
      scenario.audit.auditId,
      task?.taskId ?? '',
    );
    expect(stored).toMatchObject({ status: 'plan-submitted', plan: expectedPlan, version: 2 });
    const trail = await local.table.repository.trail.readAll(scenario.audit.auditId);
    expect(trail.at(-1)).toMatchObject({
      type: 'remediation-task.plan-submitted',
      actor: linkActor,
      subject: { type: 'remediation-task', id: task?.taskId },
      payload: { from: 'awaiting-plan', to: 'plan-submitted', targetDate: '2027-03-15' },
    });
    expect((await local.table.repository.trail.verify(scenario.audit.auditId)).valid).toBe(true);
    expect((await footprint(scenario)).failures).toBe(0);
  });

  it('takes a revised plan after the reviewer sent one back, keeping the revision request', async () => {
    const scenario = await scenarioWith('revision-requested', 'in-review');
    const answer = await callPortal(
      'POST',
      '/upload-api/plan',
      plan(scenario, { summary: 'Named accounts, and the TAC retrains both operators.', steps: undefined }),
    );
    expect(answer.status).toBe(200);
    const stored = await local.table.repository.audits.getRemediationTask(
      scenario.audit.auditId,
      scenario.tasks[0]?.taskId ?? '',
    );
    expect(stored?.status).toBe('plan-submitted');
    expect(stored?.plan).toMatchObject({
      summary: 'Named accounts, and the TAC retrains both operators.',
      steps: [],
    });
    expect(stored?.revisionRequests).toHaveLength(1);
  });

  it('accepts a target date of today in the audit’s time zone (already tomorrow in UTC)', async () => {
    // 2027-02-11T06:30Z is still 2027-02-10 in Los Angeles
    const scenario = await scenarioWith('awaiting-plan');
    bindTestRuntime(local.table, { now: new Date('2027-02-11T06:30:00.000Z'), workflows: fakeWorkflows() });
    try {
      const answer = await callPortal(
        'POST',
        '/upload-api/plan',
        plan(scenario, { targetDate: '2027-02-10' }),
      );
      expect(answer.status).toBe(200);
    } finally {
      bindTestRuntime(local.table, { now: NOW, workflows: fakeWorkflows() });
    }
  });

  it.each([
    ['a missing summary', { summary: undefined }, /^summary: /],
    ['a blank summary', { summary: '   ' }, /^summary: is required: say what/],
    ['a summary over 10,000 characters', { summary: 'x'.repeat(10_001) }, /^summary: must be at most 10,000/],
    ['a missing target date', { targetDate: undefined }, /^targetDate: /],
    [
      'a target date that does not exist',
      { targetDate: '2027-02-30' },
      /^targetDate: must be a calendar date/,
    ],
    ['a target date in words', { targetDate: 'next month' }, /^targetDate: must be a calendar date/],
    [
      'a target date before today (in the audit’s zone)',
      { targetDate: '2027-02-09' },
      /^targetDate: must not be before today \(2027-02-10 in America\/Los_Angeles\)/,
    ],
    ['an empty step', { steps: ['Inventory', '  '] }, /^steps\[1\]: must not be empty/],
    [
      '21 steps',
      { steps: Array.from({ length: 21 }, (_, i) => `Step ${i}`) },
      /^steps: must list at most 20/,
    ],
    ['steps that are not a list', { steps: 'do it' }, /^steps: must be a list/],
    ['a missing task id', { taskId: undefined }, /^taskId: /],
    ['an unknown field', { note: 'hello' }, /note/],
    ['a missing token', { token: undefined }, /^token: /],
  ])('answers 400 naming the field for %s, and writes nothing', async (_name, overrides, issue) => {
    const scenario = await scenarioWith('awaiting-plan');
    const before = await footprint(scenario);
    const answer = await callPortal('POST', '/upload-api/plan', plan(scenario, overrides));
    expect(answer.status).toBe(400);
    expect(answer.json?.error?.code).toBe('ValidationFailed');
    expect(
      answer.json?.error?.issues?.some((line) => issue.test(line)),
      answer.text,
    ).toBe(true);
    expect(await footprint(scenario)).toEqual(before);
  });

  it('answers malformed JSON with a 400', async () => {
    const answer = await callPortal('POST', '/upload-api/plan', '{"token":');
    expect(answer.status).toBe(400);
    expect(answer.json?.error?.code).toBe('MalformedJson');
  });

  it('denies an expired link, saying only that it expired, and writes nothing', async () => {
    const scenario = await scenarioWith('awaiting-plan');
    const { token: expired } = await local.table.repository.uploadTokens.issue(
      { agencyOri: scenario.ori, auditId: scenario.audit.auditId, requestIds: [] },
      new Date(NOW.getTime() - 1000),
      new Date(NOW.getTime() - 86_400_000),
    );
    const before = await footprint(scenario);
    const answer = await callPortal('POST', '/upload-api/plan', plan(scenario, { token: expired }));
    // The portal API answers every link denial as the upload routes do (403, the reason as the issue); the page at
    // the same link answers 410.
    expect(answer.status).toBe(403);
    expect(answer.json?.error).toMatchObject({ code: 'UploadLinkDenied', issues: ['token: expired'] });
    expect(answer.json?.error?.message).not.toContain(scenario.audit.auditId);
    expect(await footprint(scenario)).toEqual(before);
    expect((await callPortal('GET', `/upload/${expired}`)).status).toBe(410);
    await expect(submitCorrectiveActionPlan(plan(scenario, { token: expired }))).rejects.toMatchObject({
      name: 'UploadLinkDeniedError',
      reason: 'expired',
    });
  });

  it('denies a revoked link and writes nothing', async () => {
    const scenario = await scenarioWith('awaiting-plan');
    await revokeUploadLinks(scenario.audit.auditId, 'tac', 'test', systemActor);
    const before = await footprint(scenario);
    const answer = await callPortal('POST', '/upload-api/plan', plan(scenario));
    expect(answer.status).toBe(403);
    expect(answer.json?.error).toMatchObject({ code: 'UploadLinkDenied', issues: ['token: revoked'] });
    expect(await footprint(scenario)).toEqual(before);
    expect((await callPortal('GET', `/upload/${scenario.token}`)).status).toBe(410);
    const denial = await submitCorrectiveActionPlan(plan(scenario)).catch((error: unknown) => error);
    expect(denial).toBeInstanceOf(UploadLinkDeniedError);
    expect((denial as UploadLinkDeniedError).reason).toBe('revoked');
  });

  it('refuses a task of another audit as unknown (404), counts a failed use, and changes neither audit', async () => {
    const mine = await scenarioWith('awaiting-plan');
    const theirs = await scenarioWith('awaiting-plan');
    const before = { mine: await footprint(mine), theirs: await footprint(theirs) };
    const answer = await callPortal(
      'POST',
      '/upload-api/plan',
      plan(mine, { taskId: theirs.tasks[0]?.taskId }),
    );
    expect(answer.status).toBe(404);
    expect(answer.json?.error?.code).toBe('UploadRefused');
    expect(answer.json?.error?.message).toBe(`Remediation task ${theirs.tasks[0]?.taskId} does not exist.`);
    const after = { mine: await footprint(mine), theirs: await footprint(theirs) };
    expect({ ...after.mine, failures: undefined }).toEqual({ ...before.mine, failures: undefined });
    expect(after.mine.failures).toBe(1);
    expect(after.theirs).toEqual(before.theirs);
  });

  it('refuses a task id that names nothing as unknown (404), counted', async () => {
    const scenario = await scenarioWith('awaiting-plan');
    const answer = await callPortal(
      'POST',
      '/upload-api/plan',
      plan(scenario, { taskId: `rem_${scenario.ori}_account-review_2027_009_01` }),
    );
    expect(answer.status).toBe(404);
    expect((await footprint(scenario)).failures).toBe(1);
  });

  it.each([
    ['plan-accepted', 'plan-accepted'],
    ['plan-submitted (a retry after success)', 'plan-submitted'],
  ] as const)(
    'refuses a plan for a task in %s with 409 naming its status, and writes nothing',
    async (_name, status) => {
      const scenario = await scenarioWith(status);
      const before = await footprint(scenario);
      const answer = await callPortal('POST', '/upload-api/plan', plan(scenario));
      expect(answer.status).toBe(409);
      expect(answer.json?.error?.code).toBe('StateConflict');
      expect(answer.json?.error?.message).toContain(`while it is '${status}'`);
      expect(answer.json?.error?.message).toMatch(/Allowed actions from/);
      expect(await footprint(scenario)).toEqual(before);
    },
  );

  it('answers the same submission sent twice: 200, then 409 (already submitted)', async () => {
    const scenario = await scenarioWith('awaiting-plan');
    expect((await callPortal('POST', '/upload-api/plan', plan(scenario))).status).toBe(200);
    const before = await footprint(scenario);
    const again = await callPortal('POST', '/upload-api/plan', plan(scenario));
    expect(again.status).toBe(409);
    expect(again.json?.error?.message).toContain("'plan-submitted'");
    expect(await footprint(scenario)).toEqual(before);
  });

  it.each(['collecting', 'closed'] as const)(
    'refuses a plan while the audit is %s with 409, and writes nothing',
    async (auditStatus) => {
      const scenario = await scenarioWith('awaiting-plan', auditStatus);
      const before = await footprint(scenario);
      const answer = await callPortal('POST', '/upload-api/plan', plan(scenario));
      expect(answer.status).toBe(409);
      expect(answer.json?.error?.message).toContain(`is '${auditStatus}'`);
      expect(await footprint(scenario)).toEqual(before);
    },
  );
});

describe('Agency portal: the page and the status route show the audit’s corrective actions', () => {
  const hostile = {
    title: 'Shared <script>alert("t")</script> login',
    description: 'Two operators & "one" <b>login</b>',
    revisionReason: 'Say <i>who</i> retrains them & when',
  };

  it('renders a "Corrective actions" section, escaped, with a form, a plan on record and an upload per state', async () => {
    const scenario = await auditWithRemediationTasks(local.table.repository, {
      now: NOW,
      auditStatus: 'remediation',
      tasks: [
        { status: 'revision-requested', ...hostile, repeat: true, severity: 'critical' },
        { status: 'plan-submitted', title: 'No log review' },
        { status: 'plan-accepted', title: 'Stale accounts' },
        { status: 'awaiting-plan', title: 'No training record', requirementId: null },
      ],
    });
    const page = await callPortal('GET', `/upload/${scenario.token}`);
    expect(page.status).toBe(200);
    const html = page.text;
    expect(html).toContain('<h2 id="tasks-heading">Corrective actions</h2>');
    // Escaped, never markup
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<b>login</b>');
    expect(html).not.toContain('<i>who</i>');
    expect(html).toContain('Shared &lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt; login');
    expect(html).toContain('Two operators &amp; &quot;one&quot; &lt;b&gt;login&lt;/b&gt;');
    expect(html).toContain('Say &lt;i&gt;who&lt;/i&gt; retrains them &amp; when');
    // One article per task, in task order, with status words, severity, due date and the repeat marker
    const articles = html.split('<article class="task"').slice(1);
    expect(articles).toHaveLength(4);
    const [revising, submitted, accepted, awaiting] = articles as [string, string, string, string];
    expect(revising).toContain('Plan sent back — please revise it');
    expect(revising).toContain('Critical');
    expect(revising).toContain('Repeat finding');
    expect(revising).toContain('Why the plan was sent back');
    expect(revising).toContain('data-role="plan-on-record"');
    expect(revising).toContain(`data-task-plan="${scenario.tasks[0]?.taskId}"`);
    expect(revising).toContain('min="2027-02-10"');
    expect(revising).toContain('Disable shared logins and retrain the operators.</textarea>');
    expect(submitted).toContain('Plan received — awaiting review');
    expect(submitted).toContain('Your plan on record');
    expect(submitted).not.toContain('<form');
    expect(submitted).not.toContain('Repeat finding');
    expect(accepted).toContain('Plan accepted — send evidence of the fix');
    expect(accepted).toContain(`<form class="upload-form" data-task-id="${scenario.tasks[2]?.taskId}"`);
    expect(accepted).not.toContain('data-task-plan');
    expect(awaiting).toContain('Waiting for your corrective action plan');
    expect(awaiting).toContain('data-task-plan');
    for (const task of scenario.tasks) expect(html).toContain(`data-task-id="${task.taskId}"`);
    expect(html).toContain('data-plan-path="/upload-api/plan"');
    // The token still appears only on <main>
    expect(html.split(scenario.token)).toHaveLength(2);
  });

  it('shows no section when the audit has no tasks, and the previous audit’s outcome under a carried-forward item', async () => {
    const scenario = await auditWithRemediationTasks(local.table.repository, {
      now: NOW,
      auditStatus: 'collecting',
      requestStatus: 'requested',
      tasks: [],
      requests: [
        {
          carriedForwardFrom: {
            auditId: 'aud_CA0000001_account-review_2024',
            requestId: 'req_CA0000001_account-review_2024_review-signoff',
            status: 'accepted',
            fileName: 'review <2024>.pdf',
          },
        },
        { requirementId: 'user-roster' },
      ],
    });
    const html = (await callPortal('GET', `/upload/${scenario.token}`)).text;
    expect(html).not.toContain('Corrective actions');
    expect(html).not.toContain('data-plan-path');
    expect(html).toContain('Last audit: review &lt;2024&gt;.pdf (accepted)');
    expect(html.split('Last audit:')).toHaveLength(2);
  });

  it('lists the tasks’ state in the status route, and updates it after a plan', async () => {
    const scenario = await auditWithRemediationTasks(local.table.repository, {
      now: NOW,
      auditStatus: 'remediation',
      tasks: [{ status: 'awaiting-plan' }, { status: 'plan-accepted' }],
    });
    const [awaiting, accepted] = scenario.tasks;
    const before = await callPortal('POST', '/upload-api/status', { token: scenario.token });
    expect(before.status).toBe(200);
    expect(before.json?.tasks).toEqual([
      {
        taskId: awaiting?.taskId,
        status: 'awaiting-plan',
        dueDate: awaiting?.dueDate,
        planEditable: true,
        verificationUploadable: false,
        verificationEvidence: [],
      },
      {
        taskId: accepted?.taskId,
        status: 'plan-accepted',
        dueDate: accepted?.dueDate,
        plan: {
          summary: 'Disable shared logins and retrain the operators.',
          steps: ['List shared accounts', 'Disable them'],
          targetDate: '2027-03-31',
          submittedAt: '2027-02-02T18:00:00.000Z',
        },
        planEditable: false,
        verificationUploadable: true,
        verificationEvidence: [],
      },
    ]);
    expect((await callPortal('POST', '/upload-api/plan', plan(scenario))).status).toBe(200);
    const after = await callPortal('POST', '/upload-api/status', { token: scenario.token });
    expect(after.json?.tasks).toMatchObject([
      { taskId: awaiting?.taskId, status: 'plan-submitted', planEditable: false },
      { taskId: accepted?.taskId, status: 'plan-accepted' },
    ]);
  });
});
