import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cancelAudit,
  completeEvidencePhase,
  completeReview,
} from '../../../functions/services/audit-lifecycle.js';
import { seedDemo } from '../../../sandbox/demo-seed.js';
import { type Sandbox, startSandbox } from '../../../sandbox/start-sandbox.js';
import { injectedSandboxResources, injectedSandboxWorkflows } from '../../setup/local-engines.js';

/** 10:00 in Los Angeles. */
const START = new Date('2026-03-02T18:00:00.000Z');
const DAY = 86_400_000;
const SACRAMENTO_AUDIT = 'aud_CA0349901_cadoj-compliance-audit_2026';
const SAN_DIEGO_REPORT = 'aud_CA0379902_clets-misuse-annual-report_2026';
const administrator = { type: 'administrator' as const, id: 'test-admin' };

/*
 * The product's own state machines, taken from the synthesized template, run with the catalog's handlers
 * against the local engines: the journey the demo shows, checked step by step.
 */
describe('Sandbox: the synthesized workflows with the real handlers', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startSandbox({
      resources: injectedSandboxResources(),
      workflows: injectedSandboxWorkflows(),
      clockStart: START,
    });
  });

  afterAll(async () => {
    await sandbox.stop();
  });

  it('opens the audits whose request window is open as soon as the demo enrols them, and emails the agencies', async () => {
    // Act
    const report = await seedDemo(sandbox);

    // Assess
    const { runner, outbox } = sandbox.workflows;
    expect(report.enrollments.filter((enrollment) => enrollment.auditsOpenedNow > 0)).toHaveLength(2);
    expect(report.uploadLink?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/upload\/[A-Za-z0-9_-]{43}$/);
    expect((await fetch(report.uploadLink?.url ?? '')).status).toBe(200);
    const lifecycles = runner.listExecutions({ stateMachine: 'auditLifecycle' });
    expect(lifecycles.map((execution) => [execution.name, execution.status]).sort()).toEqual([
      [SACRAMENTO_AUDIT, 'RUNNING'],
      [SAN_DIEGO_REPORT, 'RUNNING'],
    ]);
    expect(runner.describeExecution(SACRAMENTO_AUDIT)?.parked).toEqual([
      expect.objectContaining({ stateName: 'Wait For Evidence', kind: 'callback' }),
    ]);
    const messages = outbox.list();
    expect(messages).toHaveLength(2);
    expect(messages.map((message) => message.subject).sort()).toEqual([
      expect.stringMatching(
        /^Evidence requested: cadoj-compliance-audit for Sacramento Demo Police Department/,
      ),
      expect.stringMatching(/^Evidence requested: clets-misuse-annual-report for San Diego Demo Sheriff/),
    ]);
    expect(messages.every((message) => message.sentAt === START.toISOString())).toBe(true);
  });

  it('resumes a parked lifecycle through SendTaskSuccess when evidence and review complete, and closes it', async () => {
    // Act
    await completeEvidencePhase(SACRAMENTO_AUDIT);
    await sandbox.workflows.runner.whenIdle();
    const inReview = sandbox.workflows.runner.describeExecution(SACRAMENTO_AUDIT);
    await completeReview(SACRAMENTO_AUDIT);
    await sandbox.workflows.runner.whenIdle();

    // Assess
    expect(inReview?.parked).toEqual([expect.objectContaining({ stateName: 'Wait For Review' })]);
    const closed = sandbox.workflows.runner.describeExecution(SACRAMENTO_AUDIT);
    expect(closed?.status).toBe('SUCCEEDED');
    expect(closed?.stateTransitions).toBeGreaterThanOrEqual(7);
    expect(closed?.historyEvents).toBeLessThan(5_000);
  });

  it('ends a cancelled audit’s lifecycle through SendTaskFailure AuditCancelled and its Catch', async () => {
    // Act
    await cancelAudit(SAN_DIEGO_REPORT, 'Enrolled by mistake', administrator);
    await sandbox.workflows.runner.whenIdle();

    // Assess
    expect(sandbox.workflows.runner.describeExecution(SAN_DIEGO_REPORT)).toMatchObject({
      status: 'SUCCEEDED',
      parked: [],
    });
    expect(sandbox.workflows.runner.alarms).toEqual([]);
  });

  it('runs the daily schedule once per virtual day, and a later run opens the audit whose window opens then', async () => {
    // Act
    await sandbox.workflows.clock.advance(10 * DAY);
    const afterTen = sandbox.workflows.runner.listExecutions({ stateMachine: 'scheduleAudits' });
    await sandbox.workflows.clock.advance(10 * DAY);

    // Assess
    expect(afterTen.map((execution) => execution.name)).toEqual(
      Array.from({ length: 10 }, (_unused, day) => `daily-2026-03-${String(3 + day).padStart(2, '0')}`),
    );
    expect(afterTen.every((execution) => execution.status === 'SUCCEEDED')).toBe(true);
    const opened = sandbox.workflows.runner
      .listExecutions({ stateMachine: 'auditLifecycle' })
      .filter((execution) => execution.name.startsWith('aud_CA0379902_cadoj-compliance-audit'));
    expect(opened).toEqual([expect.objectContaining({ status: 'RUNNING' })]);
    // The newest message to an agency (the administrators' daily digest goes out every morning too).
    const toAgencies = sandbox.workflows.outbox
      .list()
      .filter((message) => message.template !== 'daily-digest');
    expect(toAgencies[0]?.subject).toMatch(/^Evidence requested: cadoj-compliance-audit for San Diego/);
  });
});
