import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { StoredRemediationTask } from '../../../functions/adapters/dynamodb/audit-repository.js';
import { transitionRemediationTask } from '../../../functions/domain/lifecycle/remediation-task.js';
import { unwrapTransition } from '../../../functions/domain/lifecycle/state-machine.js';
import type { Audit } from '../../../functions/domain/schemas/audit.js';
import type { Evidence, EvidenceRequest } from '../../../functions/domain/schemas/evidence.js';
import { auditFixture, eventFixture, requestFixture } from '../../support/audit-fixtures.js';
import { type TestTable, uniqueOri } from '../../support/test-table.js';
import { agencyBody } from '../../unit/api/api-fixtures.js';
import { callAdminApi } from './admin-api-client.js';
import { bindApiTestRuntime, type fakeWorkflows, NOW } from './api-runtime.js';

let table: TestTable;
let workflows: ReturnType<typeof fakeWorkflows>;

beforeAll(async () => {
  ({ table, workflows } = await bindApiTestRuntime());
});

beforeEach(() => {
  workflows.sendTaskSuccess.mockClear();
});

const agencyActor = { type: 'agency-contact', id: 'link-0123456789abcdef', role: 'tac' } as const;

/** A registered agency, an audit in `status` with one request, and one finding (which opens one task). */
async function auditWithFinding(
  status: Audit['status'],
  overrides: Partial<Audit> = {},
): Promise<{ audit: Audit; request: EvidenceRequest; findingId: string; taskId: string }> {
  const ori = uniqueOri();
  expect((await callAdminApi('POST', '/agencies', { body: agencyBody(ori) })).status).toBe(201);
  const { audits } = table.repository;
  const fixture = auditFixture(ori, { status: 'in-review', openedAt: '2026-06-01T15:00:00.000Z' });
  const { audit: created } = await audits.createAudit(fixture, eventFixture(fixture.auditId, 'audit.opened'));
  const { request } = await audits.createEvidenceRequest(
    requestFixture(created),
    eventFixture(created.auditId, 'evidence-request.created', 'req-review-signoff'),
  );
  const finding = await callAdminApi('POST', `/audits/${created.auditId}/findings`, {
    body: { requestId: request.requestId, severity: 'high', description: 'Shared operator accounts' },
  });
  expect(finding.status).toBe(201);
  let audit = (await audits.getAudit(created.auditId)) as Audit;
  if (status !== 'in-review' || Object.keys(overrides).length > 0) {
    audit = await audits.saveAudit(
      audit,
      { ...audit, status, ...overrides },
      eventFixture(audit.auditId, `audit.${status}`),
    );
  }
  const taskId = `rem_${String(finding.json.findingId).slice(4)}_01`;
  return { audit, request, findingId: finding.json.findingId, taskId };
}

async function task(auditId: string, taskId: string): Promise<StoredRemediationTask> {
  return (await table.repository.audits.getRemediationTask(auditId, taskId)) as StoredRemediationTask;
}

/** The agency's side, as its link would do it: submit a plan. */
async function submitPlan(
  auditId: string,
  taskId: string,
  summary = 'Issue named accounts to every operator',
) {
  const before = await task(auditId, taskId);
  const { entity, event } = unwrapTransition(
    transitionRemediationTask(
      before,
      { action: 'submit-plan', plan: { summary, targetDate: '2026-06-30' } },
      { at: NOW, actor: agencyActor },
    ),
  );
  await table.repository.audits.saveRemediationTask(before, entity as StoredRemediationTask, event);
}

/** The agency's verification upload, as the ingest records it. */
async function uploadVerification(request: EvidenceRequest, taskId: string): Promise<Evidence> {
  const sha256 = 'ab'.repeat(32);
  const evidence: Evidence = {
    evidenceId: `evd_${request.requestId.slice(4)}_${sha256.slice(0, 32)}`,
    requestId: request.requestId,
    auditId: request.auditId,
    ori: request.ori,
    requirementId: request.requirementId,
    taskId,
    fileName: 'account-list.pdf',
    contentType: 'application/pdf',
    sizeBytes: 2048,
    sha256,
    objectKey: `evidence/${request.ori}/${request.auditId}/${request.requestId}/0f8fad5b-d9cb-469f-a165-70867728950e`,
    objectVersion: 'v1',
    receivedAt: NOW.toISOString(),
    effectiveDate: '2026-06-10',
    uploadedBy: agencyActor,
  };
  await table.repository.audits.recordEvidence(
    evidence,
    eventFixture(request.auditId, 'evidence.received', evidence.evidenceId),
  );
  return evidence;
}

const decide = (auditId: string, taskId: string, body: Record<string, unknown>) =>
  callAdminApi('POST', `/audits/${auditId}/tasks/${taskId}/decision`, { body });

async function footprint(auditId: string) {
  return {
    bundle: await table.repository.audits.getAuditBundle(auditId),
    trail: await table.repository.trail.readAll(auditId),
  };
}

describe('Admin API: remediation tasks', () => {
  it('runs the corrective-action loop: revision with a reason, resubmission, acceptance, verification, closure', async () => {
    // Prepare: an audit in remediation whose workflow waits on its remediation phase
    const { audit, request, findingId, taskId } = await auditWithFinding('remediation', {
      waitingTaskToken: 'remediation-token',
    });
    await submitPlan(audit.auditId, taskId, 'Rotate passwords');

    // Act: sent back once, resubmitted, accepted; the fix is uploaded; the reviewer closes the task
    const revised = await decide(audit.auditId, taskId, {
      decision: 'request-revision',
      reason: 'Rotating passwords does not end sharing: name each operator.',
    });
    await submitPlan(audit.auditId, taskId);
    const accepted = await decide(audit.auditId, taskId, { decision: 'accept-plan' });
    const evidence = await uploadVerification(request, taskId);
    const closed = await decide(audit.auditId, taskId, { decision: 'close' });

    // Assess
    expect(revised.status).toBe(200);
    expect(revised.json).toMatchObject({
      status: 'revision-requested',
      revisionRequests: [{ reason: 'Rotating passwords does not end sharing: name each operator.' }],
    });
    expect(accepted.json.status).toBe('plan-accepted');
    expect(closed.status).toBe(200);
    expect(closed.json).toMatchObject({ status: 'closed', verificationEvidenceIds: [evidence.evidenceId] });
    const bundle = await table.repository.audits.getAuditBundle(audit.auditId);
    expect(bundle?.findings.find((finding) => finding.findingId === findingId)?.status).toBe('closed');
    // The last finding closed: the remediation wait is woken, once
    expect(workflows.sendTaskSuccess).toHaveBeenCalledTimes(1);
    expect(workflows.sendTaskSuccess).toHaveBeenCalledWith('remediation-token', {
      auditId: audit.auditId,
      phase: 'remediation',
    });
    // The agency was told each time it had something to do
    expect(bundle?.notices.map((notice) => notice.template).sort()).toEqual([
      'plan-accepted',
      'plan-revision-requested',
      'task-closed',
    ]);
    const types = (await table.repository.trail.readAll(audit.auditId)).map((event) => event.type);
    expect(types).toEqual(
      expect.arrayContaining([
        'remediation-task.opened',
        'remediation-task.revision-requested',
        'remediation-task.plan-accepted',
        'remediation-task.verified',
        'remediation-task.closed',
        'finding.verified',
        'finding.closed',
      ]),
    );
    // A closed task leaves the due index: it is no longer open work
    const open = await table.repository.audits.readAllOpenWorkDueBefore('2099-01-01T00:00:00.000Z', 10_000);
    expect(
      open.some(
        (item) => item.kind === 'RemediationTask' && 'taskId' in item.entity && item.entity.taskId === taskId,
      ),
    ).toBe(false);
  });

  it('holds an open task in the due index with its due instant', async () => {
    const { audit, taskId } = await auditWithFinding('remediation');
    const stored = await task(audit.auditId, taskId);
    expect(stored.dueAt).toBe('2026-07-11T06:59:59.999Z');
    const open = await table.repository.audits.readAllOpenWorkDueBefore('2026-07-12T00:00:00.000Z', 10_000);
    expect(open.filter((item) => item.kind === 'RemediationTask').map((item) => item.entity)).toEqual(
      expect.arrayContaining([expect.objectContaining({ taskId })]),
    );
  });

  it('refuses to close a task that has no accepted plan with 409, changing nothing', async () => {
    const { audit, taskId } = await auditWithFinding('remediation');
    await submitPlan(audit.auditId, taskId);
    const before = await footprint(audit.auditId);

    const answer = await decide(audit.auditId, taskId, { decision: 'close' });

    expect(answer.status).toBe(409);
    expect(answer.json.error.message).toMatch(/plan-submitted/);
    expect(answer.json.error.message).toMatch(/accept-plan/);
    expect(await footprint(audit.auditId)).toEqual(before);
  });

  it('refuses to verify without verification evidence with 400, changing nothing', async () => {
    const { audit, taskId } = await auditWithFinding('remediation');
    await submitPlan(audit.auditId, taskId);
    expect((await decide(audit.auditId, taskId, { decision: 'accept-plan' })).status).toBe(200);
    const before = await footprint(audit.auditId);

    const answer = await decide(audit.auditId, taskId, { decision: 'close' });

    expect(answer.status).toBe(400);
    expect(answer.json.error.issues).toEqual([expect.stringMatching(/^evidenceIds: /)]);
    expect(await footprint(audit.auditId)).toEqual(before);
  });

  it.each([
    ['an unknown decision', { decision: 'approve' }, /decision must be one of/],
    ['a revision without a reason', { decision: 'request-revision' }, /reason/],
    ['a blank cancel reason', { decision: 'cancel', reason: '  ' }, /reason/],
    ['an unknown field', { decision: 'accept-plan', note: 'x' }, /note/],
  ])('refuses %s with 400 naming the field, writing nothing', async (_case, body, issue) => {
    const { audit, taskId } = await auditWithFinding('remediation');
    const before = await footprint(audit.auditId);

    const answer = await decide(audit.auditId, taskId, body);

    expect(answer.status).toBe(400);
    expect(answer.json.error.issues.join('\n')).toMatch(issue);
    expect(await footprint(audit.auditId)).toEqual(before);
  });

  it("answers 404 for an unknown task, or another audit's task", async () => {
    const mine = await auditWithFinding('remediation');
    const theirs = await auditWithFinding('remediation');
    const before = await footprint(mine.audit.auditId);

    const unknown = await decide(mine.audit.auditId, `${mine.taskId.slice(0, -2)}09`, {
      decision: 'accept-plan',
    });
    const foreign = await decide(mine.audit.auditId, theirs.taskId, { decision: 'cancel', reason: 'x' });

    expect(unknown.status).toBe(404);
    expect(foreign.status).toBe(404);
    expect(await footprint(mine.audit.auditId)).toEqual(before);
  });

  it('adds a second task for another role, and refuses a due date in the past', async () => {
    const { audit, findingId } = await auditWithFinding('remediation');
    const path = `/audits/${audit.auditId}/findings/${findingId}/tasks`;

    const added = await callAdminApi('POST', path, { body: { ownerRole: 'laso', dueDate: '2026-06-20' } });
    const before = await footprint(audit.auditId);
    const past = await callAdminApi('POST', path, { body: { ownerRole: 'laso', dueDate: '2026-06-01' } });
    const badRole = await callAdminApi('POST', path, { body: { ownerRole: 'sheriff' } });

    expect(added.status).toBe(201);
    expect(added.json).toMatchObject({
      taskId: `rem_${findingId.slice(4)}_02`,
      ownerRole: 'laso',
      dueDate: '2026-06-20',
    });
    // In remediation already: the new owner is emailed its task with a link
    const notices = (await table.repository.audits.getAuditBundle(audit.auditId))?.notices ?? [];
    expect(notices.map((notice) => [notice.template, notice.stepKey])).toContainEqual([
      'remediation-required',
      `task-${findingId.slice(-3)}-02-opened`,
    ]);
    expect(past.status).toBe(400);
    expect(past.json.error.issues).toEqual([expect.stringMatching(/^dueDate: 2026-06-01 has passed/)]);
    expect(badRole.status).toBe(400);
    expect(badRole.json.error.issues.join('\n')).toMatch(/ownerRole/);
    expect(await footprint(audit.auditId)).toEqual(before);
  });

  it('refuses decisions on a closed audit with 409', async () => {
    const { audit, taskId } = await auditWithFinding('closed');
    const before = await footprint(audit.auditId);
    const answer = await decide(audit.auditId, taskId, { decision: 'cancel', reason: 'Too late' });
    expect(answer.status).toBe(409);
    expect(answer.json.error.message).toMatch(/is closed/);
    expect(await footprint(audit.auditId)).toEqual(before);
  });
});

describe('Admin API: an administrator closes an audit with a reason', () => {
  it('cancels the open tasks, closes the audit, takes its work out of the due index and wakes its workflow', async () => {
    const { audit, taskId } = await auditWithFinding('remediation', { waitingTaskToken: 'wait-token' });

    const answer = await callAdminApi('POST', `/audits/${audit.auditId}/close`, {
      body: { reason: 'Agency merged into the county; findings move to its audit.' },
    });

    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({
      status: 'closed',
      closeReason: 'Agency merged into the county; findings move to its audit.',
    });
    expect(answer.json.waitingTaskToken).toBeUndefined();
    expect(await task(audit.auditId, taskId)).toMatchObject({
      status: 'cancelled',
      cancelReason:
        'Audit closed by an administrator: Agency merged into the county; findings move to its audit.',
    });
    expect(workflows.sendTaskSuccess).toHaveBeenCalledWith('wait-token', {
      auditId: audit.auditId,
      phase: 'closed-by-administrator',
    });
    const open = await table.repository.audits.readAllOpenWorkDueBefore('2099-01-01T00:00:00.000Z', 10_000);
    expect(open.some((item) => item.entity.auditId === audit.auditId)).toBe(false);
  });

  it.each([
    ['a blank reason', 'remediation', { reason: ' ' }, 400],
    ['no reason', 'remediation', {}, 400],
    ['a collecting audit', 'collecting', { reason: 'x' }, 409],
    ['a closed audit', 'closed', { reason: 'x' }, 409],
  ] as const)('refuses %s, writing nothing', async (_case, status, body, expected) => {
    const { audit } = await auditWithFinding(status);
    const before = await footprint(audit.auditId);
    const answer = await callAdminApi('POST', `/audits/${audit.auditId}/close`, { body });
    expect(answer.status).toBe(expected);
    expect(await footprint(audit.auditId)).toEqual(before);
  });
});
