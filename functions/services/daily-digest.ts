import { clock, mailer, repository, settings } from '../adapters/runtime/bindings.js';
import type { LocalDate } from '../domain/calendar/local-date.js';
import { localDateAt, startOfLocalDay } from '../domain/calendar/time-zones.js';
import { notificationId } from '../domain/ids.js';
import {
  composeDailyDigest,
  type DailyDigest,
  type DigestOpenWork,
  decideDigestSend,
  digestWindow,
} from '../domain/notices/daily-digest.js';
import type { Actor } from '../domain/schemas/common.js';
import type { EvidenceRequest } from '../domain/schemas/evidence.js';
import type { NotificationRecord } from '../domain/schemas/notification.js';
import type { NoticeTemplateData } from '../notices/notice-templates.js';
import { renderNoticeSubject } from '../notices/render-notice.js';

/*
 * The administrators' daily digest: read the open work from the sparse due index (and the flagged requests
 * not yet due from their own sparse collection), name the agencies, compose, and send it once per day.
 */

/** A digest past this many open items fails loudly rather than exhausting the function's memory. */
export const MAX_DIGEST_ITEMS = 50_000;
const FLAGGED_PAGE = 100;

/** DynamoDB items the digest read, by source: what the benchmark and the tests hold against the items reported. */
export interface DigestReads {
  readonly dueIndex: number;
  readonly flaggedCollection: number;
  readonly agencies: number;
  readonly total: number;
}

export interface BuiltDigest {
  readonly digest: DailyDigest;
  readonly itemsRead: DigestReads;
}

async function readFlaggedDueFrom(from: string): Promise<EvidenceRequest[]> {
  const { audits } = repository();
  const requests: EvidenceRequest[] = [];
  let cursor: string | undefined;
  do {
    const page = await audits.listFlaggedRequests({ from, limit: FLAGGED_PAGE, cursor });
    requests.push(...page.items);
    if (requests.length > MAX_DIGEST_ITEMS) {
      throw new Error(
        `More than ${MAX_DIGEST_ITEMS} flagged requests are due after ${from}; page the report`,
      );
    }
    cursor = page.cursor;
  } while (cursor);
  return requests;
}

/**
 * Reads what the digest for `asOf` needs and composes it. Reads are the open items due within the week, the
 * flagged requests due later, and one agency per ORI none of whose items carries the agency's name: all
 * proportional to the open work, none to the agencies with nothing open.
 */
export async function buildDailyDigest(asOf: Date, timeZone = settings().timeZone): Promise<BuiltDigest> {
  const { audits, agencies } = repository();
  const { weekEndsAt } = digestWindow(asOf);
  const [openWork, flaggedDueLater] = await Promise.all([
    audits.readAllOpenWorkDueBefore(weekEndsAt, MAX_DIGEST_ITEMS),
    readFlaggedDueFrom(weekEndsAt),
  ]);
  const entities = [...openWork.map((item) => item.entity), ...flaggedDueLater];
  const named = new Set(entities.flatMap((entity) => (entity.agencyName ? [entity.ori] : [])));
  const unnamed = [...new Set(entities.map((entity) => entity.ori))].filter((ori) => !named.has(ori));
  const agencyNames = unnamed.length > 0 ? await agencies.getAgencyNames(unnamed) : {};

  const digest = composeDailyDigest({
    asOf,
    timeZone,
    openWork: openWork.map((item) => ({ kind: item.kind, entity: item.entity }) as DigestOpenWork),
    flaggedDueLater,
    agencyNames,
  });
  // A key asked for costs a read whether or not the agency exists.
  const agencyItems = unnamed.length;
  return {
    digest,
    itemsRead: {
      dueIndex: openWork.length,
      flaggedCollection: flaggedDueLater.length,
      agencies: agencyItems,
      total: openWork.length + flaggedDueLater.length + agencyItems,
    },
  };
}

/** The digest's notice is about the day: its id, and the instant it is filed under, follow from the date. */
export const digestSubjectId = (date: LocalDate) => `digest-${date}`;
export const DIGEST_STEP_KEY = 'daily-digest';
export const digestScheduledFor = (date: LocalDate, timeZone: string) =>
  startOfLocalDay(date, timeZone).toISOString();

/** The 'daily-digest' template shows at most this many rows per list; its totals always count everything. */
export const DIGEST_LIST_LIMIT = 500;
/**
 * SES takes at most 256 KiB of template data; the lists are cut shorter until the data fits well within it
 * (the totals still count everything, and the first rows are the most overdue or the soonest due).
 */
export const DIGEST_DATA_BUDGET_BYTES = 200_000;

const daysText = (days: number) => (days === 1 ? '1 day' : `${days} days`);

/** The digest as the 'daily-digest' email template takes it (functions/notices/templates/daily-digest.ts). */
export function digestTemplateData(digest: DailyDigest): NoticeTemplateData<'daily-digest'> {
  for (let limit = DIGEST_LIST_LIMIT; ; limit = Math.floor(limit / 2)) {
    const data = digestTemplateDataWithin(digest, limit);
    if (limit <= 1 || Buffer.byteLength(JSON.stringify(data), 'utf8') <= DIGEST_DATA_BUDGET_BYTES)
      return data;
  }
}

function digestTemplateDataWithin(digest: DailyDigest, limit: number): NoticeTemplateData<'daily-digest'> {
  const cut = <T>(rows: readonly T[]) => rows.slice(0, limit);
  const dueThisWeek = [
    ...digest.dueThisWeek,
    ...digest.remediationDueThisWeek.map((task) => ({
      ...task,
      programId: `${task.programId}: corrective action`,
    })),
  ].sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.ori.localeCompare(b.ori));
  // Overdue audits count against the limit across agencies: the most overdue agencies come first.
  let overdueRows = 0;
  const overdueByAgency = [];
  for (const group of digest.overdueByAgency) {
    if (overdueRows >= limit) break;
    const audits = group.audits.slice(0, limit - overdueRows);
    overdueRows += audits.length;
    overdueByAgency.push({
      agencyName: group.agencyName,
      ori: group.ori,
      audits: audits.map((line) => ({
        programId: line.programId,
        dueDate: line.dueDate,
        overdueBy: daysText(line.daysOverdue),
        auditId: line.auditId,
      })),
    });
  }
  return {
    date: digest.date,
    timeZone: digest.timeZone,
    totals: {
      dueThisWeek: digest.totals.dueThisWeek,
      overdue: digest.totals.overdueAudits,
      flaggedWaiting: digest.totals.flaggedWaiting,
      overdueRemediation: digest.totals.overdueRemediation,
    },
    dueThisWeek: cut(dueThisWeek).map((row) => ({
      agencyName: row.agencyName,
      ori: row.ori,
      programId: row.programId,
      dueDate: row.dueDate,
      auditId: row.auditId,
    })),
    overdueByAgency,
    flaggedWaiting: cut(digest.flaggedWaiting).map((line) => ({
      agencyName: line.agencyName,
      ori: line.ori,
      programId: line.programId,
      requestDescription: line.description,
      flaggedOn: line.flaggedOn,
      auditId: line.auditId,
    })),
    overdueRemediation: cut(digest.overdueRemediation).map((task) => ({
      agencyName: task.agencyName,
      ori: task.ori,
      title: `Corrective action for finding ${task.findingId} (${task.status.replace(/-/g, ' ')})`,
      dueDate: task.dueDate,
      overdueBy: daysText(task.daysOverdue),
      auditId: task.auditId,
    })),
  };
}

const digestActor: Actor = { type: 'system', id: 'daily-digest' };

/**
 * Records the day's digest notice (once: its id and partition follow from the date) and sends it unless an
 * earlier attempt already did. The sibling of recordAndSendNotice for a notice about no audit.
 */
async function recordAndSendDigest(
  digest: DailyDigest,
  adminEmails: readonly string[],
): Promise<{ notice: NotificationRecord; sentNow: boolean }> {
  const { audits } = repository();
  const subjectId = digestSubjectId(digest.date);
  const id = notificationId(subjectId, DIGEST_STEP_KEY);
  const data = digestTemplateData(digest);
  const recipients = adminEmails.map((email) => ({ role: 'administrator' as const, email }));
  const now = clock().now().toISOString();
  const { notice } = await audits.recordNotification(
    {
      notificationId: id,
      subjectId,
      kind: 'digest',
      stepKey: DIGEST_STEP_KEY,
      template: 'daily-digest',
      recipients,
      subject: renderNoticeSubject('daily-digest', data),
      scheduledFor: digestScheduledFor(digest.date, digest.timeZone),
      status: 'queued',
      deliveryEvents: [],
      createdAt: now,
      updatedAt: now,
    },
    {
      type: 'notification.queued',
      at: now,
      actor: digestActor,
      subject: { type: 'notification', id },
      streamId: subjectId,
      payload: {
        kind: 'digest',
        stepKey: DIGEST_STEP_KEY,
        template: 'daily-digest',
        recipients: recipients.length,
      },
    },
  );
  if (notice.status !== 'queued') return { notice, sentNow: false };
  const { messageId } = await mailer().send({
    to: adminEmails,
    template: 'daily-digest',
    data,
    tags: { notificationId: id, stepKey: DIGEST_STEP_KEY, template: 'daily-digest' },
  });
  const sentAt = clock().now().toISOString();
  const sent = await audits.saveNotification(
    notice,
    { ...notice, status: 'sent', sesMessageId: messageId, sentAt, updatedAt: sentAt },
    {
      type: 'notification.sent',
      at: sentAt,
      actor: digestActor,
      subject: { type: 'notification', id },
      streamId: subjectId,
      payload: { messageId, template: 'daily-digest' },
    },
  );
  return { notice: sent, sentNow: true };
}

export interface DigestRun {
  readonly date: LocalDate;
  /** The day's digest is out (sent now, or by an earlier attempt of the day). */
  readonly sent: boolean;
  /** An earlier attempt had sent it: this one sent nothing. */
  readonly alreadySent: boolean;
  /** Why nothing goes out today (an empty day that is not a Monday, no administrators configured). */
  readonly skipped?: string;
  readonly allClear: boolean;
  readonly notificationId?: string;
  readonly recipients: number;
  /** Open items the digest accounts for, and the DynamoDB items read to compose it. */
  readonly openItems: number;
  readonly itemsRead: DigestReads;
}

const NOTHING_READ: DigestReads = { dueIndex: 0, flaggedCollection: 0, agencies: 0, total: 0 };

/**
 * The daily digest step: today's digest, sent once to the administrators. A retry after the day's digest went
 * out finds its record and reads nothing else; an empty day is skipped except on Mondays (decideDigestSend).
 */
export async function sendDailyDigest(): Promise<DigestRun> {
  const now = clock().now();
  const { timeZone, adminEmails } = settings();
  const date = localDateAt(now, timeZone);
  const id = notificationId(digestSubjectId(date), DIGEST_STEP_KEY);
  const earlier = await repository().audits.findNotification({
    notificationId: id,
    scheduledFor: digestScheduledFor(date, timeZone),
  });
  if (earlier && earlier.status !== 'queued') {
    return {
      date,
      sent: true,
      alreadySent: true,
      allClear: false,
      notificationId: id,
      recipients: earlier.recipients.length,
      openItems: 0,
      itemsRead: NOTHING_READ,
    };
  }

  const { digest, itemsRead } = await buildDailyDigest(now, timeZone);
  const outcome = { date, openItems: digest.totals.openItems, itemsRead };
  const decision = decideDigestSend(digest);
  if (!decision.send) {
    return {
      ...outcome,
      sent: false,
      alreadySent: false,
      allClear: false,
      skipped: decision.reason,
      recipients: 0,
    };
  }
  if (adminEmails.length === 0) {
    return {
      ...outcome,
      sent: false,
      alreadySent: false,
      allClear: decision.allClear,
      skipped: 'No administrator addresses are configured: set adminEmails in the deployment configuration.',
      recipients: 0,
    };
  }
  const { notice, sentNow } = await recordAndSendDigest(digest, adminEmails);
  return {
    ...outcome,
    sent: notice.status !== 'queued',
    alreadySent: !sentNow,
    allClear: decision.allClear,
    notificationId: notice.notificationId,
    recipients: notice.recipients.length,
  };
}
