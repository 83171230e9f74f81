import * as z from 'zod';
import {
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
  'digest',
  'finding',
  'remediation',
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** SES outcomes: sent when SES accepts the message, then delivered, bounced or complained per its events. */
export const DELIVERY_STATUSES = ['queued', 'sent', 'delivered', 'bounced', 'complained', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
export const DeliveryStatusSchema = enumField('delivery status', DELIVERY_STATUSES);

export const DeliveryEventSchema = z.object({
  status: DeliveryStatusSchema,
  at: IsoDateTimeSchema,
  detail: z.string().max(2000).optional(),
});

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
  recipients: z
    .array(
      z.object({
        role: NoticeRecipientSchema,
        email: z.email({ error: unlessMissing('must be an email address') }),
      }),
    )
    .min(1, 'at least one recipient is required'),
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
