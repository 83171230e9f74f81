import type * as z from 'zod';
import {
  AgencyAnswer,
  AuditAnswer,
  AuditDetailAnswer,
  AuditEvidenceAnswer,
  AuditFindingsAnswer,
  AuditTasksAnswer,
  CalendarFeedAnswer,
  ClockAdvanceAnswer,
  ClockAnswer,
  EnrollmentCreatedAnswer,
  EvidenceDownloadAnswer,
  FindingAnswer,
  IssuedCalendarFeedAnswer,
  NoticeHistoryAnswer,
  OutboxAnswer,
  pageAnswer,
  RemediationTaskAnswer,
  ReportDownloadsAnswer,
  ReviewOutcomeAnswer,
  RevokedCalendarFeedAnswer,
  RevokedLinksAnswer,
  ScheduleRunAnswer,
  UploadLinkAnswer,
  UploadLinkListAnswer,
} from './answer-schemas.js';
import type { ApiClient } from './api-client.js';

/** The largest page the admin API serves (MAX_PAGE_LIMIT in functions/api/api-schemas.ts). */
const API_PAGE_LIMIT = 100;

/** Advancing the sandbox clock fires every timer on the way (reminders, daily schedules): it can take a while. */
const CLOCK_ADVANCE_TIMEOUT_MS = 15 * 60_000;

export interface Listing<T> {
  readonly items: T[];
  /** Set when more items exist than were asked for. */
  readonly nextCursor?: string;
}

const segment = encodeURIComponent;

/** A reviewer's decision on a remediation task (TaskDecisionInputSchema in functions/services/remediation-tasks.ts). */
export type TaskDecision =
  | { decision: 'accept-plan' }
  | { decision: 'request-revision'; reason: string }
  | { decision: 'verify'; evidenceIds?: string[] }
  | { decision: 'close'; evidenceIds?: string[] }
  | { decision: 'cancel'; reason: string };

/** The agency calls the import needs; a seam for tests of the import loop. */
export interface AgencyApi {
  createAgency(agency: unknown): Promise<AgencyAnswer>;
}

/** The admin API (and the sandbox's own endpoints), one method per route the CLI uses. */
export class AdminApi implements AgencyApi {
  constructor(readonly client: ApiClient) {}

  createAgency(agency: unknown) {
    return this.client.post('/agencies', AgencyAnswer, { body: agency });
  }

  listAgencies(limit: number) {
    return this.collect('/agencies', {}, AgencyAnswer, limit);
  }

  getAgency(ori: string) {
    return this.client.get(`/agencies/${segment(ori)}`, AgencyAnswer);
  }

  enrollAgency(ori: string, enrollment: { programId: string; anchorDate: string; timeZone?: string }) {
    return this.client.post(`/agencies/${segment(ori)}/enrollments`, EnrollmentCreatedAnswer, {
      body: enrollment,
    });
  }

  getCalendarFeed(ori: string) {
    return this.client.get(`/agencies/${segment(ori)}/calendar-feed`, CalendarFeedAnswer);
  }

  /** Answers the feed's URL, the only time it is shown; `rotate` replaces a live feed. */
  issueCalendarFeed(ori: string, options: { rotate: boolean }) {
    return this.client.post(`/agencies/${segment(ori)}/calendar-feed`, IssuedCalendarFeedAnswer, {
      body: options.rotate ? { rotate: true } : {},
    });
  }

  revokeCalendarFeed(ori: string, reason: string) {
    return this.client.post(`/agencies/${segment(ori)}/calendar-feed/revoke`, RevokedCalendarFeedAnswer, {
      body: { reason },
    });
  }

  startScheduleRun() {
    return this.client.post('/schedule-runs', ScheduleRunAnswer);
  }

  listAudits(filter: { status?: string; ori?: string; overdue?: boolean }, limit: number) {
    const query = {
      status: filter.status,
      ori: filter.ori,
      overdue: filter.overdue ? 'true' : undefined,
    };
    return this.collect('/audits', query, AuditAnswer, limit);
  }

  getAudit(auditId: string) {
    return this.client.get(`/audits/${segment(auditId)}`, AuditDetailAnswer);
  }

  cancelAudit(auditId: string, reason: string) {
    return this.client.post(`/audits/${segment(auditId)}/cancel`, AuditAnswer, { body: { reason } });
  }

  /** Closes an audit in review or remediation before its tasks are done; its open tasks are cancelled. */
  closeAudit(auditId: string, reason: string) {
    return this.client.post(`/audits/${segment(auditId)}/close`, AuditAnswer, { body: { reason } });
  }

  listAuditNotices(auditId: string) {
    return this.client.get(`/audits/${segment(auditId)}/notices`, NoticeHistoryAnswer);
  }

  listAuditEvidence(auditId: string) {
    return this.client.get(`/audits/${segment(auditId)}/evidence`, AuditEvidenceAnswer);
  }

  /** Issues a short-lived download URL; the API records the access in the audit's trail. */
  createEvidenceDownload(auditId: string, evidenceId: string) {
    return this.client.post(
      `/audits/${segment(auditId)}/evidence/${segment(evidenceId)}/download`,
      EvidenceDownloadAnswer,
    );
  }

  /** Builds and stores a fresh close-out report; each file comes with a five-minute download URL. */
  createAuditReport(auditId: string) {
    return this.client.post(`/audits/${segment(auditId)}/report`, ReportDownloadsAnswer);
  }

  decideEvidence(
    auditId: string,
    requestId: string,
    decision:
      | { decision: 'accept'; evidenceId: string; comment?: string }
      | { decision: 'flag'; evidenceId: string; reason: string },
  ) {
    return this.client.post(
      `/audits/${segment(auditId)}/requests/${segment(requestId)}/decision`,
      ReviewOutcomeAnswer,
      { body: decision },
    );
  }

  recordFinding(
    auditId: string,
    finding: {
      requestId: string;
      severity: string;
      description: string;
      title?: string;
      /** The role owning the finding's first remediation task; the audit's responsible role by default. */
      ownerRole?: string;
    },
  ) {
    return this.client.post(`/audits/${segment(auditId)}/findings`, FindingAnswer, { body: finding });
  }

  listFindings(auditId: string) {
    return this.client.get(`/audits/${segment(auditId)}/findings`, AuditFindingsAnswer);
  }

  addRemediationTask(auditId: string, findingId: string, task: { ownerRole: string; dueDate?: string }) {
    return this.client.post(
      `/audits/${segment(auditId)}/findings/${segment(findingId)}/tasks`,
      RemediationTaskAnswer,
      { body: task },
    );
  }

  listRemediationTasks(auditId: string) {
    return this.client.get(`/audits/${segment(auditId)}/tasks`, AuditTasksAnswer);
  }

  decideRemediationTask(auditId: string, taskId: string, decision: TaskDecision) {
    return this.client.post(
      `/audits/${segment(auditId)}/tasks/${segment(taskId)}/decision`,
      RemediationTaskAnswer,
      { body: decision },
    );
  }

  listUploadLinks(auditId: string) {
    return this.client.get(`/audits/${segment(auditId)}/upload-links`, UploadLinkListAnswer);
  }

  revokeUploadLinks(auditId: string, role: string, reason: string) {
    return this.client.post(
      `/audits/${segment(auditId)}/upload-links/${segment(role)}/revoke`,
      RevokedLinksAnswer,
      { body: { reason } },
    );
  }

  reissueUploadLink(auditId: string, role: string) {
    return this.client.post(
      `/audits/${segment(auditId)}/upload-links/${segment(role)}/reissue`,
      UploadLinkAnswer,
    );
  }

  getClock() {
    return this.client.get('/clock', ClockAnswer);
  }

  advanceClock(by: { days: number } | { hours: number } | { until: string }) {
    return this.client.post('/clock/advance', ClockAdvanceAnswer, {
      body: by,
      timeoutMs: CLOCK_ADVANCE_TIMEOUT_MS,
    });
  }

  listOutbox() {
    return this.client.get('/outbox', OutboxAnswer);
  }

  /** Follows `nextCursor` page by page until `limit` items are in hand or the listing ends. */
  private async collect<S extends z.ZodType>(
    path: string,
    query: Record<string, string | undefined>,
    item: S,
    limit: number,
  ): Promise<Listing<z.output<S>>> {
    const items: z.output<S>[] = [];
    let cursor: string | undefined;
    do {
      const pageLimit = Math.min(API_PAGE_LIMIT, limit - items.length);
      const page = await this.client.get(path, pageAnswer(item), {
        query: { ...query, limit: String(pageLimit), cursor },
      });
      items.push(...(page.items as z.output<S>[]).slice(0, limit - items.length));
      cursor = page.nextCursor;
    } while (cursor !== undefined && items.length < limit);
    return cursor === undefined ? { items } : { items, nextCursor: cursor };
  }
}
