import { createHash } from 'node:crypto';
import * as z from 'zod/mini';
import type { DeliveryReport } from '../domain/notices/delivery-report.js';
import {
  SES_DETAIL_TYPES,
  SES_RECORDED_DETAIL_TYPES,
  type SesDetailType,
} from '../shared/ses-email-event-types.js';

/*
 * SES email sending events as EventBridge delivers them from a configuration set's event destination:
 * `source` aws.ses, a `detail-type` per event ("Email Delivered", …) and, in `detail`, the same record SES
 * publishes to SNS or Firehose (eventType, mail, and one object named after the event). Only what a notice
 * keeps is read: never the headers or subject in `mail`, which are message content.
 */

export class InvalidSesEventError extends Error {
  override readonly name = 'InvalidSesEventError';
}

// zod/mini carries no message catalogue: each field says what it expects, so the error names field and fix.
const text = () =>
  z.string({ error: 'is required: a non-empty string' }).check(z.minLength(1, 'must not be empty'));
/** SES writes UTC with milliseconds ("2026-06-10T16:00:01.123Z"); an offset is accepted and normalised. */
const instant = () =>
  z.iso.datetime({ offset: true, error: 'is required: an ISO-8601 time such as 2026-06-10T16:00:01.123Z' });
const address = () =>
  z.string({ error: 'is required: an email address' }).check(z.minLength(3, 'must be an email address'));
const recipients = <T extends z.ZodMiniType>(item: T) =>
  z
    .array(item, { error: 'is required: a list of recipients' })
    .check(z.minLength(1, 'must name a recipient'));
const object = <S extends Record<string, z.ZodMiniType>>(shape: S) =>
  z.object(shape, { error: 'is required: an object' });

const Envelope = z.object({
  source: z.literal('aws.ses', { error: "must be 'aws.ses': only SES email events are recorded" }),
  'detail-type': z.enum(SES_RECORDED_DETAIL_TYPES, {
    error: `must be one of: ${SES_RECORDED_DETAIL_TYPES.join(', ')}`,
  }),
  time: instant(),
  // Loose: the event's own object (bounce, delivery, …) is kept for the reader of its detail type.
  detail: z.looseObject(
    {
      eventType: text(),
      mail: object({
        messageId: text(),
        timestamp: z.optional(instant()),
        destination: z.array(address(), { error: 'is required: a list of email addresses' }),
      }),
    },
    { error: 'is required: the SES event record' },
  ),
});

const Recipient = object({
  emailAddress: address(),
  status: z.optional(z.string()),
  diagnosticCode: z.optional(z.string()),
});

type Mail = { messageId: string; timestamp?: string | undefined; destination: string[] };
type Report = Omit<DeliveryReport, 'kind' | 'messageId'>;
type Issue = { path: readonly PropertyKey[]; message: string };

const describe = (issues: readonly Issue[], prefix: readonly PropertyKey[] = []) =>
  issues.map((issue) => `${[...prefix, ...issue.path].map(String).join('.') || '(event)'}: ${issue.message}`);

const keyOf = (...parts: string[]) =>
  createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 32);
const utc = (value: string) => new Date(value).toISOString();
const recipientLine = (recipient: z.infer<typeof Recipient>) =>
  [recipient.emailAddress, recipient.status, recipient.diagnosticCode].filter(Boolean).join(' ');

/** Parses the event's own object (detail.bounce, detail.delivery, …), naming the field when it is wrong. */
function readDetail<S extends z.ZodMiniType>(schema: S, detail: unknown, detailType: string): z.infer<S> {
  const parsed = schema.safeParse(detail);
  if (!parsed.success) {
    throw new InvalidSesEventError(
      `Not a valid '${detailType}' event: ${describe(parsed.error.issues, ['detail']).join('; ')}`,
    );
  }
  return parsed.data as z.infer<S>;
}

const DeliveryObject = z.object({
  delivery: object({
    timestamp: instant(),
    recipients: recipients(address()),
    smtpResponse: z.optional(z.string()),
  }),
});
const BounceObject = z.object({
  bounce: object({
    bounceType: z.enum(['Permanent', 'Transient', 'Undetermined'], {
      error: 'must be Permanent, Transient or Undetermined',
    }),
    bounceSubType: z.optional(z.string()),
    bouncedRecipients: recipients(Recipient),
    timestamp: instant(),
    feedbackId: text(),
  }),
});
const ComplaintObject = z.object({
  complaint: object({
    complainedRecipients: recipients(object({ emailAddress: address() })),
    timestamp: instant(),
    feedbackId: text(),
    complaintFeedbackType: z.optional(z.string()),
  }),
});
const RejectObject = z.object({ reject: object({ reason: text() }) });
const DelayObject = z.object({
  deliveryDelay: object({
    timestamp: instant(),
    delayType: text(),
    expirationTime: z.optional(instant()),
    delayedRecipients: recipients(Recipient),
  }),
});
const FailureObject = z.object({
  failure: object({ templateName: z.optional(z.string()), errorMessage: text() }),
});

/**
 * How each event becomes a report. The key is built from what identifies the SES event (its feedback id, or
 * the message, time and recipients), so a redelivery, even under another EventBridge id, has the same key.
 * Send, Reject and Rendering Failure happen once per message and carry no time of their own: they take the
 * message's.
 */
const READERS: { [T in SesDetailType]: (detail: unknown, mail: Mail, sentAt: string) => Report } = {
  'Email Sent': (_detail, mail, sentAt) => ({
    key: keyOf('send', mail.messageId),
    at: sentAt,
    recipients: mail.destination,
    detail: 'SES accepted the message for delivery',
  }),
  'Email Delivered': (detail, mail) => {
    const { delivery } = readDetail(DeliveryObject, detail, 'Email Delivered');
    return {
      key: keyOf('delivery', mail.messageId, delivery.timestamp, ...delivery.recipients),
      at: utc(delivery.timestamp),
      recipients: delivery.recipients,
      detail: `Delivered to the receiving mail server${delivery.smtpResponse ? ` (${delivery.smtpResponse})` : ''}`,
    };
  },
  'Email Bounced': (detail, mail) => {
    const { bounce } = readDetail(BounceObject, detail, 'Email Bounced');
    const subType = bounce.bounceSubType ? ` (${bounce.bounceSubType})` : '';
    return {
      key: keyOf('bounce', mail.messageId, bounce.feedbackId),
      at: utc(bounce.timestamp),
      recipients: bounce.bouncedRecipients.map((recipient) => recipient.emailAddress),
      bounceType: bounce.bounceType,
      detail: `${bounce.bounceType} bounce${subType}: ${bounce.bouncedRecipients.map(recipientLine).join('; ')}`,
    };
  },
  'Email Complaint Received': (detail, mail) => {
    const { complaint } = readDetail(ComplaintObject, detail, 'Email Complaint Received');
    const type = complaint.complaintFeedbackType ? ` (${complaint.complaintFeedbackType})` : '';
    return {
      key: keyOf('complaint', mail.messageId, complaint.feedbackId),
      at: utc(complaint.timestamp),
      recipients: complaint.complainedRecipients.map((recipient) => recipient.emailAddress),
      detail: `The recipient reported the message as unwanted${type}`,
    };
  },
  'Email Rejected': (detail, mail, sentAt) => {
    const { reject } = readDetail(RejectObject, detail, 'Email Rejected');
    return {
      key: keyOf('reject', mail.messageId),
      at: sentAt,
      recipients: mail.destination,
      detail: `SES refused to send the message: ${reject.reason}`,
    };
  },
  'Email Delivery Delayed': (detail, mail) => {
    const { deliveryDelay: delay } = readDetail(DelayObject, detail, 'Email Delivery Delayed');
    const recipients = delay.delayedRecipients.map((recipient) => recipient.emailAddress);
    const until = delay.expirationTime ? `; SES keeps trying until ${utc(delay.expirationTime)}` : '';
    return {
      key: keyOf('delivery-delay', mail.messageId, delay.timestamp, ...recipients),
      at: utc(delay.timestamp),
      recipients,
      detail: `Delivery delayed (${delay.delayType})${until}: ${delay.delayedRecipients.map(recipientLine).join('; ')}`,
    };
  },
  'Email Rendering Failed': (detail, mail, sentAt) => {
    const { failure } = readDetail(FailureObject, detail, 'Email Rendering Failed');
    return {
      key: keyOf('rendering-failure', mail.messageId),
      at: sentAt,
      recipients: mail.destination,
      detail: `The template${failure.templateName ? ` ${failure.templateName}` : ''} could not be rendered: ${failure.errorMessage}`,
    };
  },
};

/**
 * Parses an SES email event from EventBridge into the report a notice records. A malformed event throws
 * InvalidSesEventError naming each field that is wrong.
 */
export function parseSesEmailEvent(event: unknown): DeliveryReport {
  const envelope = Envelope.safeParse(event);
  if (!envelope.success) {
    throw new InvalidSesEventError(
      `Not an SES email event from a configuration set: ${describe(envelope.error.issues).join('; ')}`,
    );
  }
  const detailType = envelope.data['detail-type'];
  const { eventType, kind } = SES_DETAIL_TYPES[detailType];
  const { detail, time } = envelope.data;
  if (detail.eventType !== eventType) {
    throw new InvalidSesEventError(
      `detail.eventType: must be '${eventType}' for an '${detailType}' event (found '${detail.eventType}')`,
    );
  }
  const sentAt = utc(detail.mail.timestamp ?? time);
  const report = READERS[detailType](detail, detail.mail, sentAt);
  return { kind, messageId: detail.mail.messageId, ...report, key: `${kind}-${report.key}` };
}
