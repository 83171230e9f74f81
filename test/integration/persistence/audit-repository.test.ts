import { beforeAll, describe, expect, it } from 'vitest';
import { VersionConflictError } from '../../../functions/adapters/dynamodb/persistence-errors.js';
import { auditId } from '../../../functions/domain/ids.js';
import { auditFixture, eventFixture, requestFixture } from '../../support/audit-fixtures.js';
import { connectTestTable, type TestTable, uniqueOri } from '../../support/test-table.js';

let table: TestTable;
beforeAll(async () => {
  table = await connectTestTable();
});

async function createScheduledAudit() {
  const audit = auditFixture(uniqueOri());
  return table.repository.audits.createAudit(audit, eventFixture(audit.auditId, 'audit.scheduled'));
}

describe('Class: AuditRepository', () => {
  it('creates an audit once: a repeated create returns the stored audit and records nothing more', async () => {
    // Prepare
    const audit = auditFixture(uniqueOri());
    const { audits, trail } = table.repository;
    // Act
    const first = await audits.createAudit(audit, eventFixture(audit.auditId, 'audit.scheduled'));
    const again = await audits.createAudit(
      { ...audit, status: 'open' },
      eventFixture(audit.auditId, 'audit.scheduled'),
    );
    // Assess
    expect(first.created).toBe(true);
    expect(again).toEqual({ created: false, audit: { ...audit, version: 1 } });
    expect(await trail.readAll(audit.auditId)).toHaveLength(1);
  });

  it('applies a transition with its trail event, and rejects a stale version without overwriting', async () => {
    // Prepare
    const { audits, trail } = table.repository;
    const { audit } = await createScheduledAudit();
    // Act
    const opened = await audits.saveAudit(
      audit,
      { ...audit, status: 'open', openedAt: '2027-01-30T08:00:01.000Z' },
      eventFixture(audit.auditId, 'audit.opened'),
    );
    const stale = audits.saveAudit(
      audit,
      { ...audit, status: 'cancelled', cancelReason: 'late' },
      eventFixture(audit.auditId, 'audit.cancelled'),
    );
    // Assess
    expect(opened).toMatchObject({ status: 'open', version: 2, openedAt: '2027-01-30T08:00:01.000Z' });
    await expect(stale).rejects.toBeInstanceOf(VersionConflictError);
    expect(await audits.getAudit(audit.auditId)).toEqual(opened);
    expect((await trail.readAll(audit.auditId)).map((event) => event.type)).toEqual([
      'audit.scheduled',
      'audit.opened',
    ]);
  });

  it('reads one audit with all its children in one partition query', async () => {
    // Prepare
    const { audits } = table.repository;
    const { audit } = await createScheduledAudit();
    for (const requirement of ['review-signoff', 'user-list']) {
      await audits.createEvidenceRequest(
        requestFixture(audit, requirement),
        eventFixture(audit.auditId, 'evidence-request.created'),
      );
    }
    // Act
    const bundle = await audits.getAuditBundle(audit.auditId);
    // Assess
    expect(bundle?.audit.auditId).toBe(audit.auditId);
    expect(bundle?.requests.map((request) => request.requirementId).sort()).toEqual([
      'review-signoff',
      'user-list',
    ]);
    expect(bundle?.evidence).toEqual([]);
    expect(await audits.getAuditBundle('aud_CA0000000_none_2027')).toBeUndefined();
  });

  it("lists an agency's audits in due order, a page at a time", async () => {
    // Prepare
    const ori = uniqueOri();
    const { audits } = table.repository;
    const dueDates = ['2029-05-01', '2027-05-01', '2028-05-01'];
    for (const [index, dueDate] of dueDates.entries()) {
      await audits.createAudit(
        auditFixture(ori, { periodKey: `2026-p${index}`, dueDate, dueAt: `${dueDate}T23:00:00.000Z` }),
        eventFixture(auditId(ori, 'account-review', `2026-p${index}`), 'audit.scheduled'),
      );
    }
    // Act
    const first = await audits.listAgencyAudits(ori, { limit: 2 });
    const second = await audits.listAgencyAudits(ori, { limit: 2, cursor: first.cursor });
    const window = await audits.listAgencyAudits(ori, { limit: 10, from: '2028-01-01', to: '2029-01-01' });
    // Assess
    expect([...first.items, ...second.items].map((audit) => audit.dueDate)).toEqual([
      '2027-05-01',
      '2028-05-01',
      '2029-05-01',
    ]);
    expect(second.cursor).toBeUndefined();
    expect(window.items.map((audit) => audit.dueDate)).toEqual(['2028-05-01']);
  });

  it('finds a notice by its SES message id', async () => {
    // Prepare
    const { audits } = table.repository;
    const { audit } = await createScheduledAudit();
    const { notice } = await audits.recordNotification(
      {
        notificationId: `ntf_${audit.auditId}_reminder-7d`,
        subjectId: audit.auditId,
        auditId: audit.auditId,
        kind: 'reminder',
        stepKey: 'reminder-7d',
        recipients: [{ role: 'tac', email: 'tac@agency.ca.gov' }],
        subject: 'Reminder',
        scheduledFor: '2027-02-22T16:00:00.000Z',
        status: 'queued',
        deliveryEvents: [],
        createdAt: '2027-02-22T16:00:00.000Z',
        updatedAt: '2027-02-22T16:00:00.000Z',
      },
      eventFixture(audit.auditId, 'notification.queued'),
    );
    // Act
    await audits.saveNotification(
      { ...notice, auditId: audit.auditId },
      { ...notice, status: 'sent', sesMessageId: `msg-${audit.auditId}`, sentAt: '2027-02-22T16:00:01.000Z' },
      eventFixture(audit.auditId, 'notification.sent'),
    );
    // Assess
    expect(await audits.findNotificationBySesMessageId(`msg-${audit.auditId}`)).toMatchObject({
      status: 'sent',
      version: 2,
    });
    expect(await audits.findNotificationBySesMessageId('unknown-message')).toBeUndefined();
  });
});

describe('Class: AgencyRepository', () => {
  it('gets an agency by ORI and pages through its enrollments', async () => {
    // Prepare
    const ori = uniqueOri();
    const { agencies } = table.repository;
    await agencies.createAgency(
      {
        ori,
        agencyId: `agy_${ori}`,
        name: 'Test Police Department',
        county: 'Fresno',
        agencyType: 'criminal-justice-agency',
        contacts: [
          { role: 'tac', name: 'Terry Coordinator', email: 'tac@testpd.ca.gov' },
          { role: 'laso', name: 'Lee Security', email: 'laso@testpd.ca.gov' },
          { role: 'agency-head', name: 'Chief Avery', email: 'chief@testpd.ca.gov' },
        ],
        createdAt: '2026-12-01T16:00:00.000Z',
        updatedAt: '2026-12-01T16:00:00.000Z',
      },
      eventFixture(ori, 'agency.registered'),
    );
    for (const programId of ['account-review', 'audit-log-review', 'vulnerability-scanning']) {
      await agencies.createEnrollment(
        {
          ori,
          programId,
          enrollmentId: `enr_${ori}_${programId}`,
          anchorDate: '2027-01-15',
          timeZone: 'America/Los_Angeles',
          status: 'active',
          createdAt: '2026-12-01T16:00:00.000Z',
          updatedAt: '2026-12-01T16:00:00.000Z',
        },
        eventFixture(ori, 'enrollment.created'),
      );
    }
    // Act
    const agency = await agencies.getAgency(ori);
    const first = await agencies.listEnrollments(ori, { limit: 2 });
    const rest = await agencies.listEnrollments(ori, { limit: 2, cursor: first.cursor });
    // Assess
    expect(agency).toMatchObject({ ori, name: 'Test Police Department', version: 1 });
    expect(await agencies.getAgency(uniqueOri())).toBeUndefined();
    expect([...first.items, ...rest.items].map((enrollment) => enrollment.programId)).toEqual([
      'account-review',
      'audit-log-review',
      'vulnerability-scanning',
    ]);
  });
});

describe('Class: SchedulerState', () => {
  it('moves the planning watermark forward only', async () => {
    const { scheduler } = table.repository;
    const base = `3${Date.now()}`; // far-future instants no other test uses
    expect(await scheduler.advanceWatermark(`${base}-02`, '2026-12-01T00:00:00.000Z')).toBe(true);
    expect(await scheduler.advanceWatermark(`${base}-01`, '2026-12-01T00:00:01.000Z')).toBe(false);
    expect((await scheduler.getWatermark())?.plannedThrough).toBe(`${base}-02`);
  });
});
