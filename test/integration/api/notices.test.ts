import { randomUUID } from 'node:crypto';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Mailer } from '../../../functions/adapters/runtime/mailer.js';
import { bindRuntime } from '../../../functions/adapters/runtime/runtime.js';
import { notificationId } from '../../../functions/domain/ids.js';
import type { Audit } from '../../../functions/domain/schemas/audit.js';
import { handler as recordDeliveryEvent } from '../../../functions/handlers/record-delivery-event.js';
import { auditFixture, eventFixture, requestFixture } from '../../support/audit-fixtures.js';
import { type TestTable, uniqueOri } from '../../support/test-table.js';
import { agencyBody } from '../../unit/api/api-fixtures.js';
import { callAdminApi } from './admin-api-client.js';
import { bindApiTestRuntime } from './api-runtime.js';

let table: TestTable;
const mailer = {
  send: vi.fn<Mailer['send']>(async () => ({ messageId: `0100018f-${randomUUID()}-000000` })),
};

beforeAll(async () => {
  ({ table } = await bindApiTestRuntime());
  // Fresh message ids per message: SES message pointers are global in the shared table.
  bindRuntime({ mailer });
});

beforeEach(() => vi.clearAllMocks());

/** A registered agency and an open audit with one request, as the lifecycle would have left them. */
async function openAudit(): Promise<{ ori: string; audit: Audit }> {
  const ori = uniqueOri();
  expect((await callAdminApi('POST', '/agencies', { body: agencyBody(ori) })).status).toBe(201);
  const { audits } = table.repository;
  const fixture = auditFixture(ori, { status: 'open', openedAt: '2026-06-01T16:00:00.000Z' });
  const { audit } = await audits.createAudit(fixture, eventFixture(fixture.auditId, 'audit.opened'));
  await audits.createEvidenceRequest(
    requestFixture(audit),
    eventFixture(audit.auditId, 'evidence-request.created'),
  );
  return { ori, audit };
}

/** Emails the TAC a new link through the admin API; answers the SES message id of that email. */
async function reissueTacLink(auditId: string): Promise<string> {
  const calls = mailer.send.mock.results.length;
  expect((await callAdminApi('POST', `/audits/${auditId}/upload-links/tac/reissue`)).status).toBe(201);
  const sent = mailer.send.mock.results[calls];
  if (!sent) throw new Error('no email was sent');
  return ((await sent.value) as { messageId: string }).messageId;
}

const sesEvent = (detailType: string, eventType: string, messageId: string, specific: object) => ({
  version: '0',
  id: randomUUID(),
  'detail-type': detailType,
  source: 'aws.ses',
  time: '2026-06-10T16:00:09Z',
  detail: {
    eventType,
    mail: { timestamp: '2026-06-10T16:00:00.000Z', messageId, destination: ['tac@fresnopd.ca.gov'] },
    ...specific,
  },
});

const hardBounce = (messageId: string) =>
  sesEvent('Email Bounced', 'Bounce', messageId, {
    bounce: {
      bounceType: 'Permanent',
      bounceSubType: 'General',
      bouncedRecipients: [{ emailAddress: 'tac@fresnopd.ca.gov', status: '5.1.1' }],
      timestamp: '2026-06-10T16:00:03.000Z',
      feedbackId: `feedback-${messageId}`,
    },
  });

describe('Admin API: an audit’s notices (proof of notice)', () => {
  it('lists the notices in scheduled order with recipients, message ids and delivery events', async () => {
    // Prepare: a reminder recorded for an earlier day, then a link emailed and delivered
    const { audit } = await openAudit();
    await table.repository.audits.recordNotification(
      {
        notificationId: notificationId(audit.auditId, 'reminder-7d'),
        subjectId: audit.auditId,
        auditId: audit.auditId,
        ori: audit.ori,
        kind: 'reminder',
        stepKey: 'reminder-7d',
        recipients: [{ role: 'tac', email: 'tac@fresnopd.ca.gov' }],
        subject: 'Reminder: account review due 2027-03-01',
        scheduledFor: '2026-06-03T16:00:00.000Z',
        status: 'queued',
        deliveryEvents: [],
        createdAt: '2026-06-03T16:00:00.000Z',
        updatedAt: '2026-06-03T16:00:00.000Z',
      },
      eventFixture(audit.auditId, 'notification.queued'),
    );
    const messageId = await reissueTacLink(audit.auditId);
    await recordDeliveryEvent(
      sesEvent('Email Delivered', 'Delivery', messageId, {
        delivery: { timestamp: '2026-06-10T16:00:02.000Z', recipients: ['tac@fresnopd.ca.gov'] },
      }),
    );
    // Act
    const { status, json } = await callAdminApi('GET', `/audits/${audit.auditId}/notices`);
    // Assess
    expect(status).toBe(200);
    expect(json.auditId).toBe(audit.auditId);
    expect(json.notices.map((notice: { stepKey: string }) => notice.stepKey)).toEqual([
      'reminder-7d',
      expect.stringMatching(/^link-/),
    ]);
    expect(json.notices[1]).toMatchObject({
      kind: 'upload-link',
      template: 'link-reissued',
      recipients: [{ role: 'tac', email: 'tac@fresnopd.ca.gov' }],
      status: 'delivered',
      sesMessageId: messageId,
      sentAt: '2026-06-10T16:00:00.000Z',
      deliveredAt: '2026-06-10T16:00:02.000Z',
      deliveryEvents: [{ status: 'delivered', sesEvent: 'delivery', at: '2026-06-10T16:00:02.000Z' }],
    });
  });

  it('answers 404 for an audit that does not exist', async () => {
    const { status, json } = await callAdminApi('GET', '/audits/aud_CA0000000_account-review_1999/notices');
    expect(status).toBe(404);
    expect(json.error.message).toContain('aud_CA0000000_account-review_1999');
  });
});

describe('Admin API: a bounced contact', () => {
  it('shows the bounce on the agency; replacing the contact with a new address clears it, the same address keeps it', async () => {
    // Prepare: the TAC's address hard-bounces
    const { ori, audit } = await openAudit();
    await recordDeliveryEvent(hardBounce(await reissueTacLink(audit.auditId)));
    const bounced = await callAdminApi('GET', `/agencies/${ori}`);
    const sameAddress = agencyBody(ori).contacts.map((contact) =>
      contact.role === 'laso' ? { ...contact, phone: '559-555-0100' } : contact,
    );
    // Act: a change to another contact keeps the bounce; a new TAC address clears it
    const kept = await callAdminApi('PUT', `/agencies/${ori}/contacts`, {
      body: { contacts: sameAddress, version: bounced.json.version },
    });
    const newAddress = sameAddress.map((contact) =>
      contact.role === 'tac' ? { ...contact, email: 'terry.new@fresnopd.ca.gov' } : contact,
    );
    const cleared = await callAdminApi('PUT', `/agencies/${ori}/contacts`, {
      body: { contacts: newAddress, version: kept.json.version },
    });
    const next = await reissueTacLink(audit.auditId);
    // Assess
    const tacOf = (agency: { contacts: { role: string }[] }) =>
      agency.contacts.find((contact) => contact.role === 'tac');
    expect(tacOf(bounced.json)).toMatchObject({
      email: 'tac@fresnopd.ca.gov',
      bouncedAt: '2026-06-10T16:00:03.000Z',
      bounceDetail: expect.stringContaining('Permanent bounce'),
    });
    expect(tacOf(kept.json)).toMatchObject({ bouncedAt: '2026-06-10T16:00:03.000Z' });
    expect(tacOf(cleared.json)).toEqual({
      role: 'tac',
      name: 'Terry Coordinator',
      email: 'terry.new@fresnopd.ca.gov',
    });
    const trail = await table.repository.trail.readAll(`agy_${ori}`);
    expect(trail.map((event) => [event.type, event.payload.clearedBounces])).toEqual([
      ['agency.registered', undefined],
      ['agency.contact-bounced', undefined],
      ['agency.contacts-replaced', undefined],
      ['agency.contacts-replaced', ['tac']],
    ]);
    const notice = await table.repository.audits.findNotificationBySesMessageId(next);
    expect(notice?.recipients).toEqual([{ role: 'tac', email: 'terry.new@fresnopd.ca.gov' }]);
  });

  it('refuses a bounce given by an administrator: only SES events set it', async () => {
    const { ori } = await openAudit();
    const contacts = agencyBody(ori).contacts.map((contact) =>
      contact.role === 'tac' ? { ...contact, bouncedAt: '2026-06-10T16:00:03.000Z' } : contact,
    );
    const { status, json } = await callAdminApi('PUT', `/agencies/${ori}/contacts`, {
      body: { contacts, version: 1 },
    });
    expect(status).toBe(400);
    expect(json.error.issues.join('\n')).toContain('bouncedAt');
  });
});
