/*
 * Public API of the compliance domain: pure functions and zod schemas, no AWS SDK, no environment, no
 * clock. Import from here rather than from individual files.
 */

export {
  addBusinessDays,
  type BusinessDayAdjustment,
  defaultHolidayCalendar,
  isBusinessDay,
  MAX_BUSINESS_DAY_SHIFT,
  type NonBusinessDay,
  nextBusinessDay,
  nonBusinessReason,
  rollForwardToBusinessDay,
} from './calendar/business-days.js';
export {
  createHolidayCalendar,
  HOLIDAY_OBSERVANCES,
  type Holiday,
  type HolidayCalendar,
  type HolidayCalendarPolicy,
  type HolidayCalendarPolicyInput,
  HolidayCalendarPolicySchema,
  type HolidayObservance,
  OPTIONAL_HOLIDAY_NAMES,
  SUPPORTED_HOLIDAY_YEARS,
} from './calendar/holidays.js';
export {
  addDays,
  addMonths,
  compareLocalDates,
  dayOfWeek,
  daysBetween,
  isLocalDate,
  isoWeekKey,
  type LocalDate,
  parseLocalDate,
} from './calendar/local-date.js';
export {
  occurrencesBetween,
  parseRecurrenceRule,
  periodKeyFor,
  RECURRENCE_FREQUENCIES,
  type RecurrenceFrequency,
  type RecurrenceRule,
  recurrenceRuleProblem,
} from './calendar/recurrence.js';
export {
  DEFAULT_TIME_ZONE,
  endOfLocalDay,
  isValidTimeZone,
  localDateAt,
  startOfLocalDay,
  toInstant,
  toIsoInstant,
  type WallTime,
  zonedWallTimeToInstant,
} from './calendar/time-zones.js';
export { CONTENT_TYPES, isAcceptedContentType } from './catalog/content-types.js';
export { OBLIGATIONS_CATALOG } from './catalog/obligations.js';
export {
  type AppliedOverride,
  findObligation,
  type OverrideLevel,
  type ResolvedObligation,
  type ResolveObligationOptions,
  resolveObligation,
} from './catalog/resolve-obligation.js';
export {
  type Cadence,
  CadenceSchema,
  type CjisPriority,
  CjisPrioritySchema,
  CONFIDENCE_LEVELS,
  type Confidence,
  ConfidenceSchema,
  type DeploymentOverrides,
  DeploymentOverridesSchema,
  EVENT_TRIGGERS,
  type EventDeadline,
  type EventTrigger,
  type EvidenceRequirement,
  EvidenceRequirementSchema,
  type Obligation,
  type ObligationOverride,
  ObligationOverrideSchema,
  ObligationSchema,
  type ObligationsCatalog,
  ObligationsCatalogSchema,
  RecurrenceRuleSchema,
  type Source,
} from './catalog/types.js';
export * from './errors.js';
export {
  auditId,
  enrollmentId,
  evidenceId,
  evidenceRequestId,
  findingId,
  notificationId,
  parseAuditId,
  remediationTaskId,
} from './ids.js';
export {
  AUDIT_LIFECYCLE,
  type AuditCommand,
  type ScheduledAudit,
  scheduleAudit,
  transitionAudit,
} from './lifecycle/audit.js';
export {
  applyReviewDecision,
  EVIDENCE_REQUEST_LIFECYCLE,
  type EvidenceRequestCommand,
  transitionEvidenceRequest,
} from './lifecycle/evidence-request.js';
export {
  FINDING_LIFECYCLE,
  type FindingCommand,
  type NewFinding,
  type RaiseFindingOptions,
  raiseFinding,
  transitionFinding,
} from './lifecycle/finding.js';
export {
  NOTIFICATION_LIFECYCLE,
  type NotificationCommand,
  transitionNotification,
} from './lifecycle/notification-delivery.js';
export {
  agencyOwes,
  findingSettledBy,
  findingsNeedingRemediation,
  followUpExecutionName,
  planRemediationWait,
  remediationComplete,
  taskInProgress,
  taskReference,
} from './lifecycle/remediation-phase.js';
export {
  openRemediationTask,
  type PlanInput,
  REMEDIATION_TASK_LIFECYCLE,
  type RemediationTaskCommand,
  transitionRemediationTask,
} from './lifecycle/remediation-task.js';
export {
  carriedForwardFrom,
  type PreviousAudit,
  repeatFindingOf,
  rollOverAudit,
} from './lifecycle/roll-over.js';
export {
  allowedActions,
  type Lifecycle,
  runTransition,
  type TransitionContext,
  type TransitionError,
  type TransitionResult,
  unwrapTransition,
} from './lifecycle/state-machine.js';
export {
  DEFAULT_NOTICE_POLICY,
  NOTICE_AUDIENCES,
  type NoticeAudience,
  type NoticePolicy,
  type NoticePolicyInput,
  NoticePolicySchema,
} from './notices/notice-policy.js';
export {
  buildNoticeSchedule,
  type NextNotice,
  type NoticeSchedule,
  type NoticeScheduleInput,
  type NoticeStep,
  type NoticeStepKind,
  nextNoticeAfter,
  noticesDueBetween,
  OVERDUE_AUDIT_STEP_KEY,
} from './notices/notice-schedule.js';
export { eventDeadlineDate } from './planning/event-deadline.js';
export { type DueOccurrence, type PlanOptions, planDueOccurrences } from './planning/plan-due-occurrences.js';
export {
  DEFAULT_SEVERITY_POLICY,
  remediationDueDate,
  type SeverityPolicy,
  type SeverityPolicyInput,
  SeverityPolicySchema,
} from './remediation/severity-policy.js';
export * from './schemas/agency.js';
export * from './schemas/audit.js';
export * from './schemas/common.js';
export * from './schemas/enrollment.js';
export * from './schemas/evidence.js';
export * from './schemas/finding.js';
export { formatZodIssues, parseOrThrow } from './schemas/format-issues.js';
export { DOMAIN_SCHEMAS, type DomainSchemaName, toJsonSchemas } from './schemas/json-schema.js';
export * from './schemas/notification.js';
export * from './schemas/trail-event.js';
export {
  appendTrailEvent,
  canonicalJson,
  GENESIS_HASH,
  hashTrailEvent,
  sha256Hex,
  type TrailVerification,
  trailEventId,
  verifyTrailChain,
} from './trail/hash-chain.js';
