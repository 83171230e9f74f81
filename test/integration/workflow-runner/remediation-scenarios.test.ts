import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredRemediationTask } from '../../../functions/adapters/dynamodb/audit-repository.js';
import { repository } from '../../../functions/adapters/runtime/bindings.js';
import { localDateAt } from '../../../functions/domain/calendar/time-zones.js';
import { evidenceId } from '../../../functions/domain/ids.js';
import { transitionRemediationTask } from '../../../functions/domain/lifecycle/remediation-task.js';
import { unwrapTransition } from '../../../functions/domain/lifecycle/state-machine.js';
import type { Actor } from '../../../functions/domain/schemas/common.js';
import type { Evidence } from '../../../functions/domain/schemas/evidence.js';
import { registerAgency } from '../../../functions/services/agencies.js';
import { completeEvidencePhase, completeReview } from '../../../functions/services/audit-lifecycle.js';
import { enrollAgency } from '../../../functions/services/enrollments.js';
import { recordFinding } from '../../../functions/services/findings.js';
import { decideRemediationTask } from '../../../functions/services/remediation-tasks.js';
import { type Sandbox, startSandbox } from '../../../sandbox/start-sandbox.js';
import { injectedSandboxResources, injectedSandboxWorkflows } from '../../setup/local-engines.js';

/*
 * The remediation phase on the local engine: the synthesized state machine, the real handlers, dynalite and the
 * virtual clock. An audit with findings waits in remediation, its tasks' notices go out at their virtual times,
 * closing the last task closes the audit; remediation longer than one execution continues in a follow-up.
 */

const DAY = 86_400_000;
/** Monday 2026-03-02, 10:00 in Los Angeles. */
const START = new Date('2026-03-02T18:00:00.000Z');
const administrator: Actor = { type: 'administrator', id: 'scenario-admin' };
const reviewer: Actor = { type: 'reviewer', id: 'scenario-reviewer' };
const agencyContact: Actor = { type: 'agency-contact', id: 'link-0123456789abcdef', role: 'tac' };

const agencyInput = (ori: string) => ({
  ori,
  name: `Agency ${ori}`,
  county: 'Fresno' as const,
  agencyType: 'criminal-justice-agency' as const,
  contacts: [
    { role: 'tac' as const, name: 'Terry Coordinator', email: `tac@${ori.toLowerCase()}.example.gov` },
    { role: 'laso' as const, name: 'Lee Security', email: `laso@${ori.toLowerCase()}.example.gov` },
    { role: 'agency-head' as const, name: 'Avery Chief', email: `chief@${ori.toLowerCase()}.example.gov` },
  ],
});

let sandbox: Sandbox;

/** Each scenario runs its own sandbox from the same virtual start (the runtime bindings are process-wide). */
function useSandbox(): void {
  beforeAll(async () => {
    sandbox = await startSandbox({
      resources: injectedSandboxResources(),
      workflows: injectedSandboxWorkflows(),
      clockStart: START,
    });
  });
  afterAll(async () => sandbox?.stop());
}

const now = () => sandbox.workflows.clock.now();

/** An account review due 2026-03-20 whose evidence is in, accepted, and which has one finding under review. */
async function auditInReviewWithFinding(ori: string): Promise<{ auditId: string; taskId: string }> {
  await registerAgency(agencyInput(ori), administrator);
  await enrollAgency(ori, { programId: 'account-review', anchorDate: '2026-03-20' }, administrator);
  await sandbox.workflows.runner.whenIdle();
  const auditId = `aud_${ori}_account-review_2026`;
  const { audits } = repository();
  const bundle = await audits.getAuditBundle(auditId);
  for (const request of bundle?.requests ?? []) {
    const sha256 = createHash('sha256').update(request.requestId).digest('hex');
    const evidence: Evidence = {
      evidenceId: evidenceId(request.requestId, sha256),
      requestId: request.requestId,
      auditId,
      ori,
      requirementId: request.requirementId,
      fileName: `${request.requirementId}.pdf`,
      contentType: 'application/pdf',
      sizeBytes: 1000,
      sha256,
      objectKey: `evidence/${ori}/${auditId}/${request.requestId}/0f8fad5b-d9cb-469f-a165-70867728950e`,
      objectVersion: 'v1',
      receivedAt: now().toISOString(),
      effectiveDate: localDateAt(now(), 'America/Los_Angeles'),
      uploadedBy: agencyContact,
    };
    await audits.recordEvidence(evidence, {
      type: 'evidence.received',
      at: now().toISOString(),
      actor: agencyContact,
      subject: { type: 'evidence', id: evidence.evidenceId },
      streamId: auditId,
      payload: {},
    });
    await audits.saveEvidenceRequest(
      request,
      { ...request, status: 'submitted', submissionCount: 1, currentEvidenceId: evidence.evidenceId },
      {
        type: 'evidence-request.submitted',
        at: now().toISOString(),
        actor: agencyContact,
        subject: { type: 'evidence-request', id: request.requestId },
        streamId: auditId,
        payload: {},
      },
    );
  }
  await completeEvidencePhase(auditId);
  await sandbox.workflows.runner.whenIdle();
  const requirementId = bundle?.requests[0]?.requirementId;
  const finding = await recordFinding(
    auditId,
    { requirementId, severity: 'critical', description: 'Shared operator accounts' },
    reviewer,
  );
  // The reviewer accepts every file: the review is complete
  for (const request of (await audits.getAuditBundle(auditId))?.requests ?? []) {
    await audits.saveEvidenceRequest(
      request,
      { ...request, status: 'accepted', decidedAt: now().toISOString() },
      {
        type: 'evidence-request.accepted',
        at: now().toISOString(),
        actor: reviewer,
        subject: { type: 'evidence-request', id: request.requestId },
        streamId: auditId,
        payload: {},
      },
    );
  }
  await completeReview(auditId);
  await sandbox.workflows.runner.whenIdle();
  return { auditId, taskId: `rem_${finding.findingId.slice(4)}_01` };
}

/** The agency's answers through its link, as the portal's services record them. */
async function agencyAnswers(auditId: string, taskId: string, step: 'plan' | 'verification') {
  const { audits } = repository();
  const task = (await audits.getRemediationTask(auditId, taskId)) as StoredRemediationTask;
  if (step === 'plan') {
    const { entity, event } = unwrapTransition(
      transitionRemediationTask(
        task,
        {
          action: 'submit-plan',
          plan: { summary: 'Named accounts for every operator', targetDate: '2026-04-30' },
        },
        { at: now(), actor: agencyContact },
      ),
    );
    await audits.saveRemediationTask(task, entity as StoredRemediationTask, event);
    return;
  }
  const request = (await audits.getAuditBundle(auditId))?.requests[0];
  if (!request) throw new Error('no request');
  const sha256 = createHash('sha256').update(`${taskId}-fix`).digest('hex');
  await audits.recordEvidence(
    {
      evidenceId: evidenceId(request.requestId, sha256),
      requestId: request.requestId,
      auditId,
      ori: request.ori,
      requirementId: request.requirementId,
      taskId,
      fileName: 'named-accounts.pdf',
      contentType: 'application/pdf',
      sizeBytes: 2000,
      sha256,
      objectKey: `evidence/${request.ori}/${auditId}/${request.requestId}/1f8fad5b-d9cb-469f-a165-70867728950e`,
      objectVersion: 'v2',
      receivedAt: now().toISOString(),
      effectiveDate: localDateAt(now(), 'America/Los_Angeles'),
      uploadedBy: agencyContact,
    },
    {
      type: 'evidence.received',
      at: now().toISOString(),
      actor: agencyContact,
      subject: { type: 'evidence', id: evidenceId(request.requestId, sha256) },
      streamId: auditId,
      payload: { taskId },
    },
  );
}

/** The audit's remediation emails in the outbox, oldest first: `<local date> <step> <template> → <recipients>`. */
function remediationTimeline(auditId: string): string[] {
  return sandbox.workflows.outbox
    .list()
    .filter(
      (entry) => entry.tags.auditId === auditId && /^(task-|remediation-)/.test(entry.tags.stepKey ?? ''),
    )
    .reverse()
    .map(
      (entry) =>
        `${localDateAt(entry.sentAt, 'America/Los_Angeles')} ${entry.tags.stepKey} ${entry.template} → ${entry.to.join(', ')}`,
    );
}

describe('Scenario: remediation to closure', () => {
  useSandbox();

  it('emails the task, reminds and escalates when it is overdue, and closes the audit when its last task closes', async () => {
    // Prepare: a critical finding, due 15 days after 2 March (Tuesday 17 March)
    const ori = 'CA4000011';
    const { auditId, taskId } = await auditInReviewWithFinding(ori);
    const { runner, clock } = sandbox.workflows;
    expect((await repository().audits.requireAudit(auditId)).status).toBe('remediation');
    expect(runner.describeExecution(auditId)?.parked).toEqual([
      expect.objectContaining({ stateName: 'Wait For Remediation' }),
    ]);

    // Act: nobody answers for 3 weeks; then the plan comes, is accepted, the fix is uploaded and verified
    await clock.advance(21 * DAY);
    await agencyAnswers(auditId, taskId, 'plan');
    await decideRemediationTask(auditId, taskId, { decision: 'accept-plan' }, reviewer);
    await agencyAnswers(auditId, taskId, 'verification');
    await decideRemediationTask(auditId, taskId, { decision: 'close' }, reviewer);
    await runner.whenIdle();

    // Assess: the task's own notices, at their virtual dates, then the acceptance and closure
    const tac = `tac@${ori.toLowerCase()}.example.gov`;
    const head = `chief@${ori.toLowerCase()}.example.gov`;
    const ref = taskId.split('_').slice(-2).join('-');
    expect(remediationTimeline(auditId)).toEqual([
      `2026-03-02 remediation-tac remediation-required → ${tac}`,
      `2026-03-03 task-${ref}-reminder-14d task-notice → ${tac}`,
      `2026-03-10 task-${ref}-reminder-7d task-notice → ${tac}`,
      `2026-03-16 task-${ref}-reminder-1d task-notice → ${tac}`,
      `2026-03-17 task-${ref}-due task-notice → ${tac}`,
      `2026-03-18 task-${ref}-overdue-1 task-notice → ${tac}`,
      `2026-03-20 task-${ref}-escalation-1 task-escalation-agency-head → ${tac}, ${head}`,
      `2026-03-23 task-${ref}-plan-accepted plan-accepted → ${tac}`,
      `2026-03-23 task-${ref}-closed task-closed → ${tac}`,
    ]);
    // The administrators' digest of 19 March lists the task as overdue remediation
    const digest = sandbox.workflows.outbox
      .list()
      .find(
        (entry) =>
          entry.template === 'daily-digest' &&
          localDateAt(entry.sentAt, 'America/Los_Angeles') === '2026-03-19',
      );
    expect(digest?.subject).toMatch(/[1-9]\d* remediation overdue/);
    const digestText = (await sandbox.workflows.outbox.readMessage(digest?.id ?? ''))?.toString('utf8') ?? '';
    expect(digestText.replace(/=\r?\n/g, '')).toContain(auditId);
    const audit = await repository().audits.requireAudit(auditId);
    expect(audit.status).toBe('closed');
    expect(runner.describeExecution(auditId)?.status).toBe('SUCCEEDED');
    const trail = await repository().trail.readAll(auditId);
    expect(trail.map((event) => event.type)).toEqual(
      expect.arrayContaining([
        'audit.remediation-required',
        'finding.closed',
        'audit.closed',
        'audit.report-produced',
      ]),
    );
    expect(await repository().trail.verify(auditId)).toMatchObject({ valid: true });
  });
});

describe('Scenario: remediation that outlasts one execution', () => {
  useSandbox();

  // 290 virtual days run 290 daily schedules and digests too: give it room on a busy machine.
  it('hands over to a follow-up execution before the time limit, and the follow-up closes the audit', {
    timeout: 180_000,
  }, async () => {
    // Prepare: a finding whose task an administrator gives a year (due 2027-03-01)
    const ori = 'CA4000022';
    const { auditId, taskId } = await auditInReviewWithFinding(ori);
    const { runner, clock } = sandbox.workflows;
    await decideRemediationTask(
      auditId,
      taskId,
      { decision: 'cancel', reason: 'Replaced by a longer task' },
      reviewer,
    );
    const findingId = (await repository().audits.getAuditBundle(auditId))?.findings[0]?.findingId ?? '';
    const { addRemediationTask } = await import('../../../functions/services/remediation-tasks.js');
    const longTask = await addRemediationTask(
      auditId,
      findingId,
      { ownerRole: 'tac', dueDate: '2027-03-01' },
      administrator,
    );
    await runner.whenIdle();

    // Act: 290 virtual days pass (the execution's limit is 300)
    await clock.advance(290 * DAY);

    // Assess: the first execution handed over and ended; the follow-up waits on the same audit
    const first = runner.describeExecution(auditId);
    expect(first?.status).toBe('SUCCEEDED');
    const followUp = runner.describeExecution(`${auditId}-followup-1`);
    expect(followUp?.status).toBe('RUNNING');
    expect(followUp?.parked).toEqual([expect.objectContaining({ stateName: 'Wait For Remediation' })]);
    const audit = await repository().audits.requireAudit(auditId);
    expect(audit).toMatchObject({ status: 'remediation', execution: { name: `${auditId}-followup-1` } });
    expect(first?.historyEvents).toBeLessThan(1000);

    // Act: the task is answered and closed in the follow-up's time
    await agencyAnswers(auditId, longTask.taskId, 'plan');
    await decideRemediationTask(auditId, longTask.taskId, { decision: 'accept-plan' }, reviewer);
    await agencyAnswers(auditId, longTask.taskId, 'verification');
    await decideRemediationTask(auditId, longTask.taskId, { decision: 'close' }, reviewer);
    await runner.whenIdle();

    // Assess: closed by the follow-up, nothing lost: every notice once, the trail intact
    expect((await repository().audits.requireAudit(auditId)).status).toBe('closed');
    expect(runner.describeExecution(`${auditId}-followup-1`)?.status).toBe('SUCCEEDED');
    const stepKeys = ((await repository().audits.getAuditBundle(auditId))?.notices ?? []).map(
      (notice) => notice.stepKey,
    );
    expect(new Set(stepKeys).size).toBe(stepKeys.length);
    expect(await repository().trail.verify(auditId)).toMatchObject({ valid: true });
  });
});
