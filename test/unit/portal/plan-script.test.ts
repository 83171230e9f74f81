import { describe, expect, it } from 'vitest';
import { TASK_STATUS_LABELS } from '../../../functions/portal/render/task-status.js';
import { FakeElement } from '../../support/fake-dom-element.js';
import {
  fakeJsonFetch,
  type JsonAnswer,
  placeRoles,
  runUploadScript,
} from '../../support/run-upload-script.js';

/*
 * The upload page's script, plan side: a task's plan form is read, checked for what the reader can fix at once,
 * sent to the plan path with the link's token, and the answer shown, on a fake DOM.
 */

const TOKEN = 'tok_secret_plan';
const TASK_ID = 'rem_CA0340400_account-review_2027_001_01';

interface Scenario {
  summary: string;
  steps?: string;
  targetDate: string;
  answer?: JsonAnswer;
  planPath?: string;
}

function runScript(scenario: Scenario) {
  const element = (tag: string) => new FakeElement(tag);
  const article = element('article');
  const form = element('form');
  form.hidden = true;
  form.setAttribute('data-task-plan', TASK_ID);
  form.setAttribute('data-max-steps', '3');
  form.ancestors.set('article[data-task-id]', article);
  const fields = {
    summary: element('textarea'),
    steps: element('textarea'),
    targetDate: element('input'),
    button: element('button'),
  };
  fields.summary.value = scenario.summary;
  fields.steps.value = scenario.steps ?? '';
  fields.targetDate.value = scenario.targetDate;
  fields.targetDate.setAttribute('min', '2027-02-10');
  form.selectors.set('textarea[name="summary"]', fields.summary);
  form.selectors.set('textarea[name="steps"]', fields.steps);
  form.selectors.set('input[name="targetDate"]', fields.targetDate);
  form.selectors.set('button[type="submit"]', fields.button);
  const parts = {
    needsScript: element('p'),
    statusText: element('span'),
    status: element('p'),
    sent: element('div'),
    revisionNotice: element('div'),
    planOnRecord: element('div'),
  };
  parts.sent.hidden = true;
  placeRoles(article, {
    'plan-needs-script': parts.needsScript,
    'task-status-text': parts.statusText,
    'plan-status': parts.status,
    'plan-sent': parts.sent,
    'revision-notice': parts.revisionNotice,
    'plan-on-record': parts.planOnRecord,
  });

  const fetch = fakeJsonFetch(() => scenario.answer);
  const { reload, submit, finished } = runUploadScript({
    settings: {
      'data-upload-token': TOKEN,
      'data-audit-id': 'aud_CA0340400_account-review_2027',
      'data-authorize-path': '/upload-api/authorize',
      'data-status-path': '/upload-api/status',
      'data-status-labels': '{}',
      ...(scenario.planPath === '' ? {} : { 'data-plan-path': scenario.planPath ?? '/upload-api/plan' }),
      'data-task-status-labels': JSON.stringify(TASK_STATUS_LABELS),
    },
    formSelector: 'form[data-task-plan]',
    form,
    button: fields.button,
    fetch,
    globals: { setTimeout, Date },
  });
  return { form, fields, parts, fetch, reload, submit, finished };
}

const savedPlan = {
  taskId: TASK_ID,
  status: 'plan-submitted',
  plan: {
    summary: 'Issue named accounts.',
    steps: ['List accounts', 'Disable the shared one'],
    targetDate: '2027-03-31',
    submittedAt: '2027-02-10T17:00:00.000Z',
    submittedBy: { type: 'agency-contact', id: 'link-0123456789abcdef', role: 'tac' },
  },
};

describe('Asset: uploadScript, corrective action plans', () => {
  it('shows the plan form, sends the plan with the token, and shows it on record', async () => {
    // Prepare
    const run = runScript({
      summary: '  Issue named accounts.  ',
      steps: 'List accounts\r\n\n   \nDisable the shared one\n',
      targetDate: '2027-03-31',
      answer: { status: 200, body: savedPlan },
    });
    expect(run.form.hidden).toBe(false);
    expect(run.parts.needsScript.hidden).toBe(true);
    // Act
    run.submit();
    await run.finished();
    // Assess
    expect(run.fetch).toHaveBeenCalledTimes(1);
    const [path, init] = run.fetch.mock.calls[0] ?? [];
    expect(path).toBe('/upload-api/plan');
    expect(init?.method).toBe('POST');
    expect(JSON.parse(String(init?.body))).toEqual({
      token: TOKEN,
      taskId: TASK_ID,
      summary: 'Issue named accounts.',
      steps: ['List accounts', 'Disable the shared one'],
      targetDate: '2027-03-31',
    });
    expect(run.parts.statusText.textContent).toBe(TASK_STATUS_LABELS['plan-submitted']);
    expect(run.parts.statusText.className).toBe('status task-status-plan-submitted');
    expect(run.form.hidden).toBe(true);
    expect(run.parts.revisionNotice.hidden).toBe(true);
    expect(run.parts.planOnRecord.hidden).toBe(true);
    expect(run.parts.sent.hidden).toBe(false);
    expect(run.parts.sent.textContent).toContain('Issue named accounts.');
    expect(run.parts.sent.textContent).toContain('Disable the shared one');
    expect(run.parts.status.textContent).toMatch(/^Plan sent\./);
    expect(run.parts.status.className).toBe('upload-status tone-success');
  });

  it('leaves out steps when none are given', async () => {
    const run = runScript({
      summary: 'Fix it.',
      steps: ' \n ',
      targetDate: '2027-02-10',
      answer: { status: 200, body: savedPlan },
    });
    run.submit();
    await run.finished();
    expect(JSON.parse(String(run.fetch.mock.calls[0]?.[1].body))).not.toHaveProperty('steps');
  });

  it.each([
    ['a blank summary', { summary: '   ', targetDate: '2027-03-31' }, /^Summary: /],
    ['no target date', { summary: 'Fix it.', targetDate: '' }, /^Target date: choose the day/],
    [
      'a target date before today',
      { summary: 'Fix it.', targetDate: '2027-02-09' },
      /^Target date: choose today or a later day/,
    ],
    [
      'more steps than allowed',
      { summary: 'Fix it.', steps: 'a\nb\nc\nd', targetDate: '2027-03-31' },
      /^Steps: list at most 3/,
    ],
  ])('stops %s before asking the server, and says what to fix', async (_name, fields, problem) => {
    const run = runScript(fields);
    run.submit();
    await run.finished();
    expect(run.fetch).not.toHaveBeenCalled();
    expect(run.parts.status.textContent).toMatch(/^Please check the plan:/);
    expect(
      run.parts.status.children[0]?.children
        .map((entry) => entry.textContent)
        .some((line) => problem.test(line)),
    ).toBe(true);
    expect(run.form.hidden).toBe(false);
  });

  it('lists the server’s issues when it refuses the plan, and keeps the form', async () => {
    const run = runScript({
      summary: 'Fix it.',
      targetDate: '2027-03-31',
      answer: {
        status: 400,
        body: {
          error: {
            code: 'ValidationFailed',
            message: 'The corrective action plan is not valid.',
            issues: ['targetDate: must not be before today (2027-02-11 in America/Los_Angeles)'],
          },
        },
      },
    });
    run.submit();
    await run.finished();
    expect(run.parts.status.textContent).toContain('The corrective action plan is not valid.');
    expect(run.parts.status.textContent).toContain('targetDate: must not be before today (2027-02-11');
    expect(run.parts.status.className).toBe('upload-status tone-error');
    expect(run.form.hidden).toBe(false);
  });

  it('shows a refusal (409) in the server’s words', async () => {
    const run = runScript({
      summary: 'Fix it.',
      targetDate: '2027-03-31',
      answer: {
        status: 409,
        body: {
          error: { code: 'StateConflict', message: "cannot 'submit-plan' while it is 'plan-accepted'." },
        },
      },
    });
    run.submit();
    await run.finished();
    expect(run.parts.status.textContent).toContain("while it is 'plan-accepted'");
  });

  it('reloads the page when the link was denied', async () => {
    const run = runScript({
      summary: 'Fix it.',
      targetDate: '2027-03-31',
      answer: { status: 403, body: { error: { code: 'UploadLinkDenied', message: 'expired' } } },
    });
    run.submit();
    await run.finished();
    expect(run.reload).toHaveBeenCalledTimes(1);
  });

  it('says so when the server cannot be reached', async () => {
    const run = runScript({ summary: 'Fix it.', targetDate: '2027-03-31' });
    run.submit();
    await run.finished();
    expect(run.parts.status.textContent).toMatch(/Could not reach the server/);
  });

  it('leaves plan forms alone when the page has no plan path', () => {
    const run = runScript({ summary: 'x', targetDate: '2027-03-31', planPath: '' });
    expect(run.form.listeners.size).toBe(0);
    expect(run.form.hidden).toBe(true);
  });
});
