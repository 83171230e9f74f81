import * as z from 'zod';
import {
  ActorSchema,
  AgencyNameSnapshotSchema,
  EntityIdSchema,
  enumField,
  IsoDateSchema,
  IsoDateTimeSchema,
  OriSchema,
  ReasonSchema,
  ResponsibleRoleSchema,
  SlugSchema,
  VersionSchema,
} from './common.js';

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const SeveritySchema = enumField('severity', SEVERITIES);

export const FINDING_STATUSES = ['open', 'remediation', 'verified', 'closed', 'withdrawn'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];
export const FindingStatusSchema = enumField('finding status', FINDING_STATUSES);

/** A gap a reviewer recorded during an audit. */
export const FindingSchema = z.object({
  findingId: EntityIdSchema,
  auditId: EntityIdSchema,
  ori: OriSchema,
  /** The evidence requirement the finding is about, when it is about one. */
  requirementId: SlugSchema.optional(),
  severity: SeveritySchema,
  title: z.string().trim().min(1, 'title is required').max(200),
  description: z.string().trim().min(1, 'description is required').max(10_000),
  status: FindingStatusSchema,
  /** Remediation deadline from the severity policy, as a local business day. */
  dueDate: IsoDateSchema,
  raisedAt: IsoDateTimeSchema,
  raisedBy: ActorSchema,
  updatedAt: IsoDateTimeSchema,
  verifiedAt: IsoDateTimeSchema.optional(),
  closedAt: IsoDateTimeSchema.optional(),
  withdrawnReason: ReasonSchema.optional(),
  /**
   * A repeat finding: the same requirement had a finding in the program's previous audit for this agency
   * (that finding's id and audit). Auditors weigh repeat findings more heavily.
   */
  repeatOf: z.object({ findingId: EntityIdSchema, auditId: EntityIdSchema }).optional(),
  version: VersionSchema,
});
export type Finding = z.infer<typeof FindingSchema>;

export const REMEDIATION_TASK_STATUSES = [
  'awaiting-plan',
  'plan-submitted',
  'revision-requested',
  'plan-accepted',
  'verified',
  'closed',
  'cancelled',
] as const;
export type RemediationTaskStatus = (typeof REMEDIATION_TASK_STATUSES)[number];
export const RemediationTaskStatusSchema = enumField('remediation task status', REMEDIATION_TASK_STATUSES);

/** The agency's corrective action plan (CAP) for a finding. */
export const CorrectiveActionPlanSchema = z.object({
  summary: z.string().trim().min(1, 'summary is required').max(10_000),
  steps: z.array(z.string().trim().min(1).max(2000)).default([]),
  targetDate: IsoDateSchema,
  submittedAt: IsoDateTimeSchema,
  submittedBy: ActorSchema,
});
export type CorrectiveActionPlan = z.output<typeof CorrectiveActionPlanSchema>;

export const RevisionRequestSchema = z.object({
  reason: ReasonSchema,
  at: IsoDateTimeSchema,
  by: ActorSchema,
});

export const RemediationTaskSchema = z.object({
  taskId: EntityIdSchema,
  findingId: EntityIdSchema,
  auditId: EntityIdSchema,
  ori: OriSchema,
  /** The agency's name when the task was created, for reports that list many tasks (the daily digest). */
  agencyName: AgencyNameSnapshotSchema.optional(),
  ownerRole: ResponsibleRoleSchema,
  dueDate: IsoDateSchema,
  status: RemediationTaskStatusSchema,
  plan: CorrectiveActionPlanSchema.optional(),
  revisionRequests: z.array(RevisionRequestSchema).default([]),
  verificationEvidenceIds: z.array(EntityIdSchema).default([]),
  createdAt: IsoDateTimeSchema,
  updatedAt: IsoDateTimeSchema,
  verifiedAt: IsoDateTimeSchema.optional(),
  closedAt: IsoDateTimeSchema.optional(),
  cancelReason: ReasonSchema.optional(),
  version: VersionSchema,
});
export type RemediationTask = z.output<typeof RemediationTaskSchema>;
