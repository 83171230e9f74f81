import { randomUUID } from 'node:crypto';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { keys } from '../../../functions/adapters/dynamodb/keys.js';
import type { Mailer, OutgoingEmail } from '../../../functions/adapters/runtime/mailer.js';
import { bindRuntime } from '../../../functions/adapters/runtime/runtime.js';
import type { Audit } from '../../../functions/domain/schemas/audit.js';
import type { Actor } from '../../../functions/domain/schemas/common.js';
import type { NotificationRecord } from '../../../functions/domain/schemas/notification.js';
import { handler } from '../../../functions/handlers/record-delivery-event.js';
import { agencyIdOf, registerAgency } from '../../../functions/services/agencies.js';
import { recipientAddresses } from '../../../functions/services/notices.js';
import { reissueUploadLink } from '../../../functions/services/upload-links.js';
import { auditFixture, eventFixture, requestFixture } from '../../support/audit-fixtures.js';
import { bindTestRuntime, fakeWorkflows } from '../../support/test-runtime.js';
import { connectTestTable, type TestTable, uniqueOri } from '../../support/test-table.js';

const NOW = new Date('2027-02-10T17:00:00.000Z');
const ADMINS = ['cjis-admin@doj.ca.gov', 'audits@doj.ca.gov'];
const administrator: Actor = { type: 'administrator', id: 'ana.auditor@doj.ca.gov' };

let table: TestTable;
/** Every message gets a fresh SES-like id, so pointers of different tests never meet in the shared table. */
const mailer = {
  send: vi.fn<Mailer['send']>(async () => ({ messageId: `0100018f-${randomUUID()}-000000` })),
};

beforeAll(async () => {
  table = await connectTestTable();
  bindTestRuntime(table, { now: NOW, workflows: fakeWorkflows(), settings: { adminEmails: ADMINS } });
  bindRuntime({ mailer });
});

beforeEach(() => vi.clearAllMocks());

interface Scenario {
  readonly ori: string;
  readonly audit: Audit;
  readonly emails: { tac: string; alternate: string; head: string };
}

/** A registered agency (with an alternate contact unless told otherwise) and an open audit owed by its TAC. */
async function openAudit(options: { alternate?: boolean } = {}): Promise<Scenario> {
  const ori = uniqueOri();
  const domain = `${ori.toLowerCase()}.ca.gov`;
  const emails = { tac: `tac@${domain}`, alternate: `alt@${domain}`, head: `chief@${domain}` };
  await registerAgency(
    {
      ori,
      name: 'Sierra County Sheriff',
      county: 'Sierra',
      agencyType: 'criminal-justice-agency',
      contacts: [
        { role: 'tac', name: 'Terry Coordinator', email: emails.tac },
        { role: 'laso', name: 'Lee Security', email: `laso@${domain}` },
        { role: 'agency-head', name: 'Chief Head', email: emails.head },
        ...(options.alternate === false
          ? []
          : [{ role: 'alternate' as const, name: 'Alex Alternate', email: emails.alternate }]),
      ],
    },
    administrator,
  );
  const { audits } = table.repository;
  const fixture = auditFixture(ori, { status: 'open', openedAt: '2027-01-30T08:00:00.000Z' });
  const { audit } = await audits.createAudit(fixture, eventFixture(fixture.auditId, 'audit.opened'));
  await audits.createEvidenceRequest(
    requestFixture(audit),
    eventFixture(audit.auditId, 'evidence-request.created', 'req-1'),
  );
  return { ori, audit, emails };
}

/** Emails the TAC's role a fresh upload link (the administrators' reissue): one notice, one message. */
async function sendTacNotice(scenario: Scenario): Promise<{ email: OutgoingEmail; messageId: string }> {
  const before = mailer.send.mock.results.length;
  await reissueUploadLink(scenario.audit.auditId, 'tac', administrator);
  const email = mailer.send.mock.calls[before]?.[0];
  const sent = mailer.send.mock.results[before];
  if (!email || !sent) throw new Error('the notice was not sent');
  const { messageId } = (await sent.value) as { messageId: string };
  return { email, messageId };
}

async function noticeOf(messageId: string): Promise<NotificationRecord> {
  const notice = await table.repository.audits.findNotificationBySesMessageId(messageId);
  if (!notice) throw new Error(`no notice for ${messageId}`);
  return notice;
}

function sesEvent(detailType: string, eventType: string, messageId: string, specific: object, id?: string) {
  return {
    version: '0',
    id: id ?? randomUUID(),
    'detail-type': detailType,
    source: 'aws.ses',
    account: '123456789012',
    time: '2027-02-10T17:00:09Z',
    region: 'us-west-2',
    resources: [],
    detail: {
      eventType,
      mail: {
        timestamp: '2027-02-10T17:00:00.000Z',
        source: 'audit-notices@example.gov',
        messageId,
        destination: ['somebody@example.gov'],
        tags: { 'ses:configuration-set': ['clets-audit-test-notices'] },
      },
      ...specific,
    },
  };
}

const delivered = (messageId: string, recipient: string) =>
  sesEvent('Email Delivered', 'Delivery', messageId, {
    delivery: {
      timestamp: '2027-02-10T17:00:02.000Z',
      recipients: [recipient],
      smtpResponse: '250 2.0.0 OK',
    },
  });

const bounced = (messageId: string, recipient: string, bounceType: string, id?: string) =>
  sesEvent(
    'Email Bounced',
    'Bounce',
    messageId,
    {
      bounce: {
        bounceType,
        bounceSubType: bounceType === 'Permanent' ? 'General' : 'MailboxFull',
        bouncedRecipients: [
          {
            emailAddress: recipient,
            action: 'failed',
            status: '5.1.1',
            diagnosticCode: 'smtp; 550 5.1.1 user unknown',
          },
        ],
        timestamp: '2027-02-10T17:00:03.000Z',
        feedbackId: `feedback-${messageId}`,
      },
    },
    id,
  );

const bounceAlerts = () =>
  mailer.send.mock.calls.map(([email]) => email).filter((email) => email.template === 'bounce-alert');

describe('Proof of notice: SES events recorded on their notices', () => {
  it('records a delivery on the notice, with its trail event; a redelivered event changes nothing', async () => {
    // Prepare
    const scenario = await openAudit();
    const { messageId } = await sendTacNotice(scenario);
    // Act
    const first = await handler(delivered(messageId, scenario.emails.tac));
    const notice = await noticeOf(messageId);
    const trailAfterFirst = await table.repository.trail.readAll(scenario.audit.auditId);
    const again = await handler(delivered(messageId, scenario.emails.tac));
    // Assess
    expect(first).toEqual({
      outcome: 'recorded',
      notificationId: notice.notificationId,
      status: 'delivered',
      bouncedContacts: 0,
    });
    expect(notice).toMatchObject({
      status: 'delivered',
      sesMessageId: messageId,
      deliveredAt: '2027-02-10T17:00:02.000Z',
      recipients: [{ role: 'tac', email: scenario.emails.tac }],
      deliveryEvents: [
        {
          status: 'delivered',
          sesEvent: 'delivery',
          at: '2027-02-10T17:00:02.000Z',
          recipients: [scenario.emails.tac],
          detail: 'Delivered to the receiving mail server (250 2.0.0 OK)',
        },
      ],
    });
    expect(trailAfterFirst.at(-1)).toMatchObject({
      type: 'notification.delivered',
      subject: { type: 'notification', id: notice.notificationId },
      payload: { sesMessageId: messageId, sesEvent: 'delivery', status: 'delivered' },
    });
    expect(again).toEqual({ outcome: 'already-recorded', notificationId: notice.notificationId });
    expect(await noticeOf(messageId)).toEqual(notice);
    expect(await table.repository.trail.readAll(scenario.audit.auditId)).toHaveLength(trailAfterFirst.length);
  });

  it('ignores an event for a message it did not send, writing nothing', async () => {
    const info = vi.spyOn(console, 'info').mockImplementation(() => undefined);
    const messageId = `0100018f-${randomUUID()}-other-sender`;
    const result = await handler(bounced(messageId, 'someone@elsewhere.gov', 'Permanent'));
    expect(result).toEqual({ outcome: 'unknown-message', messageId });
    expect(await table.repository.audits.findNotificationBySesMessageId(messageId)).toBeUndefined();
    expect(bounceAlerts()).toEqual([]);
    info.mockRestore();
  });

  it('records a complaint without rerouting anything', async () => {
    // Prepare
    const scenario = await openAudit();
    const { messageId } = await sendTacNotice(scenario);
    await handler(delivered(messageId, scenario.emails.tac));
    // Act
    await handler(
      sesEvent('Email Complaint Received', 'Complaint', messageId, {
        complaint: {
          complainedRecipients: [{ emailAddress: scenario.emails.tac }],
          timestamp: '2027-02-11T08:00:00.000Z',
          feedbackId: `complaint-${messageId}`,
          complaintFeedbackType: 'abuse',
        },
      }),
    );
    // Assess
    expect((await noticeOf(messageId)).status).toBe('complained');
    const agency = await table.repository.agencies.getAgency(scenario.ori);
    expect(agency?.contacts.every((contact) => contact.bouncedAt === undefined)).toBe(true);
    expect((await sendTacNotice(scenario)).email.to).toEqual([scenario.emails.tac]);
  });
});

describe('Proof of notice: notices about no audit (the administrators’ digest)', () => {
  it('finds a standalone notice by its message id and records its events; an administrator’s bounce reroutes nothing', async () => {
    // Prepare: a notice kept in its day's partition, sent, as the digest records it
    const { audits } = table.repository;
    const subjectId = `digest-${randomUUID().slice(0, 8)}`;
    const id = `ntf_${subjectId}_digest`;
    const messageId = `0100018f-${randomUUID()}-000000`;
    const { notice } = await audits.recordNotification(
      {
        notificationId: id,
        subjectId,
        kind: 'digest',
        stepKey: 'digest',
        recipients: ADMINS.map((email) => ({ role: 'administrator' as const, email })),
        subject: 'Daily digest',
        scheduledFor: '2027-02-10T15:00:00.000Z',
        status: 'queued',
        deliveryEvents: [],
        createdAt: '2027-02-10T15:00:00.000Z',
        updatedAt: '2027-02-10T15:00:00.000Z',
      },
      eventFixture(subjectId, 'notification.queued', id),
    );
    await audits.saveNotification(
      notice,
      { ...notice, status: 'sent', sesMessageId: messageId, sentAt: '2027-02-10T15:00:01.000Z' },
      eventFixture(subjectId, 'notification.sent', id),
    );
    // Act
    await handler(delivered(messageId, ADMINS[0] as string));
    const result = await handler(bounced(messageId, ADMINS[1] as string, 'Permanent'));
    // Assess
    expect(result).toMatchObject({ outcome: 'recorded', status: 'bounced', bouncedContacts: 0 });
    const stored = await table.store.get(keys.standaloneNotification('2027-02-10', id));
    expect(stored).toMatchObject({ status: 'bounced', deliveredAt: '2027-02-10T17:00:02.000Z' });
    expect((await noticeOf(messageId)).deliveryEvents.map((event) => event.sesEvent)).toEqual([
      'delivery',
      'bounce',
    ]);
    expect(bounceAlerts()).toEqual([]);
    const trail = await table.repository.trail.readAll(subjectId);
    expect(trail.map((event) => event.type)).toEqual([
      'notification.queued',
      'notification.sent',
      'notification.delivered',
      'notification.bounced',
    ]);
  });
});

describe('Proof of notice: a hard bounce reroutes the role and tells the administrators', () => {
  it("marks the contact, records it in the agency's trail, tells the administrators once, and sends the next notice to the alternate", async () => {
    // Prepare
    const scenario = await openAudit();
    const { messageId } = await sendTacNotice(scenario);
    // Act
    const result = await handler(bounced(messageId, scenario.emails.tac, 'Permanent'));
    // A redelivery of the same SES event, under another EventBridge id, an hour later
    const redelivered = await handler(bounced(messageId, scenario.emails.tac, 'Permanent', randomUUID()));
    const next = await sendTacNotice(scenario);
    // Assess: the bounced notice
    const notice = await noticeOf(messageId);
    expect(result).toMatchObject({ outcome: 'recorded', status: 'bounced', bouncedContacts: 1 });
    expect(redelivered).toEqual({ outcome: 'already-recorded', notificationId: notice.notificationId });
    expect(notice.status).toBe('bounced');
    expect(notice.deliveryEvents).toEqual([
      expect.objectContaining({
        status: 'bounced',
        sesEvent: 'bounce',
        recipients: [scenario.emails.tac],
        detail: `Permanent bounce (General): ${scenario.emails.tac} 5.1.1 smtp; 550 5.1.1 user unknown`,
      }),
    ]);
    // The contact, and the agency's trail
    const agency = await table.repository.agencies.getAgency(scenario.ori);
    expect(agency?.contacts.find((contact) => contact.role === 'tac')).toMatchObject({
      email: scenario.emails.tac,
      bouncedAt: '2027-02-10T17:00:03.000Z',
      bounceDetail: expect.stringContaining('550 5.1.1 user unknown'),
    });
    expect(agency?.contacts.find((contact) => contact.role === 'alternate')?.bouncedAt).toBeUndefined();
    const agencyTrail = await table.repository.trail.readAll(agencyIdOf(scenario.ori));
    const bounceEvents = agencyTrail.filter((event) => event.type === 'agency.contact-bounced');
    expect(bounceEvents).toHaveLength(1);
    expect(bounceEvents[0]?.payload).toEqual({
      roles: ['tac'],
      sesMessageId: messageId,
      bouncedAt: '2027-02-10T17:00:03.000Z',
    });
    expect(JSON.stringify(bounceEvents[0])).not.toContain(scenario.emails.tac);
    // The administrators, told once
    expect(bounceAlerts()).toHaveLength(1);
    expect(bounceAlerts()[0]).toMatchObject({
      to: ADMINS,
      data: expect.objectContaining({
        ori: scenario.ori,
        address: scenario.emails.tac,
        alternateAddress: scenario.emails.alternate,
        auditId: scenario.audit.auditId,
      }),
    });
    // The next notice for the TAC's role goes to the alternate, and says whose stand-in it is
    expect(next.email.to).toEqual([scenario.emails.alternate]);
    expect((await noticeOf(next.messageId)).recipients).toEqual([
      { role: 'alternate', email: scenario.emails.alternate, reroutedFrom: 'tac' },
    ]);
    // So do scheduled notices (reminders, escalations) for the role
    expect(recipientAddresses(agency as NonNullable<typeof agency>, ['tac', 'agency-head'])).toEqual([
      { role: 'alternate', email: scenario.emails.alternate, reroutedFrom: 'tac' },
      { role: 'agency-head', email: scenario.emails.head },
    ]);
  });

  it('sends the next notice to the administrators when the agency has no alternate contact', async () => {
    // Prepare
    const scenario = await openAudit({ alternate: false });
    const { messageId } = await sendTacNotice(scenario);
    // Act
    await handler(bounced(messageId, scenario.emails.tac, 'Permanent'));
    const next = await sendTacNotice(scenario);
    // Assess
    expect(bounceAlerts()).toHaveLength(1);
    expect(bounceAlerts()[0]?.data).toMatchObject({ alternateAddress: '' });
    expect(next.email.to).toEqual(ADMINS);
    expect((await noticeOf(next.messageId)).recipients).toEqual(
      ADMINS.map((email) => ({ role: 'administrator', email, reroutedFrom: 'tac' })),
    );
  });

  it('records a transient bounce without marking the contact or rerouting the next notice', async () => {
    // Prepare
    const scenario = await openAudit();
    const { messageId } = await sendTacNotice(scenario);
    // Act
    const result = await handler(bounced(messageId, scenario.emails.tac, 'Transient'));
    const next = await sendTacNotice(scenario);
    // Assess
    expect(result).toMatchObject({ outcome: 'recorded', status: 'bounced', bouncedContacts: 0 });
    expect((await noticeOf(messageId)).deliveryEvents).toEqual([
      expect.objectContaining({ sesEvent: 'bounce', detail: expect.stringMatching(/^Transient bounce/) }),
    ]);
    const agency = await table.repository.agencies.getAgency(scenario.ori);
    expect(agency?.contacts.every((contact) => contact.bouncedAt === undefined)).toBe(true);
    expect(bounceAlerts()).toEqual([]);
    expect(next.email.to).toEqual([scenario.emails.tac]);
  });
});
