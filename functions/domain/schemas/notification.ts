import * as z from 'zod';
import {
  ContactRoleSchema,
  EntityIdSchema,
  enumField,
  IsoDateTimeSchema,
  NoticeRecipientSchema,
  OriSchema,
  unlessMissing,
  VersionSchema,
} from './common.js';

export const NOTICE_KINDS = [
  'upload-link',
  'evidence-receipt',
  'evidence-flagged',
  'upload-rejected',
  'reminder',
  'due',
  'overdue',
  'escalation',
  /** Tells the administrators, once per audit, that it passed its due date without complete evidence. */
  'overdue-audit',
  'digest',
  'finding',
  'remediation',
  /** Tells the administrators that an agency contact's address hard-bounced (proof of notice). */
  'bounce-alert',
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** SES outcomes: sent when SES accepts the message, then delivered, bounced or complained per its events. */
export const DELIVERY_STATUSES = ['queued', 'sent', 'delivered', 'bounced', 'complained', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
export const DeliveryStatusSchema = enumField('delivery status', DELIVERY_STATUSES);

/** The SES event kinds a notice records (EventBridge detail types "Email Sent", "Email Delivered", …). */
export const SES_EVENT_KINDS = [
  'send',
  'delivery',
  'bounce',
  'complaint',
  'reject',
  'delivery-delay',
  'rendering-failure',
] as const;
export type SesEventKind = (typeof SES_EVENT_KINDS)[number];

export const DeliveryEventSchema = z.object({
  /** The notice's status after this event (a delay or a send confirmation leaves it as it was). */
  status: DeliveryStatusSchema,
  at: IsoDateTimeSchema,
  detail: z.string().max(2000).optional(),
  /** Set for events reported by SES; absent for the sender's own records. */
  sesEvent: enumField('SES event', SES_EVENT_KINDS).optional(),
  /** Identifies the SES event, so a redelivered event is recognised and changes nothing. */
  sesEventKey: z.string().min(1).max(128).optional(),
  /** The recipients the event is about (a bounce or complaint may concern some of them only). */
  recipients: z.array(z.string()).optional(),
});
export type DeliveryEvent = z.output<typeof DeliveryEventSchema>;

/** One recipient of a notice: the role it was sent for, and, when that role's contacts bounced, whose stand-in. */
export const NoticeRecipientAddressSchema = z.object({
  role: NoticeRecipientSchema,
  email: z.email({ error: unlessMissing('must be an email address') }),
  reroutedFrom: ContactRoleSchema.optional().describe(
    "The role this address stands in for, because that role's contacts hard-bounced",
  ),
});
export type NoticeRecipientAddress = z.output<typeof NoticeRecipientAddressSchema>;

/** Proof that a notice was sent and what became of it. */
export const NotificationRecordSchema = z.object({
  notificationId: EntityIdSchema,
  /** The audit, request or task the notice is about. */
  subjectId: EntityIdSchema,
  auditId: EntityIdSchema.optional(),
  ori: OriSchema.optional(),
  kind: enumField('notice kind', NOTICE_KINDS),
  /** The notice-schedule step, e.g. reminder-7d or escalation-1; with subjectId it makes sends idempotent. */
  stepKey: z.string().min(1).max(64),
  recipients: z.array(NoticeRecipientAddressSchema).min(1, 'at least one recipient is required'),
  /** The email template it was sent with (functions/notices); absent on notices recorded before templates. */
  template: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,63}$/, 'must be a template name such as reminder')
    .optional(),
  /** The subject as rendered from the template. */
  subject: z.string().min(1).max(998),
  scheduledFor: IsoDateTimeSchema,
  status: DeliveryStatusSchema,
  sesMessageId: z.string().min(1).optional(),
  sentAt: IsoDateTimeSchema.optional(),
  deliveredAt: IsoDateTimeSchema.optional(),
  deliveryEvents: z.array(DeliveryEventSchema).default([]),
  createdAt: IsoDateTimeSchema,
  updatedAt: IsoDateTimeSchema,
  version: VersionSchema,
});
export type NotificationRecord = z.output<typeof NotificationRecordSchema>;
