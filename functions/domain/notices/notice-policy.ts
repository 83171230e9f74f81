import * as z from 'zod';
import { enumField, NOTICE_RECIPIENTS } from '../schemas/common.js';

/** 'responsible' stands for the obligation's responsible role (tac, laso or agency-head) at build time. */
export const NOTICE_AUDIENCES = ['responsible', ...NOTICE_RECIPIENTS] as const;
export type NoticeAudience = (typeof NOTICE_AUDIENCES)[number];
const AudienceSchema = enumField('recipient', NOTICE_AUDIENCES);
const AudienceListSchema = z.array(AudienceSchema).min(1, 'name at least one recipient');
/**
 * Reminders, due-day and overdue notices ask the agency to act, so they go to agency contacts only;
 * administrators hear of an audit through the overdue-audit notice and the escalation ladder.
 */
const AgencyAudienceListSchema = AudienceListSchema.refine(
  (audiences) => !audiences.includes('administrator'),
  'administrators are told through overdueAuditNotice and escalations; list agency roles only',
);

const DayCountSchema = z.number().int('must be a whole number of days').min(1, 'must be at least 1').max(365);

/**
 * When and to whom notices go for one due date. Defaults follow the escalation ladder sketched in
 * shared/domain/anchor-systems.md (owner before the date, agency head a few days after, state
 * administrators after that); a deployment can replace any part.
 */
export const NoticePolicySchema = z.object({
  /** Days before the due date to send a reminder; duplicates are ignored and order does not matter. */
  remindersBeforeDays: z.array(DayCountSchema).default([30, 14, 7, 1]),
  reminderRecipients: AgencyAudienceListSchema.default(['responsible']),
  onDueDate: z.boolean().default(true),
  dueRecipients: AgencyAudienceListSchema.default(['responsible', 'alternate']),
  overdue: z
    .object({
      firstAfterDays: DayCountSchema.default(1),
      everyDays: DayCountSchema.default(7),
      /** Overdue notices stop after this many; escalations carry on. 0 turns overdue notices off. */
      maxNotices: z.number().int().min(0).max(104).default(12),
      recipients: AgencyAudienceListSchema.default(['responsible', 'alternate']),
    })
    .prefault({}),
  /**
   * Tell the administrators, once, that the audit passed its due date without complete evidence: on the day
   * of the first overdue notice (overdue.firstAfterDays), whether or not overdue notices are on.
   */
  overdueAuditNotice: z.boolean().default(true),
  escalations: z.array(z.object({ afterDays: DayCountSchema, recipients: AudienceListSchema })).default([
    { afterDays: 3, recipients: ['responsible', 'agency-head'] },
    { afterDays: 10, recipients: ['agency-head', 'administrator'] },
  ]),
  /** Local wall-clock time notices go out, HH:MM in the enrollment's zone. */
  sendAtLocalTime: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a 24-hour time HH:MM such as 09:00')
    .default('09:00'),
});
export type NoticePolicy = z.output<typeof NoticePolicySchema>;
export type NoticePolicyInput = z.input<typeof NoticePolicySchema>;

export const DEFAULT_NOTICE_POLICY: NoticePolicy = NoticePolicySchema.parse({});
