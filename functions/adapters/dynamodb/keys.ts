/**
 * Every item key of the audit table, built in one place.
 *
 * Access patterns, each a GetItem or a Query (never a Scan):
 *
 * | Pattern                                        | Operation             | Key                                                  |
 * |------------------------------------------------|-----------------------|------------------------------------------------------|
 * | Agency by ORI                                  | GetItem               | AGENCY#<ori> / PROFILE                               |
 * | An agency's enrollments                        | Query                 | AGENCY#<ori> / begins_with ENROLLMENT#               |
 * | An agency's audits by due date                 | Query collection-index| AGENCY#<ori> / <dueAt>#<auditId>                     |
 * | A program's previous audit (roll-over)        | Query collection-index| AGENCY#<ori> / < <dueAt>, newest first, paged        |
 * | All agencies, by ORI                           | Query collection-index| AGENCIES / <ori>                                     |
 * | Active enrollments (the daily planner)         | Query collection ×8   | ENROLLMENTS#0..7 / <ori>#<programId>                 |
 * | Audits in one status                           | Query status-index    | AUDITS#<status> / <dueAt>#<auditId>                  |
 * | Flagged evidence requests, by due date         | Query status-index    | REQUESTS#flagged / <dueAt>#<auditId>#<requestId>     |
 * | One audit with requests, evidence, findings,   | Query                 | AUDIT#<auditId> (sk AUDIT, REQUEST#, EVIDENCE#,      |
 * |   tasks and notices                            |                       |   FINDING#, TASK#, NOTICE#)                          |
 * | All open work due before T                     | Query due-index ×8    | dueShard DUE#0..7, dueAt < T (parallel, merged)      |
 * | Upload token by its hash                       | GetItem               | TOKEN#<sha256> / TOKEN                               |
 * | An audit's upload links (no tokens, refs only) | Query                 | AUDIT#<auditId> / begins_with LINK#                  |
 * | An audit's refused uploads                     | Query                 | AUDIT#<auditId> / begins_with REJECTION#             |
 * | Calendar feed token by its hash                | GetItem               | CALENDAR#<sha256> / FEED                             |
 * | An agency's current calendar feed (its hash)   | GetItem               | AGENCY#<ori> / CALENDAR_FEED                         |
 * | Notification by SES message id                 | GetItem               | SESMSG#<messageId> / POINTER → the notice's key      |
 * | The scheduler's planning watermark             | GetItem               | SCHEDULER / WATERMARK                                |
 * | An audit's trail, in order                     | Query                 | TRAIL#<auditId> / EVENT#<10-digit sequence>          |
 */

export const keys = {
  agency: (ori: string) => ({ pk: `AGENCY#${ori}`, sk: 'PROFILE' }),
  enrollment: (ori: string, programId: string) => ({ pk: `AGENCY#${ori}`, sk: `ENROLLMENT#${programId}` }),
  audit: (auditId: string) => ({ pk: `AUDIT#${auditId}`, sk: 'AUDIT' }),
  evidenceRequest: (auditId: string, requestId: string) => ({
    pk: `AUDIT#${auditId}`,
    sk: `REQUEST#${requestId}`,
  }),
  evidence: (auditId: string, requestId: string, evidenceId: string) => ({
    pk: `AUDIT#${auditId}`,
    sk: `EVIDENCE#${requestId}#${evidenceId}`,
  }),
  finding: (auditId: string, findingId: string) => ({ pk: `AUDIT#${auditId}`, sk: `FINDING#${findingId}` }),
  remediationTask: (auditId: string, taskId: string) => ({ pk: `AUDIT#${auditId}`, sk: `TASK#${taskId}` }),
  notification: (auditId: string, notificationId: string) => ({
    pk: `AUDIT#${auditId}`,
    sk: `NOTICE#${notificationId}`,
  }),
  /** Notices about no audit (the administrators' digest) live in their own partition per day. */
  standaloneNotification: (day: string, notificationId: string) => ({
    pk: `NOTICES#${day}`,
    sk: `NOTICE#${notificationId}`,
  }),
  uploadLink: (auditId: string, linkRef: string) => ({ pk: `AUDIT#${auditId}`, sk: `LINK#${linkRef}` }),
  uploadRejection: (auditId: string, requestId: string, rejectionId: string) => ({
    pk: `AUDIT#${auditId}`,
    sk: `REJECTION#${requestId}#${rejectionId}`,
  }),
  calendarFeedToken: (tokenHash: string) => ({ pk: `CALENDAR#${tokenHash}`, sk: 'FEED' }),
  /** Which calendar feed token is the agency's live one; rotating or revoking moves or clears it. */
  agencyCalendarFeed: (ori: string) => ({ pk: `AGENCY#${ori}`, sk: 'CALENDAR_FEED' }),
  sesMessage: (messageId: string) => ({ pk: `SESMSG#${messageId}`, sk: 'POINTER' }),
  schedulerWatermark: () => ({ pk: 'SCHEDULER', sk: 'WATERMARK' }),
} as const;

export const agencyPartition = (ori: string) => `AGENCY#${ori}`;
export const auditPartition = (auditId: string) => `AUDIT#${auditId}`;

/** Sort-key prefixes of the children in an audit's partition. */
export const auditChildPrefix = {
  request: 'REQUEST#',
  evidence: 'EVIDENCE#',
  finding: 'FINDING#',
  task: 'TASK#',
  notice: 'NOTICE#',
  link: 'LINK#',
  rejection: 'REJECTION#',
} as const;
