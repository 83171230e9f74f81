import * as z from 'zod';
import {
  AgencyNameSnapshotSchema,
  EntityIdSchema,
  enumField,
  IsoDateSchema,
  IsoDateTimeSchema,
  OriSchema,
  ReasonSchema,
  ResponsibleRoleSchema,
  SlugSchema,
  TimeZoneSchema,
  VersionSchema,
} from './common.js';

export const AUDIT_STATUSES = [
  'scheduled',
  'open',
  'collecting',
  'in-review',
  'remediation',
  'closed',
  'cancelled',
  'failed',
] as const;
export type AuditStatus = (typeof AUDIT_STATUSES)[number];
export const AuditStatusSchema = enumField('audit status', AUDIT_STATUSES);

/** One occurrence of a program for one agency: the unit that collects evidence and is closed out. */
export const AuditSchema = z.object({
  auditId: EntityIdSchema,
  ori: OriSchema,
  /** The agency's name when the audit was scheduled, for reports that list many audits (the daily digest). */
  agencyName: AgencyNameSnapshotSchema.optional(),
  programId: SlugSchema,
  enrollmentId: EntityIdSchema.optional(),
  periodKey: z.string().min(4),
  catalogVersion: z.string().min(1),
  status: AuditStatusSchema,
  /** The date the cadence produced, before moving off weekends and holidays. */
  nominalDate: IsoDateSchema,
  /** The business day the agency must meet, local to `timeZone`. */
  dueDate: IsoDateSchema,
  /** The last millisecond of `dueDate` in `timeZone`. */
  dueAt: IsoDateTimeSchema,
  opensAt: IsoDateTimeSchema,
  timeZone: TimeZoneSchema,
  responsibleRole: ResponsibleRoleSchema,
  createdAt: IsoDateTimeSchema,
  updatedAt: IsoDateTimeSchema,
  openedAt: IsoDateTimeSchema.optional(),
  reviewStartedAt: IsoDateTimeSchema.optional(),
  closedAt: IsoDateTimeSchema.optional(),
  /** Why an administrator closed the audit before every remediation task was closed. */
  closeReason: ReasonSchema.optional(),
  /** The same program's previous audit for this agency, which this one rolled over from. */
  previousAuditId: EntityIdSchema.optional(),
  cancelledAt: IsoDateTimeSchema.optional(),
  cancelReason: ReasonSchema.optional(),
  /** Set when the audit's workflow failed past its retries; operators are alerted. */
  failedAt: IsoDateTimeSchema.optional(),
  failure: z.object({ error: z.string().max(256), cause: z.string().max(2000) }).optional(),
  /** The callback task the workflow waits on in this phase (evidence, then review); absent when not waiting. */
  waitingTaskToken: z.string().max(4096).optional(),
  /** Every notice of the schedule at or before this instant has been handled. */
  noticesHandledThrough: IsoDateTimeSchema.optional(),
  /** Remediation tasks' notices at or before this instant have been handled. */
  remediationNoticesHandledThrough: IsoDateTimeSchema.optional(),
  /**
   * The lifecycle execution now running the audit and when it started (by the workflow's clock): remediation
   * that would outlast the execution's time limit continues in a follow-up execution.
   */
  execution: z.object({ name: z.string().min(1).max(80), startedAt: IsoDateTimeSchema }).optional(),
  version: VersionSchema,
});
export type Audit = z.infer<typeof AuditSchema>;
