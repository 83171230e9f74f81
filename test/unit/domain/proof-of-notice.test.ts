import { describe, expect, it } from 'vitest';
import {
  applyDeliveryReport,
  type DeliveryReport,
} from '../../../functions/domain/notices/delivery-report.js';
import {
  carryOverBounces,
  markBouncedAddresses,
  noticeRouteOf,
  routeNoticeRecipients,
} from '../../../functions/domain/notices/recipient-routing.js';
import type { StoredContact } from '../../../functions/domain/schemas/agency.js';
import type { NotificationRecord } from '../../../functions/domain/schemas/notification.js';

const ADMINS = ['cjis-admin@doj.ca.gov', 'audits@doj.ca.gov'];
const BOUNCED = { bouncedAt: '2026-06-10T16:00:03.000Z', bounceDetail: 'Permanent bounce (General)' };

const contact = (role: StoredContact['role'], email: string, extra: Partial<StoredContact> = {}) => ({
  role,
  name: `${role} person`,
  email,
  ...extra,
});

const agencyWith = (...contacts: StoredContact[]) => ({ contacts });
const tac = contact('tac', 'tac@agency.ca.gov');
const laso = contact('laso', 'laso@agency.ca.gov');
const head = contact('agency-head', 'chief@agency.ca.gov');
const alternate = contact('alternate', 'alt@agency.ca.gov');

describe('Function: routeNoticeRecipients', () => {
  it('sends each role to its own contacts and administrators to the configured addresses', () => {
    expect(routeNoticeRecipients(agencyWith(tac, laso, head), ['tac', 'administrator'], ADMINS)).toEqual([
      { role: 'tac', email: 'tac@agency.ca.gov' },
      { role: 'administrator', email: 'cjis-admin@doj.ca.gov' },
      { role: 'administrator', email: 'audits@doj.ca.gov' },
    ]);
  });

  it("reroutes a role whose contact bounced to the agency's alternate, saying whose stand-in it is", () => {
    const agency = agencyWith({ ...tac, ...BOUNCED }, laso, head, alternate);
    expect(routeNoticeRecipients(agency, ['tac'], ADMINS)).toEqual([
      { role: 'alternate', email: 'alt@agency.ca.gov', reroutedFrom: 'tac' },
    ]);
    expect(noticeRouteOf(agency, 'tac', ADMINS)).toBe('alternate');
    expect(noticeRouteOf(agency, 'laso', ADMINS)).toBe('own-contacts');
  });

  it('reroutes to the administrators when the alternate bounced too, or there is none', () => {
    const noAlternate = agencyWith({ ...tac, ...BOUNCED }, laso, head);
    const bouncedAlternate = agencyWith({ ...tac, ...BOUNCED }, laso, head, { ...alternate, ...BOUNCED });
    for (const agency of [noAlternate, bouncedAlternate]) {
      expect(routeNoticeRecipients(agency, ['tac'], ADMINS)).toEqual([
        { role: 'administrator', email: 'cjis-admin@doj.ca.gov', reroutedFrom: 'tac' },
        { role: 'administrator', email: 'audits@doj.ca.gov', reroutedFrom: 'tac' },
      ]);
      expect(noticeRouteOf(agency, 'tac', ADMINS)).toBe('administrators');
    }
  });

  it('lists each address once: a role rerouted to the alternate and the alternate itself make one recipient', () => {
    const agency = agencyWith({ ...tac, ...BOUNCED }, laso, head, alternate);
    expect(routeNoticeRecipients(agency, ['tac', 'alternate', 'agency-head'], ADMINS)).toEqual([
      { role: 'alternate', email: 'alt@agency.ca.gov', reroutedFrom: 'tac' },
      { role: 'agency-head', email: 'chief@agency.ca.gov' },
    ]);
  });

  it('skips a bounced alternate without rerouting it, and a role the agency names no contact for', () => {
    expect(
      routeNoticeRecipients(agencyWith(tac, laso, head, { ...alternate, ...BOUNCED }), ['alternate'], ADMINS),
    ).toEqual([]);
    expect(routeNoticeRecipients(agencyWith(tac, laso, head), ['alternate'], ADMINS)).toEqual([]);
  });
});

describe('Function: markBouncedAddresses', () => {
  it('marks every contact at a bounced address, whatever the case, and keeps an earlier bounce', () => {
    const earlier = { bouncedAt: '2026-01-01T00:00:00.000Z', bounceDetail: 'earlier' };
    const shared = contact('agency-head', 'TAC@agency.ca.gov');
    const { contacts, bounced, newlyBounced } = markBouncedAddresses(
      [tac, laso, shared, { ...alternate, ...earlier }],
      ['tac@Agency.ca.gov', 'alt@agency.ca.gov'],
      { at: BOUNCED.bouncedAt, detail: 'Permanent bounce (General): 550 user unknown' },
    );
    expect(newlyBounced.map((entry) => entry.role)).toEqual(['tac', 'agency-head']);
    expect(bounced.map((entry) => entry.role)).toEqual(['tac', 'agency-head', 'alternate']);
    expect(contacts[1]).toEqual(laso);
    expect(contacts[3]).toMatchObject(earlier);
    expect(contacts[0]).toMatchObject({ bouncedAt: BOUNCED.bouncedAt });
  });
});

describe('Function: carryOverBounces', () => {
  it('keeps the bounce of a contact given again at the same address and clears it for a new address', () => {
    const before = [{ ...tac, ...BOUNCED }, laso, head, { ...alternate, ...BOUNCED }];
    const after = carryOverBounces(before, [
      { ...tac, phone: '555-0100' },
      laso,
      head,
      contact('alternate', 'new-alt@agency.ca.gov'),
    ]);
    expect(after[0]).toMatchObject({ ...BOUNCED, phone: '555-0100' });
    expect(after[3]).toEqual(contact('alternate', 'new-alt@agency.ca.gov'));
  });
});

const sentNotice = (overrides: Partial<NotificationRecord> = {}): NotificationRecord => ({
  notificationId: 'ntf_aud_CA0190000_account-review_2026_reminder-7d',
  subjectId: 'aud_CA0190000_account-review_2026',
  auditId: 'aud_CA0190000_account-review_2026',
  ori: 'CA0190000',
  kind: 'reminder',
  stepKey: 'reminder-7d',
  recipients: [
    { role: 'tac', email: 'tac@agency.ca.gov' },
    { role: 'alternate', email: 'alt@agency.ca.gov' },
  ],
  subject: 'Reminder',
  scheduledFor: '2026-06-10T16:00:00.000Z',
  status: 'sent',
  sesMessageId: 'msg-1',
  sentAt: '2026-06-10T16:00:00.500Z',
  deliveryEvents: [],
  createdAt: '2026-06-10T16:00:00.000Z',
  updatedAt: '2026-06-10T16:00:00.500Z',
  version: 2,
  ...overrides,
});

const report = (kind: DeliveryReport['kind'], at: string, extra: Partial<DeliveryReport> = {}) => ({
  kind,
  key: `${kind}-${at}`,
  messageId: 'msg-1',
  at,
  recipients: ['tac@agency.ca.gov'],
  detail: `${kind} detail`,
  ...extra,
});

describe('Function: applyDeliveryReport', () => {
  const RECORDED_AT = '2026-06-10T17:00:00.000Z';

  it('records a delivery: status delivered, the first delivery time, the event with its key', () => {
    const after = applyDeliveryReport(
      sentNotice(),
      report('delivery', '2026-06-10T16:00:02.000Z'),
      RECORDED_AT,
    );
    expect(after).toMatchObject({
      status: 'delivered',
      deliveredAt: '2026-06-10T16:00:02.000Z',
      updatedAt: RECORDED_AT,
      deliveryEvents: [
        {
          status: 'delivered',
          at: '2026-06-10T16:00:02.000Z',
          sesEvent: 'delivery',
          sesEventKey: 'delivery-2026-06-10T16:00:02.000Z',
          recipients: ['tac@agency.ca.gov'],
          detail: 'delivery detail',
        },
      ],
    });
  });

  it('returns nothing for an event already recorded', () => {
    const once = applyDeliveryReport(sentNotice(), report('bounce', '2026-06-10T16:00:03.000Z'), RECORDED_AT);
    expect(once).toBeDefined();
    expect(
      applyDeliveryReport(
        once as NotificationRecord,
        report('bounce', '2026-06-10T16:00:03.000Z'),
        RECORDED_AT,
      ),
    ).toBeUndefined();
  });

  it('keeps the most serious outcome whatever the order: a bounce for one recipient outweighs a delivery to another', () => {
    const bounce = report('bounce', '2026-06-10T16:00:03.000Z', { bounceType: 'Permanent' });
    const delivery = report('delivery', '2026-06-10T16:00:02.000Z', { recipients: ['alt@agency.ca.gov'] });
    const inOrder = applyDeliveryReport(
      applyDeliveryReport(sentNotice(), delivery, RECORDED_AT) as NotificationRecord,
      bounce,
      RECORDED_AT,
    );
    const reversed = applyDeliveryReport(
      applyDeliveryReport(sentNotice(), bounce, RECORDED_AT) as NotificationRecord,
      delivery,
      RECORDED_AT,
    );
    for (const after of [inOrder, reversed]) {
      expect(after?.status).toBe('bounced');
      expect(after?.deliveredAt).toBe('2026-06-10T16:00:02.000Z');
      expect(after?.deliveryEvents.map((event) => event.sesEvent)).toEqual(['delivery', 'bounce']);
    }
  });

  it.each([
    ['send', 'sent'],
    ['delivery-delay', 'sent'],
    ['complaint', 'complained'],
    ['reject', 'failed'],
    ['rendering-failure', 'failed'],
  ] as const)('records %s with the notice in status %s', (kind, status) => {
    expect(
      applyDeliveryReport(sentNotice(), report(kind, '2026-06-10T16:00:05.000Z'), RECORDED_AT)?.status,
    ).toBe(status);
  });

  it('completes a notice whose sender stopped before saving the message id: the event supplies it', () => {
    const queued = sentNotice({ status: 'queued', sesMessageId: undefined, sentAt: undefined });
    expect(
      applyDeliveryReport(queued, report('delivery', '2026-06-10T16:00:02.000Z'), RECORDED_AT),
    ).toMatchObject({ status: 'delivered', sesMessageId: 'msg-1' });
  });

  it('records a complaint about a delivered notice as complained', () => {
    const delivered = sentNotice({ status: 'delivered', deliveredAt: '2026-06-10T16:00:02.000Z' });
    expect(
      applyDeliveryReport(delivered, report('complaint', '2026-06-11T08:00:00.000Z'), RECORDED_AT)?.status,
    ).toBe('complained');
  });
});
