import { describe, expect, it } from 'vitest';
import { renderCorrectiveActionsSection } from '../../../functions/portal/render/corrective-actions-section.js';
import { renderRequestSection } from '../../../functions/portal/render/request-section.js';
import { TASK_STATUS_LABELS } from '../../../functions/portal/render/task-status.js';
import { renderUploadPage } from '../../../functions/portal/render/upload-page.js';
import type {
  UploadPageRemediation,
  UploadPageRequest,
  UploadPageTask,
  UploadTaskStatus,
} from '../../../functions/portal/upload-page-view.js';

const CONTEXT = { timeZone: 'America/Los_Angeles', maxUploadBytes: 10 * 1024 ** 2 };

function task(status: UploadTaskStatus, overrides: Partial<UploadPageTask> = {}): UploadPageTask {
  const agencyMoves = status === 'awaiting-plan' || status === 'revision-requested';
  return {
    taskId: `rem_CA0340400_clets_2027_001_01`,
    status,
    dueDate: '2027-05-14',
    finding: {
      title: 'Shared operator logins',
      severity: 'high',
      description: 'Two operators share one login.\nSeen on the night shift.',
      repeat: false,
    },
    ...(status === 'awaiting-plan'
      ? {}
      : {
          plan: {
            summary: 'Issue named accounts.',
            steps: ['List accounts', 'Disable the shared one'],
            targetDate: '2027-03-31',
            submittedAt: '2027-02-02T18:00:00.000Z',
          },
        }),
    planEditable: agencyMoves,
    verificationUploadable: status === 'plan-accepted',
    acceptedContentTypes: ['application/pdf'],
    verificationEvidence: [],
    ...overrides,
  };
}

const remediation = (...tasks: UploadPageTask[]): UploadPageRemediation => ({
  tasks,
  planPath: '/upload-api/plan',
  today: '2027-02-10',
  maxPlanSteps: 20,
});

const render = (...tasks: UploadPageTask[]) => renderCorrectiveActionsSection(remediation(...tasks), CONTEXT);

describe('Function: renderCorrectiveActionsSection', () => {
  it('renders nothing without tasks', () => {
    expect(renderCorrectiveActionsSection(undefined, CONTEXT)).toBe('');
    expect(renderCorrectiveActionsSection(remediation(), CONTEXT)).toBe('');
  });

  it('shows each finding with its title, severity, description, due date and status in words', () => {
    const html = render(
      task('awaiting-plan'),
      task('plan-submitted', { taskId: 'rem_CA0340400_clets_2027_002_01' }),
    );
    expect(html).toContain('<h2 id="tasks-heading">Corrective actions</h2>');
    expect(html).toContain('Finding 1 of 2:</span> Shared operator logins</h3>');
    expect(html).toContain('<span class="severity severity-high">High</span>');
    expect(html).toContain('Two operators share one login.\nSeen on the night shift.');
    expect(html).toContain('<dt>Corrective action due</dt><dd>Friday, May 14, 2027</dd>');
    expect(html).toContain(TASK_STATUS_LABELS['awaiting-plan']);
    expect(html).toContain(TASK_STATUS_LABELS['plan-submitted']);
    expect(html).toContain('Findings waiting on your agency now: 1 of 2.');
  });

  it('escapes every text the reviewer or the agency wrote', () => {
    const html = render(
      task('revision-requested', {
        finding: {
          title: '<img src=x onerror=alert(1)>',
          severity: 'low',
          description: '"a" & <b>',
          repeat: true,
        },
        revisionReason: '</textarea><script>x()</script>',
        plan: {
          summary: '</textarea><script>y()</script>',
          steps: ['<li>step</li>'],
          targetDate: '2027-03-31',
          submittedAt: '2027-02-02T18:00:00.000Z',
        },
      }),
    );
    expect(html).not.toMatch(/<script|<img|<b>|<li>step/);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&quot;a&quot; &amp; &lt;b&gt;');
    expect(html).toContain('&lt;/textarea&gt;&lt;script&gt;x()&lt;/script&gt;');
    // The revision form starts from the plan sent back, still escaped inside the textarea
    expect(html).toContain('required>&lt;/textarea&gt;&lt;script&gt;y()&lt;/script&gt;</textarea>');
    expect(html).toContain('&lt;li&gt;step&lt;/li&gt;');
  });

  it('marks a repeat finding', () => {
    expect(
      render(task('awaiting-plan', { finding: { ...task('awaiting-plan').finding, repeat: true } })),
    ).toContain('Repeat finding:');
    expect(render(task('awaiting-plan'))).not.toContain('Repeat finding');
  });

  it('offers the plan form (hidden until the script runs) while a plan is owed, with today as the earliest date', () => {
    const html = render(task('awaiting-plan'));
    expect(html).toMatch(
      /<form class="plan-form" data-task-plan="rem_CA0340400_clets_2027_001_01" data-max-steps="20" novalidate hidden>/,
    );
    expect(html).toContain('<label for="task-1-summary">');
    expect(html).toContain(
      '<textarea id="task-1-summary" name="summary" rows="6" maxlength="10000" required></textarea>',
    );
    expect(html).toContain('<label for="task-1-steps">Steps (optional): one per line, at most 20</label>');
    expect(html).toContain(
      '<input type="date" id="task-1-target" name="targetDate" required min="2027-02-10" value="">',
    );
    expect(html).toContain('Send the plan</button>');
    expect(html).toContain('data-role="plan-needs-script"');
    expect(html).not.toContain('data-role="plan-on-record"');
    expect(html).not.toContain('<form class="upload-form"');
  });

  it('shows why a plan was sent back, the plan that was, and a form prefilled from it', () => {
    const html = render(task('revision-requested', { revisionReason: 'Name who retrains the operators.' }));
    expect(html).toContain('Why the plan was sent back');
    expect(html).toContain('Name who retrains the operators.');
    expect(html).toContain('The plan that was sent back');
    expect(html).toContain('Issue named accounts.</textarea>');
    expect(html).toContain('List accounts\nDisable the shared one</textarea>');
    expect(html).toContain('value="2027-03-31"');
    expect(html).toContain('Send the revised plan');
  });

  it('does not prefill a target date that is already past', () => {
    const sentBack = task('revision-requested');
    const html = render({
      ...sentBack,
      plan: { ...(sentBack.plan as NonNullable<UploadPageTask['plan']>), targetDate: '2027-02-01' },
    });
    expect(html).toContain('min="2027-02-10" value=""');
  });

  it('shows the submitted plan read-only while the reviewer has it', () => {
    const html = render(task('plan-submitted'));
    expect(html).toContain('Your plan on record');
    expect(html).toContain(
      '<ol class="plan-steps">\n<li>List accounts</li>\n<li>Disable the shared one</li>\n</ol>',
    );
    expect(html).toContain('<dt>Target date</dt><dd>Wednesday, March 31, 2027</dd>');
    expect(html).not.toContain('<form');
    expect(html).toContain('The reviewer has your plan.');
  });

  it('offers a verification upload once the plan is accepted, with the received files', () => {
    const html = render(
      task('plan-accepted', {
        verificationEvidence: [
          {
            evidenceId: 'evd_rem_1',
            fileName: 'named-accounts.pdf',
            sha256: 'c'.repeat(64),
            sizeBytes: 2048,
            receivedAt: '2027-02-09T18:00:00.000Z',
          },
        ],
      }),
    );
    expect(html).toContain('data-role="verification" data-task-id="rem_CA0340400_clets_2027_001_01"');
    expect(html).toMatch(
      /<form class="upload-form" data-task-id="rem_CA0340400_clets_2027_001_01" data-max-bytes="10485760"/,
    );
    expect(html).not.toContain('data-request-id');
    expect(html).toContain('Evidence of the fix on record');
    expect(html).toContain('named-accounts.pdf');
    expect(html).toContain('Choose the file for finding 1');
    expect(html).not.toContain('data-task-plan');
  });

  it.each([
    ['verified', /verified the fix/],
    ['closed', /Nothing more is needed/],
    ['cancelled', /Nothing more is needed/],
  ] as const)('offers nothing for a %s task, and says so', (status, words) => {
    const html = render(task(status, { planEditable: false, verificationUploadable: false }));
    expect(html).not.toContain('<form');
    expect(html).toMatch(words);
  });

  it('says why a plan cannot be sent when the audit no longer takes plans', () => {
    const html = render(task('awaiting-plan', { planEditable: false }));
    expect(html).not.toContain('<form');
    expect(html).toContain('no longer takes corrective action plans');
  });
});

describe('Function: renderUploadPage with remediation', () => {
  const request: UploadPageRequest = {
    requestId: 'req_CA0340400_clets_2027_agreement',
    description: 'Signed agreement',
    requirementId: 'agreement',
    status: 'accepted',
    dueDate: '2027-03-12',
    acceptedContentTypes: ['application/pdf'],
    uploadable: false,
  };
  const view = {
    agency: { name: 'Sacramento PD', ori: 'CA0340400' },
    audit: {
      auditId: 'aud_CA0340400_clets_2027',
      programTitle: 'CLETS audit',
      periodKey: '2027',
      dueDate: '2027-03-12',
      timeZone: 'America/Los_Angeles',
      status: 'remediation',
    },
    link: { token: 'tok_1', expiresAt: '2027-06-20T07:00:00.000Z', role: 'tac' },
    requests: [request],
    maxUploadBytes: 1024,
    contactEmails: ['audits@doj.ca.gov'],
    authorizePath: '/upload-api/authorize',
    statusPath: '/upload-api/status',
    assetsPath: '/upload-assets',
  };

  it('puts the plan path and the task status words on <main> only when there are tasks', () => {
    const withTasks = renderUploadPage({ ...view, remediation: remediation(task('awaiting-plan')) });
    expect(withTasks).toMatch(
      /<main [^>]*data-plan-path="\/upload-api\/plan" data-task-status-labels="\{&quot;awaiting-plan&quot;/,
    );
    expect(withTasks.indexOf('Requested evidence')).toBeLessThan(withTasks.indexOf('Corrective actions'));
    const without = renderUploadPage(view);
    expect(without).not.toContain('data-plan-path');
    expect(without).not.toContain('Corrective actions');
  });
});

describe('Function: renderRequestSection, roll-over', () => {
  const base: UploadPageRequest = {
    requestId: 'req_1',
    description: 'Signed review',
    requirementId: 'review-signoff',
    status: 'requested',
    dueDate: '2027-03-12',
    acceptedContentTypes: ['application/pdf'],
    uploadable: true,
  };
  const section = (request: UploadPageRequest) =>
    renderRequestSection(request, {
      position: 1,
      count: 1,
      timeZone: 'America/Los_Angeles',
      maxUploadBytes: 1024,
    });

  it.each([
    [{ status: 'accepted', fileName: 'review-2024.pdf' }, 'Last audit: review-2024.pdf (accepted)'],
    [{ status: 'flagged', fileName: 'r&d.pdf' }, 'Last audit: r&amp;d.pdf (returned, not accepted)'],
    [{ status: 'requested' }, 'Last audit: no file (not provided)'],
  ] as const)('shows how the item ended in the previous audit (%j)', (lastAudit, line) => {
    expect(section({ ...base, lastAudit })).toContain(line);
  });

  it('shows no such line for an item new in this audit', () => {
    expect(section(base)).not.toContain('Last audit');
  });
});
