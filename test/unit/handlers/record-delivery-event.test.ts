import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeliveryReport } from '../../../functions/domain/notices/delivery-report.js';

const recordDeliveryReport = vi.fn();
vi.mock('../../../functions/services/delivery-events.js', () => ({ recordDeliveryReport }));
const { handler } = await import('../../../functions/handlers/record-delivery-event.js');

/** An SES email event as EventBridge delivers it from a configuration set (message content included). */
function sesEvent(
  detailType: string,
  eventType: string,
  specific: Record<string, unknown>,
  envelope: Record<string, unknown> = {},
) {
  return {
    version: '0',
    id: 'a1b2c3d4-0000-4000-8000-000000000001',
    'detail-type': detailType,
    source: 'aws.ses',
    account: '123456789012',
    time: '2026-06-10T16:00:09Z',
    region: 'us-west-2',
    resources: [],
    detail: {
      eventType,
      mail: {
        timestamp: '2026-06-10T16:00:00.123Z',
        source: 'audit-notices@example.gov',
        sendingAccountId: '123456789012',
        messageId: '0100018f-msg-000000',
        destination: ['tac@agency.ca.gov', 'alt@agency.ca.gov'],
        headersTruncated: false,
        headers: [{ name: 'Subject', value: 'Reminder: the secret subject' }],
        commonHeaders: { subject: 'Reminder: the secret subject', to: ['tac@agency.ca.gov'] },
        tags: { 'ses:configuration-set': ['clets-audit-test-notices'], auditId: ['aud_x'] },
      },
      ...specific,
    },
    ...envelope,
  };
}

const delivered = () =>
  sesEvent('Email Delivered', 'Delivery', {
    delivery: {
      timestamp: '2026-06-10T16:00:02.500Z',
      processingTimeMillis: 2377,
      recipients: ['tac@agency.ca.gov'],
      smtpResponse: '250 2.0.0 OK',
      reportingMTA: 'a8-1.smtp-out.amazonses.com',
    },
  });

const bounced = (bounceType = 'Permanent', feedbackId = 'feedback-1') =>
  sesEvent('Email Bounced', 'Bounce', {
    bounce: {
      bounceType,
      bounceSubType: bounceType === 'Permanent' ? 'General' : 'MailboxFull',
      bouncedRecipients: [
        {
          emailAddress: 'tac@agency.ca.gov',
          action: 'failed',
          status: '5.1.1',
          diagnosticCode: 'smtp; 550 5.1.1 user unknown',
        },
      ],
      timestamp: '2026-06-10T16:00:03.000Z',
      feedbackId,
      reportingMTA: 'dsn; a8-1.smtp-out.amazonses.com',
    },
  });

const reportOf = () => recordDeliveryReport.mock.calls[0]?.[0] as DeliveryReport;

describe('Handler: record-delivery-event', () => {
  beforeEach(() => {
    recordDeliveryReport.mockReset();
    recordDeliveryReport.mockResolvedValue({ outcome: 'recorded', notificationId: 'ntf_x', status: 'sent' });
  });

  it('hands a delivery to the service with its time, recipients and the server answer', async () => {
    // Act
    const result = await handler(delivered());
    // Assess
    expect(reportOf()).toEqual({
      kind: 'delivery',
      key: expect.stringMatching(/^delivery-[0-9a-f]{32}$/),
      messageId: '0100018f-msg-000000',
      at: '2026-06-10T16:00:02.500Z',
      recipients: ['tac@agency.ca.gov'],
      detail: 'Delivered to the receiving mail server (250 2.0.0 OK)',
    });
    expect(result).toEqual({ outcome: 'recorded', notificationId: 'ntf_x', status: 'sent' });
  });

  it.each([
    ['Permanent', 'Permanent bounce (General): tac@agency.ca.gov 5.1.1 smtp; 550 5.1.1 user unknown'],
    ['Transient', 'Transient bounce (MailboxFull): tac@agency.ca.gov 5.1.1 smtp; 550 5.1.1 user unknown'],
  ])('hands a %s bounce with its type, the bounced recipient and the diagnostic', async (type, detail) => {
    await handler(bounced(type));
    expect(reportOf()).toMatchObject({
      kind: 'bounce',
      bounceType: type,
      at: '2026-06-10T16:00:03.000Z',
      recipients: ['tac@agency.ca.gov'],
      detail,
    });
  });

  it.each([
    [
      'a complaint',
      sesEvent('Email Complaint Received', 'Complaint', {
        complaint: {
          feedbackId: 'complaint-1',
          complaintSubType: null,
          complainedRecipients: [{ emailAddress: 'tac@agency.ca.gov' }],
          timestamp: '2026-06-11T08:00:00.000Z',
          userAgent: 'Yahoo!-Mail-Feedback/2.0',
          complaintFeedbackType: 'abuse',
          arrivalDate: '2026-06-11T07:59:00.000Z',
        },
      }),
      {
        kind: 'complaint',
        at: '2026-06-11T08:00:00.000Z',
        recipients: ['tac@agency.ca.gov'],
        detail: 'The recipient reported the message as unwanted (abuse)',
      },
    ],
    [
      'a send',
      sesEvent('Email Sent', 'Send', { send: {} }),
      {
        kind: 'send',
        at: '2026-06-10T16:00:00.123Z',
        recipients: ['tac@agency.ca.gov', 'alt@agency.ca.gov'],
        detail: 'SES accepted the message for delivery',
      },
    ],
    [
      'a rejection',
      sesEvent('Email Rejected', 'Reject', { reject: { reason: 'Bad content' } }),
      {
        kind: 'reject',
        at: '2026-06-10T16:00:00.123Z',
        detail: 'SES refused to send the message: Bad content',
      },
    ],
    [
      'a delivery delay',
      sesEvent('Email Delivery Delayed', 'DeliveryDelay', {
        deliveryDelay: {
          timestamp: '2026-06-10T17:00:00.000Z',
          delayType: 'MailboxFull',
          expirationTime: '2026-06-11T16:00:00.000Z',
          delayedRecipients: [
            { emailAddress: 'alt@agency.ca.gov', status: '4.2.2', diagnosticCode: 'smtp; 452 mailbox full' },
          ],
        },
      }),
      {
        kind: 'delivery-delay',
        at: '2026-06-10T17:00:00.000Z',
        recipients: ['alt@agency.ca.gov'],
        detail:
          'Delivery delayed (MailboxFull); SES keeps trying until 2026-06-11T16:00:00.000Z: alt@agency.ca.gov 4.2.2 smtp; 452 mailbox full',
      },
    ],
    [
      'a rendering failure',
      sesEvent('Email Rendering Failed', 'Rendering Failure', {
        failure: {
          templateName: 'clets-audit-test-reminder',
          errorMessage: "Attribute 'dueDate' is not present in the rendering data.",
        },
      }),
      {
        kind: 'rendering-failure',
        detail:
          "The template clets-audit-test-reminder could not be rendered: Attribute 'dueDate' is not present in the rendering data.",
      },
    ],
  ])('hands %s to the service', async (_what, event, expected) => {
    await handler(event);
    expect(reportOf()).toMatchObject({ messageId: '0100018f-msg-000000', ...expected });
  });

  it('never passes on message content: no subject, no headers', async () => {
    for (const event of [delivered(), bounced(), sesEvent('Email Sent', 'Send', { send: {} })]) {
      await handler(event);
    }
    for (const [report] of recordDeliveryReport.mock.calls) {
      expect(JSON.stringify(report)).not.toContain('secret subject');
    }
  });

  it('gives a redelivered SES event the same key, even under another EventBridge id, and another event another', async () => {
    // Act
    await handler(bounced());
    await handler({ ...bounced(), id: 'a1b2c3d4-0000-4000-8000-000000000002', time: '2026-06-10T16:05:00Z' });
    await handler(bounced('Permanent', 'feedback-2'));
    await handler(delivered());
    // Assess
    const keys = recordDeliveryReport.mock.calls.map(([report]) => (report as DeliveryReport).key);
    expect(keys[1]).toBe(keys[0]);
    expect(new Set(keys).size).toBe(3);
  });

  it('logs an event for a message this stage did not send by message id only, and succeeds', async () => {
    // Prepare
    recordDeliveryReport.mockResolvedValue({ outcome: 'unknown-message', messageId: '0100018f-msg-000000' });
    const info = vi.spyOn(console, 'info').mockImplementation(() => undefined);
    // Act
    const result = await handler(bounced());
    // Assess
    expect(result).toEqual({ outcome: 'unknown-message', messageId: '0100018f-msg-000000' });
    expect(info).toHaveBeenCalledTimes(1);
    const logged = String(info.mock.calls[0]?.[0]);
    expect(JSON.parse(logged)).toMatchObject({ sesMessageId: '0100018f-msg-000000', sesEvent: 'bounce' });
    expect(logged).not.toContain('@agency.ca.gov');
    info.mockRestore();
  });

  type Detail = Record<string, Record<string, unknown>>;
  const withoutField = (event: ReturnType<typeof bounced>, change: (detail: Detail) => void) => {
    const copy = structuredClone(event);
    change(copy.detail as unknown as Detail);
    return copy;
  };

  it.each([
    ['an event of another source', { ...delivered(), source: 'aws.s3' }, 'source'],
    ['an event type not recorded', { ...delivered(), 'detail-type': 'Email Opened' }, 'detail-type'],
    ['an event without detail', { source: 'aws.ses', 'detail-type': 'Email Bounced', time: 'x' }, 'detail'],
    [
      'a bounce whose detail says it is a delivery',
      { ...bounced(), detail: { ...bounced().detail, eventType: 'Delivery' } },
      "detail.eventType: must be 'Bounce'",
    ],
    [
      'a bounce without its type',
      withoutField(bounced(), (detail) => {
        delete detail.bounce?.bounceType;
      }),
      'detail.bounce.bounceType',
    ],
    [
      'a bounce without bounced recipients',
      withoutField(bounced(), (detail) => {
        (detail.bounce as Record<string, unknown>).bouncedRecipients = [];
      }),
      'detail.bounce.bouncedRecipients',
    ],
    [
      'a delivery without its time',
      withoutField(delivered(), (detail) => {
        delete detail.delivery?.timestamp;
      }),
      'detail.delivery.timestamp',
    ],
    [
      'an event without a message id',
      withoutField(delivered(), (detail) => {
        delete detail.mail?.messageId;
      }),
      'detail.mail.messageId',
    ],
  ])(
    'rejects %s with InvalidSesEventError naming the field, recording nothing',
    async (_what, event, field) => {
      const attempt = handler(event);
      await expect(attempt).rejects.toMatchObject({ name: 'InvalidSesEventError' });
      await expect(attempt).rejects.toThrow(field);
      expect(recordDeliveryReport).not.toHaveBeenCalled();
    },
  );
});
