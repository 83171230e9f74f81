import * as z from 'zod';

/*
 * What the CLI reads from each answer, no more. Objects are loose, so a newer API that adds fields still works
 * and --json prints every field the API sent. The API's own schemas stay the contract; these only say which
 * parts the tables and lines show.
 */

export const ContactAnswer = z.looseObject({
  role: z.string(),
  name: z.string(),
  email: z.string(),
  /** Set when SES reported a hard bounce for the address: the role's notices go to a stand-in. */
  bouncedAt: z.string().optional(),
});

export const AgencyAnswer = z.looseObject({
  ori: z.string(),
  name: z.string(),
  county: z.string(),
  agencyType: z.string(),
  cletsConnection: z.string().optional(),
  contacts: z.array(ContactAnswer),
  version: z.number().optional(),
  createdAt: z.string().optional(),
  updatedAt: z.string().optional(),
});
export type AgencyAnswer = z.output<typeof AgencyAnswer>;

export const pageAnswer = <T extends z.ZodType>(item: T) =>
  z.looseObject({ items: z.array(item), nextCursor: z.string().optional() });

export const EnrollmentCreatedAnswer = z.looseObject({
  enrollment: z.looseObject({
    ori: z.string(),
    programId: z.string(),
    anchorDate: z.string(),
    timeZone: z.string(),
    status: z.string(),
  }),
  planning: z.looseObject({ planned: z.number(), created: z.number() }),
});
export type EnrollmentCreatedAnswer = z.output<typeof EnrollmentCreatedAnswer>;

export const ScheduleRunAnswer = z.looseObject({ executionName: z.string() });

export const AuditAnswer = z.looseObject({
  auditId: z.string(),
  ori: z.string(),
  programId: z.string(),
  status: z.string(),
  dueDate: z.string(),
  dueAt: z.string(),
  timeZone: z.string().optional(),
  responsibleRole: z.string().optional(),
  opensAt: z.string().optional(),
  openedAt: z.string().optional(),
  closedAt: z.string().optional(),
  /** Why an administrator closed the audit before every remediation task was closed. */
  closeReason: z.string().optional(),
  cancelledAt: z.string().optional(),
  cancelReason: z.string().optional(),
  failedAt: z.string().optional(),
});
export type AuditAnswer = z.output<typeof AuditAnswer>;

const WithStatus = z.looseObject({ status: z.string().optional() });

export const AuditDetailAnswer = z.looseObject({
  audit: AuditAnswer,
  requests: z.array(WithStatus),
  evidence: z.array(WithStatus),
  findings: z.array(WithStatus),
  tasks: z.array(WithStatus),
  notices: z.array(WithStatus),
  trail: z.looseObject({ events: z.array(z.unknown()), nextCursor: z.string().optional() }),
  trailVerification: z.looseObject({
    valid: z.boolean(),
    count: z.number().optional(),
    sequence: z.number().optional(),
    problem: z.string().optional(),
    detail: z.string().optional(),
  }),
});
export type AuditDetailAnswer = z.output<typeof AuditDetailAnswer>;

// Notices (proof of notice)

export const DeliveryEventAnswer = z.looseObject({
  status: z.string(),
  at: z.string(),
  detail: z.string().optional(),
  sesEvent: z.string().optional(),
});

export const NoticeAnswer = z.looseObject({
  notificationId: z.string(),
  kind: z.string(),
  template: z.string().optional(),
  stepKey: z.string(),
  recipients: z.array(
    z.looseObject({ role: z.string(), email: z.string(), reroutedFrom: z.string().optional() }),
  ),
  subject: z.string().optional(),
  scheduledFor: z.string(),
  status: z.string(),
  sesMessageId: z.string().optional(),
  sentAt: z.string().optional(),
  deliveredAt: z.string().optional(),
  deliveryEvents: z.array(DeliveryEventAnswer).default([]),
});
export type NoticeAnswer = z.output<typeof NoticeAnswer>;

export const NoticeHistoryAnswer = z.looseObject({ auditId: z.string(), notices: z.array(NoticeAnswer) });
export type NoticeHistoryAnswer = z.output<typeof NoticeHistoryAnswer>;

// Evidence review

export const EvidenceAnswer = z.looseObject({
  evidenceId: z.string(),
  requestId: z.string().optional(),
  fileName: z.string(),
  sizeBytes: z.number().optional(),
  sha256: z.string(),
  receivedAt: z.string().optional(),
});
export type EvidenceAnswer = z.output<typeof EvidenceAnswer>;

export const EvidenceRequestAnswer = z.looseObject({
  requestId: z.string(),
  requirementId: z.string().optional(),
  status: z.string(),
  currentEvidenceId: z.string().optional(),
  submissionCount: z.number().optional(),
  flagReason: z.string().optional(),
});
export type EvidenceRequestAnswer = z.output<typeof EvidenceRequestAnswer>;

export const RequestEvidenceAnswer = z.looseObject({
  request: EvidenceRequestAnswer,
  evidence: z.array(EvidenceAnswer),
  rejections: z.array(z.unknown()).default([]),
});
export type RequestEvidenceAnswer = z.output<typeof RequestEvidenceAnswer>;

export const AuditEvidenceAnswer = z.looseObject({
  auditId: z.string(),
  status: z.string(),
  requests: z.array(RequestEvidenceAnswer),
});
export type AuditEvidenceAnswer = z.output<typeof AuditEvidenceAnswer>;

export const EvidenceDownloadAnswer = z.looseObject({
  evidenceId: z.string(),
  fileName: z.string(),
  contentType: z.string().optional(),
  sizeBytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be a lowercase hex SHA-256 digest'),
  url: z.url({ protocol: /^https?$/ }),
  expiresAt: z.string().optional(),
});
export type EvidenceDownloadAnswer = z.output<typeof EvidenceDownloadAnswer>;

export const ReportFileAnswer = z.looseObject({
  name: z.string(),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be a lowercase hex SHA-256 digest'),
  url: z.url({ protocol: /^https?$/ }),
  expiresAt: z.string().optional(),
});
export type ReportFileAnswer = z.output<typeof ReportFileAnswer>;

export const ReportDownloadsAnswer = z.looseObject({
  auditId: z.string(),
  prefix: z.string(),
  generatedAt: z.string(),
  files: z.array(ReportFileAnswer),
});
export type ReportDownloadsAnswer = z.output<typeof ReportDownloadsAnswer>;

export const ReviewOutcomeAnswer = z.looseObject({
  request: EvidenceRequestAnswer,
  reviewComplete: z.boolean(),
});
export type ReviewOutcomeAnswer = z.output<typeof ReviewOutcomeAnswer>;

// Findings

export const FindingAnswer = z.looseObject({
  findingId: z.string(),
  auditId: z.string(),
  requirementId: z.string().optional(),
  severity: z.string(),
  title: z.string(),
  description: z.string(),
  status: z.string(),
  dueDate: z.string(),
  raisedAt: z.string(),
  /** Set on a repeat finding: the same requirement had this finding in the program's previous audit. */
  repeatOf: z.looseObject({ findingId: z.string(), auditId: z.string() }).optional(),
});
export type FindingAnswer = z.output<typeof FindingAnswer>;

export const AuditFindingsAnswer = z.looseObject({
  auditId: z.string(),
  status: z.string(),
  findings: z.array(FindingAnswer),
});
export type AuditFindingsAnswer = z.output<typeof AuditFindingsAnswer>;

// Remediation tasks

const ActorAnswer = z.looseObject({ type: z.string().optional(), id: z.string().optional() });

export const CorrectiveActionPlanAnswer = z.looseObject({
  summary: z.string(),
  steps: z.array(z.string()).default([]),
  targetDate: z.string(),
  submittedAt: z.string().optional(),
  submittedBy: ActorAnswer.optional(),
});

export const RevisionRequestAnswer = z.looseObject({
  reason: z.string(),
  at: z.string(),
  by: ActorAnswer.optional(),
});
export type RevisionRequestAnswer = z.output<typeof RevisionRequestAnswer>;

export const RemediationTaskAnswer = z.looseObject({
  taskId: z.string(),
  findingId: z.string(),
  auditId: z.string(),
  ori: z.string().optional(),
  ownerRole: z.string(),
  dueDate: z.string(),
  status: z.string(),
  plan: CorrectiveActionPlanAnswer.optional(),
  revisionRequests: z.array(RevisionRequestAnswer).default([]),
  verificationEvidenceIds: z.array(z.string()).default([]),
  verifiedAt: z.string().optional(),
  closedAt: z.string().optional(),
  cancelReason: z.string().optional(),
});
export type RemediationTaskAnswer = z.output<typeof RemediationTaskAnswer>;

export const AuditTasksAnswer = z.looseObject({
  auditId: z.string(),
  status: z.string(),
  tasks: z.array(RemediationTaskAnswer),
});
export type AuditTasksAnswer = z.output<typeof AuditTasksAnswer>;

// Upload links

export const UploadLinkAnswer = z.looseObject({
  linkRef: z.string(),
  role: z.string(),
  reason: z.string().optional(),
  issuedAt: z.string(),
  expiresAt: z.string(),
  state: z.string(),
  failedAttempts: z.number().optional(),
  revokedAt: z.string().optional(),
  revokedReason: z.string().optional(),
  lockedAt: z.string().optional(),
});
export type UploadLinkAnswer = z.output<typeof UploadLinkAnswer>;

export const UploadLinkListAnswer = z.looseObject({ items: z.array(UploadLinkAnswer) });
export type UploadLinkListAnswer = z.output<typeof UploadLinkListAnswer>;

export const RevokedLinksAnswer = z.looseObject({ revoked: z.array(UploadLinkAnswer) });
export type RevokedLinksAnswer = z.output<typeof RevokedLinksAnswer>;

// Sandbox only (sandbox/clock-routes.ts, sandbox/outbox-routes.ts).

const TimerAnswer = z.looseObject({ at: z.string(), label: z.string() });

export const ClockAnswer = z.looseObject({
  now: z.string(),
  timeZone: z.string().optional(),
  /** `now` as a wall-clock time in `timeZone`, written out for people. */
  local: z.string().optional(),
  nextTimers: z.array(TimerAnswer).default([]),
});
export type ClockAnswer = z.output<typeof ClockAnswer>;

export const ClockAdvanceAnswer = z.looseObject({
  from: z.string(),
  to: z.string(),
  /** How many timers fired; `firedTimers` lists the first of them. */
  fired: z.number(),
  firedTimers: z.array(TimerAnswer).default([]),
});
export type ClockAdvanceAnswer = z.output<typeof ClockAdvanceAnswer>;

export const OutboxEntryAnswer = z.looseObject({
  id: z.string(),
  to: z.array(z.string()),
  subject: z.string(),
  sentAt: z.string(),
  href: z.string().optional(),
});
export type OutboxEntryAnswer = z.output<typeof OutboxEntryAnswer>;

export const OutboxAnswer = z.looseObject({ messages: z.array(OutboxEntryAnswer) });
export type OutboxAnswer = z.output<typeof OutboxAnswer>;

export const CalendarFeedAnswer = z.looseObject({
  ori: z.string(),
  active: z.boolean(),
  feedRef: z.string().optional(),
  issuedAt: z.string().optional(),
  revokedAt: z.string().optional(),
  revokedReason: z.string().optional(),
});
export type CalendarFeedAnswer = z.output<typeof CalendarFeedAnswer>;

export const IssuedCalendarFeedAnswer = CalendarFeedAnswer.extend({
  url: z.string(),
  replacedFeedRef: z.string().optional(),
});
export type IssuedCalendarFeedAnswer = z.output<typeof IssuedCalendarFeedAnswer>;

export const RevokedCalendarFeedAnswer = CalendarFeedAnswer.extend({ revoked: z.boolean() });
export type RevokedCalendarFeedAnswer = z.output<typeof RevokedCalendarFeedAnswer>;
