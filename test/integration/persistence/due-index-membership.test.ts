import { beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../functions/domain/calendar/local-date.js';
import { eventFixture } from '../../support/audit-fixtures.js';
import { seedAudit, seedRemediationTask } from '../../support/digest-fixtures.js';
import { connectTestTable, type TestTable, uniqueOri } from '../../support/test-table.js';

let table: TestTable;
beforeAll(async () => {
  table = await connectTestTable();
});

/** Open work of one audit in the due index (1973: no other test uses that year). */
async function openWorkOf(auditId: string) {
  const items = await table.repository.audits.readAllOpenWorkDueBefore('1974-01-01T00:00:00.000Z', 10_000);
  return items
    .filter((item) => (item.entity as { auditId: string }).auditId === auditId)
    .map((item) => `${item.kind}:${item.entity.status}`)
    .sort();
}

async function flaggedOf(auditId: string) {
  const page = await table.repository.audits.listFlaggedRequests({ from: '1973-01-01', limit: 100 });
  return page.items.filter((request) => request.auditId === auditId).map((request) => request.requirementId);
}

describe('Due index membership: what counts as open work', () => {
  it('keeps a flagged request in the due index and in the flagged collection until it comes in again', async () => {
    // Prepare: an audit in review, one item flagged
    const audit = await seedAudit(table.repository, {
      ori: uniqueOri(),
      periodKey: '1973',
      status: 'in-review',
      dueDate: '1973-03-01',
      requests: [
        { requirementId: 'review-signoff', status: 'accepted' },
        { requirementId: 'account-changes', status: 'flagged' },
      ],
    });
    expect(await openWorkOf(audit.auditId)).toEqual(['EvidenceRequest:flagged']);
    expect(await flaggedOf(audit.auditId)).toEqual(['account-changes']);

    // Act: the agency uploads a corrected file
    const flagged = await table.repository.audits.getEvidenceRequest(
      audit.auditId,
      `req_${audit.auditId.slice(4)}_account-changes`,
    );
    if (!flagged) throw new Error('fixture missing');
    await table.repository.audits.saveEvidenceRequest(
      flagged,
      { ...flagged, status: 'resubmitted', submissionCount: 2 },
      eventFixture(audit.auditId, 'evidence-request.resubmitted', flagged.requestId),
    );

    // Assess
    expect(await openWorkOf(audit.auditId)).toEqual([]);
    expect(await flaggedOf(audit.auditId)).toEqual([]);
  });

  it('holds a remediation task while a plan is owed or under way, and drops it once verified', async () => {
    // Prepare
    const audit = await seedAudit(table.repository, {
      ori: uniqueOri(),
      periodKey: '1973',
      status: 'remediation',
      dueDate: '1973-02-01',
      requests: [{ requirementId: 'scan-report', status: 'accepted' }],
    });
    const task = await seedRemediationTask(table.repository, audit, addDays('1973-02-01', 30));
    expect(await openWorkOf(audit.auditId)).toEqual(['RemediationTask:awaiting-plan']);

    // Act
    const planned = await table.repository.audits.saveRemediationTask(
      task,
      { ...task, status: 'plan-submitted' },
      eventFixture(audit.auditId, 'remediation-task.plan-submitted', task.taskId),
    );
    const whilePlanned = await openWorkOf(audit.auditId);
    await table.repository.audits.saveRemediationTask(
      planned,
      { ...planned, status: 'verified' },
      eventFixture(audit.auditId, 'remediation-task.verified', task.taskId),
    );

    // Assess
    expect(whilePlanned).toEqual(['RemediationTask:plan-submitted']);
    expect(await openWorkOf(audit.auditId)).toEqual([]);
  });

  it('takes a cancelled audit’s requests out of the due index and the flagged collection, once', async () => {
    // Prepare
    const audit = await seedAudit(table.repository, {
      ori: uniqueOri(),
      periodKey: '1973',
      status: 'collecting',
      dueDate: '1973-04-01',
      requests: [
        { requirementId: 'review-signoff' },
        { requirementId: 'account-changes', status: 'flagged' },
        { requirementId: 'user-list', status: 'submitted' },
      ],
    });
    expect(await openWorkOf(audit.auditId)).toEqual([
      'Audit:collecting',
      'EvidenceRequest:flagged',
      'EvidenceRequest:requested',
    ]);
    await table.repository.audits.saveAudit(
      audit,
      { ...audit, status: 'cancelled', cancelReason: 'Enrolled by mistake' },
      eventFixture(audit.auditId, 'audit.cancelled'),
    );

    // Act
    const withdrawn = await table.repository.audits.withdrawOpenWork(audit.auditId);
    const again = await table.repository.audits.withdrawOpenWork(audit.auditId);

    // Assess
    expect([withdrawn, again]).toEqual([2, 0]);
    expect(await openWorkOf(audit.auditId)).toEqual([]);
    expect(await flaggedOf(audit.auditId)).toEqual([]);
    const bundle = await table.repository.audits.getAuditBundle(audit.auditId);
    expect(bundle?.requests.map((request) => request.status).sort()).toEqual([
      'flagged',
      'requested',
      'submitted',
    ]);
  });
});
