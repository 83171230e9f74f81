import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repository } from '../../../functions/adapters/runtime/bindings.js';
import { localDateAt } from '../../../functions/domain/calendar/time-zones.js';
import { enrollmentId } from '../../../functions/domain/ids.js';
import { buildNoticeSchedule } from '../../../functions/domain/notices/notice-schedule.js';
import { planDueOccurrences } from '../../../functions/domain/planning/plan-due-occurrences.js';
import type { Enrollment } from '../../../functions/domain/schemas/enrollment.js';
import { registerAgency } from '../../../functions/services/agencies.js';
import { completeEvidencePhase } from '../../../functions/services/audit-lifecycle.js';
import { enrollAgency } from '../../../functions/services/enrollments.js';
import { type Sandbox, startSandbox } from '../../../sandbox/start-sandbox.js';
import { catalogHandlerResolver } from '../../../sandbox/workflows/catalog-handlers.js';
import type { LambdaHandler, ResolveFunction } from '../../../sandbox/workflows/local-workflow-runner.js';
import { injectedSandboxResources, injectedSandboxWorkflows } from '../../setup/local-engines.js';

/*
 * Workflow scenarios on the local engine: the synthesized state machines, the real handlers, dynalite, and the
 * virtual clock. Each describe block runs its own sandbox (the runtime bindings are process-wide).
 */

const DAY = 86_400_000;
/** Monday 2026-03-02, 10:00 in Los Angeles. */
const START = new Date('2026-03-02T18:00:00.000Z');
const administrator = { type: 'administrator' as const, id: 'scenario-admin' };

const agencyInput = (ori: string, name: string) => ({
  ori,
  name,
  county: 'Fresno' as const,
  agencyType: 'criminal-justice-agency' as const,
  contacts: [
    { role: 'tac' as const, name: 'Terry Coordinator', email: `tac@${ori.toLowerCase()}.example.gov` },
    { role: 'laso' as const, name: 'Lee Security', email: `laso@${ori.toLowerCase()}.example.gov` },
    { role: 'agency-head' as const, name: 'Avery Chief', email: `chief@${ori.toLowerCase()}.example.gov` },
  ],
});

async function sandboxAt(clockStart: Date, resolveFunction?: ResolveFunction): Promise<Sandbox> {
  return startSandbox({
    resources: injectedSandboxResources(),
    workflows: injectedSandboxWorkflows(),
    clockStart,
    ...(resolveFunction ? { resolveFunction } : {}),
  });
}

describe('Scenario: scheduling catches up after missed days', () => {
  let sandbox: Sandbox;
  const enrollments: Enrollment[] = [];

  beforeAll(async () => {
    sandbox = await sandboxAt(START);
    // Prepare: the last successful run was 10 days ago; weekly log reviews and a monthly scan are enrolled
    // directly in the table (as if enrolled before that run), so only the scheduler plans them.
    await repository().scheduler.advanceWatermark(
      new Date(START.getTime() - 10 * DAY).toISOString(),
      START.toISOString(),
    );
    for (const [index, programId] of [
      'audit-log-review',
      'vulnerability-scanning',
      'audit-log-review',
    ].entries()) {
      const ori = `CA10000${index}${index}`;
      await registerAgency(agencyInput(ori, `Catch-up Agency ${index}`), administrator);
      const enrollment: Omit<Enrollment, 'version'> = {
        ori,
        programId,
        enrollmentId: enrollmentId(ori, programId),
        anchorDate: index === 2 ? '2026-01-07' : '2026-01-05',
        timeZone: 'America/Los_Angeles',
        status: 'active',
        createdAt: '2026-01-01T00:00:00.000Z',
        updatedAt: '2026-01-01T00:00:00.000Z',
      };
      const created = await repository().agencies.createEnrollment(enrollment, {
        type: 'enrollment.created',
        at: enrollment.createdAt,
        actor: administrator,
        subject: { type: 'enrollment', id: enrollment.enrollmentId },
        streamId: ori,
        payload: {},
      });
      enrollments.push(created.enrollment);
    }
  });
  afterAll(async () => sandbox?.stop());

  it('creates exactly the audits whose requests opened during the missed days, once; a second run creates nothing', async () => {
    // Prepare
    const expected = planDueOccurrences(enrollments, new Date(START.getTime() - 10 * DAY), START).map(
      (occurrence) => occurrence.occurrenceId,
    );
    expect(expected.length).toBeGreaterThanOrEqual(4);
    const { runner } = sandbox.workflows;
    // Act
    const first = await runner.startScheduleRun('scenario');
    await runner.whenIdle();
    const second = await runner.startScheduleRun('scenario');
    await runner.whenIdle();
    // Assess
    const created = (name: string) => {
      const output = runner.describeExecution(name)?.output as { shards: { created: number }[] } | undefined;
      return (output?.shards ?? []).reduce((sum, shard) => sum + shard.created, 0);
    };
    expect(runner.describeExecution(first.executionName)?.status).toBe('SUCCEEDED');
    expect(created(first.executionName)).toBe(expected.length);
    expect(created(second.executionName)).toBe(0);
    const lifecycles = runner
      .listExecutions({ stateMachine: 'auditLifecycle' })
      .map((execution) => execution.name);
    expect(lifecycles.sort()).toEqual([...expected].sort());
    expect((await repository().scheduler.getWatermark())?.plannedThrough).toBe(START.toISOString());
  });
});

describe('Scenario: an audit lifecycle with evidence on time, and one without', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await sandboxAt(START);
  });
  afterAll(async () => sandbox?.stop());

  /** Enrols an agency in the annual account review due 2026-03-20: its request is open at once. */
  async function openAccountReview(ori: string) {
    await registerAgency(agencyInput(ori, `Agency ${ori}`), administrator);
    await enrollAgency(ori, { programId: 'account-review', anchorDate: '2026-03-20' }, administrator);
    await sandbox.workflows.runner.whenIdle();
    const auditId = `aud_${ori}_account-review_2026`;
    return { auditId, audit: await repository().audits.requireAudit(auditId) };
  }

  /** What an agency's upload does to its requests before the ingest completes the evidence phase. */
  async function submitEverything(auditId: string, at: Date) {
    const bundle = await repository().audits.getAuditBundle(auditId);
    for (const request of bundle?.requests ?? []) {
      await repository().audits.saveEvidenceRequest(
        request,
        {
          ...request,
          status: 'submitted',
          submissionCount: 1,
          currentEvidenceId: `evd_${request.requirementId}`,
        },
        {
          type: 'evidence-request.submitted',
          at: at.toISOString(),
          actor: { type: 'agency-contact', id: 'tac' },
          subject: { type: 'evidence-request', id: request.requestId },
          streamId: auditId,
          payload: {},
        },
      );
    }
    await completeEvidencePhase(auditId);
  }

  it('goes straight to review when the evidence completes before the first notice', async () => {
    // Prepare
    const { auditId } = await openAccountReview('CA2000011');
    const { runner } = sandbox.workflows;
    expect(runner.describeExecution(auditId)?.parked).toEqual([
      expect.objectContaining({ stateName: 'Wait For Evidence' }),
    ]);
    // Act: every request is submitted (the ingest does this), then the phase completes
    await submitEverything(auditId, START);
    await runner.whenIdle();
    // Assess
    expect(runner.describeExecution(auditId)?.parked).toEqual([
      expect.objectContaining({ stateName: 'Wait For Review' }),
    ]);
    expect((await repository().audits.requireAudit(auditId)).status).toBe('in-review');
    const notices = (await repository().audits.getAuditBundle(auditId))?.notices ?? [];
    expect(notices.map((notice) => notice.stepKey)).toEqual(['opened-tac']);
  });

  /** The audit's emails in the outbox, oldest first: `<local date> <step> <template> → <recipients>`. */
  function timelineOf(auditId: string): string[] {
    return sandbox.workflows.outbox
      .list()
      .filter((entry) => entry.tags.auditId === auditId)
      .reverse()
      .map(
        (entry) =>
          `${localDateAt(entry.sentAt, 'America/Los_Angeles')} ${entry.tags.stepKey} ${entry.template} → ${entry.to.join(', ')}`,
      );
  }

  it('sends each notice of the schedule with its template, at its virtual time, to its recipients; an upload stops them', async () => {
    // Prepare: account reviews due Friday 2026-03-20; one agency never uploads, the other uploads on day 10
    const { auditId, audit } = await openAccountReview('CA2000022');
    const { auditId: uploaderAuditId } = await openAccountReview('CA2000033');
    const schedule = buildNoticeSchedule({
      dueDate: audit.dueDate,
      timeZone: audit.timeZone,
      responsibleRole: audit.responsibleRole,
      opensAt: audit.openedAt,
    });
    const horizon = new Date(START.getTime() + 60 * DAY);
    const stepsInWindow = schedule.steps.filter(
      (step) => step.sendAt > START.toISOString() && step.sendAt <= horizon.toISOString(),
    );

    // Act: 10 virtual days, the second agency uploads everything, then 50 more days
    await sandbox.workflows.clock.advance(10 * DAY);
    await submitEverything(uploaderAuditId, sandbox.workflows.clock.now());
    await sandbox.workflows.runner.whenIdle();
    await sandbox.workflows.clock.advance(50 * DAY);

    // Assess: the agency that never uploads gets every step, each email once
    const tac = 'tac@ca2000022.example.gov';
    const head = 'chief@ca2000022.example.gov';
    const admin = 'cjis-admin@example.gov';
    expect(timelineOf(auditId)).toEqual([
      `2026-03-02 opened-tac audit-opened → ${tac}`,
      `2026-03-06 reminder-14d reminder → ${tac}`,
      `2026-03-13 reminder-7d reminder → ${tac}`,
      `2026-03-19 reminder-1d reminder → ${tac}`,
      `2026-03-20 due due-today → ${tac}`,
      `2026-03-21 overdue-1 overdue → ${tac}`,
      `2026-03-21 overdue-audit overdue-audit → ${admin}`,
      `2026-03-23 escalation-1 escalation-agency-head → ${tac}, ${head}`,
      `2026-03-28 overdue-2 overdue → ${tac}`,
      `2026-03-30 escalation-2 escalation-agency-head → ${head}`,
      `2026-03-30 escalation-2-administrators escalation-administrators → ${admin}`,
      `2026-04-04 overdue-3 overdue → ${tac}`,
      `2026-04-11 overdue-4 overdue → ${tac}`,
      `2026-04-18 overdue-5 overdue → ${tac}`,
      `2026-04-25 overdue-6 overdue → ${tac}`,
    ]);
    // …at the instants of the schedule, and recorded with their template and subject
    const notices = ((await repository().audits.getAuditBundle(auditId))?.notices ?? []).filter(
      (notice) => !notice.stepKey.startsWith('opened-'),
    );
    expect(new Set(notices.map((notice) => notice.stepKey.replace(/-administrators$/, '')))).toEqual(
      new Set(stepsInWindow.map((step) => step.key)),
    );
    for (const notice of notices) {
      const step = stepsInWindow.find((candidate) => notice.stepKey.startsWith(candidate.key));
      expect(notice, notice.stepKey).toMatchObject({
        status: 'sent',
        scheduledFor: step?.sendAt,
        createdAt: step?.sendAt,
        template: expect.any(String),
        subject: expect.stringContaining('2026-03-20'),
      });
    }
    // Every agency email carried a fresh link for the responsible role, and the last one still works
    const links = await repository().audits.listUploadLinks(auditId);
    expect(links.filter((link) => link.reason === 'reminder')).toHaveLength(12);
    expect(links.every((link) => link.role === 'tac')).toBe(true);
    const lastOverdue = sandbox.workflows.outbox.list().find((entry) => entry.tags.stepKey === 'overdue-6');
    const eml = (await sandbox.workflows.outbox.readMessage(lastOverdue?.id ?? ''))?.toString('utf8') ?? '';
    const token = /\/upload\/([A-Za-z0-9_-]{43})/.exec(eml.replace(/=\r?\n/g, ''))?.[1] ?? '';
    expect((await repository().uploadTokens.check(token, sandbox.workflows.clock.now())).outcome).toBe(
      'valid',
    );

    // The agency that uploaded on day 10 heard nothing after it
    expect(timelineOf(uploaderAuditId)).toEqual([
      '2026-03-02 opened-tac audit-opened → tac@ca2000033.example.gov',
      '2026-03-06 reminder-14d reminder → tac@ca2000033.example.gov',
    ]);
    const execution = sandbox.workflows.runner.describeExecution(auditId);
    expect(execution?.status).toBe('RUNNING');
    expect(execution?.parked).toEqual([expect.objectContaining({ stateName: 'Wait For Evidence' })]);
    expect(execution?.historyEvents).toBeLessThan(500);
  });
});

describe('Scenario: a step that keeps failing', () => {
  let sandbox: Sandbox;
  const attempts: string[] = [];

  beforeAll(async () => {
    // Prepare: Open Audit's function fails every time with a retryable Lambda error
    const real = catalogHandlerResolver(injectedSandboxWorkflows().functions);
    const failing: LambdaHandler = () => {
      attempts.push('OpenAudit');
      throw Object.assign(new Error('Lambda is unavailable'), { name: 'Lambda.ServiceException' });
    };
    sandbox = await sandboxAt(START, (functionName) =>
      functionName.startsWith('OpenAudit') ? failing : real(functionName),
    );
  });
  afterAll(async () => sandbox?.stop());

  it('retries, then takes the catch path: the audit is marked failed, the alarm topic is told, the run fails', async () => {
    // Act
    await registerAgency(agencyInput('CA3000033', 'Failing Agency'), administrator);
    await enrollAgency('CA3000033', { programId: 'account-review', anchorDate: '2026-03-20' }, administrator);
    await sandbox.workflows.runner.whenIdle();
    // Assess
    const auditId = 'aud_CA3000033_account-review_2026';
    expect(attempts).toHaveLength(4); // the first try and three retries
    const audit = await repository().audits.requireAudit(auditId);
    expect(audit).toMatchObject({ status: 'failed', failure: { error: 'Lambda.ServiceException' } });
    expect(sandbox.workflows.runner.describeExecution(auditId)?.status).toBe('FAILED');
    expect(sandbox.workflows.runner.alarms).toEqual([
      expect.objectContaining({ subject: 'Audit lifecycle failed', executionName: auditId }),
    ]);
    const trail = await repository().trail.readAll(auditId);
    expect(trail.at(-1)?.type).toBe('audit.workflow-failed');
    expect(await repository().trail.verify(auditId)).toMatchObject({ valid: true });
  });
});
