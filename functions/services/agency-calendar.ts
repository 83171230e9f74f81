import type { Page } from '../adapters/dynamodb/item-store.js';
import { clock, repository, settings } from '../adapters/runtime/bindings.js';
import type { Audit } from '../domain/schemas/audit.js';
import type { AgencyCalendarView, CalendarAudit } from '../portal/agency-calendar-view.js';
import { programTitle } from './upload-portal.js';

/*
 * The content of an agency's calendar feed, for a presented token. Read-only and bounded: one token and one
 * pointer read, the agency, the agency's audits due in a window (the collection index, a page at a time, at most
 * MAX_AUDITS_READ), and each listed audit's requests.
 */

/**
 * Audits whose evidence is ahead of the agency or still in review. Closed, cancelled and failed audits, and those
 * in remediation (their evidence is settled), leave the feed; calendar apps drop an event that is no longer in a
 * subscribed feed on their next refresh.
 */
const IN_FEED = new Set<Audit['status']>(['scheduled', 'open', 'collecting', 'in-review']);

const DAY_MS = 86_400_000;
/** Overdue audits stay visible for a quarter; older ones are the administrators' escalation, not a date to plan. */
const LOOK_BACK_DAYS = 90;
/** Two years ahead covers every cadence's next occurrence but the three-yearly DOJ audit far from its date. */
const LOOK_AHEAD_DAYS = 731;
/** Far beyond any real agency (a few dozen audits in the window), and a hard bound on one feed's reads. */
const MAX_AUDITS_READ = 500;
const PAGE_SIZE = 100;
/** Requests are read per audit; this many audits at once keeps a feed's reads quick without a burst. */
const REQUEST_READS_AT_ONCE = 8;

async function auditsInWindow(ori: string, now: Date): Promise<Audit[]> {
  const from = new Date(now.getTime() - LOOK_BACK_DAYS * DAY_MS).toISOString();
  const to = new Date(now.getTime() + LOOK_AHEAD_DAYS * DAY_MS).toISOString();
  const { audits } = repository();
  const inFeed: Audit[] = [];
  let read = 0;
  let cursor: string | undefined;
  do {
    const page: Page<Audit> = await audits.listAgencyAudits(ori, {
      limit: Math.min(PAGE_SIZE, MAX_AUDITS_READ - read),
      from,
      to,
      ...(cursor ? { cursor } : {}),
    });
    read += page.items.length;
    inFeed.push(...page.items.filter((audit) => IN_FEED.has(audit.status)));
    cursor = page.cursor;
  } while (cursor !== undefined && read < MAX_AUDITS_READ);
  return inFeed;
}

async function withRequests(audits: readonly Audit[]): Promise<CalendarAudit[]> {
  const entries: CalendarAudit[] = [];
  for (let start = 0; start < audits.length; start += REQUEST_READS_AT_ONCE) {
    const batch = audits.slice(start, start + REQUEST_READS_AT_ONCE);
    const requests = await Promise.all(
      batch.map((audit) => repository().audits.listEvidenceRequests(audit.auditId)),
    );
    batch.forEach((audit, index) => {
      entries.push({
        auditId: audit.auditId,
        programTitle: programTitle(audit.programId),
        periodKey: audit.periodKey,
        status: audit.status,
        dueDate: audit.dueDate,
        timeZone: audit.timeZone,
        opensAt: audit.opensAt,
        responsibleRole: audit.responsibleRole,
        requested: (requests[index] ?? []).map((request) => request.description),
        version: audit.version,
        createdAt: audit.createdAt,
        updatedAt: audit.updatedAt,
      });
    });
  }
  return entries;
}

/** The feed's content, or undefined for a token that opens nothing (unknown, revoked, rotated away). */
export async function readAgencyCalendar(token: string): Promise<AgencyCalendarView | undefined> {
  const { calendarFeeds, agencies } = repository();
  const ori = await calendarFeeds.resolveLiveFeed(token);
  if (ori === undefined) return undefined;
  const agency = await agencies.getAgency(ori);
  if (!agency) return undefined;
  const audits = await auditsInWindow(ori, clock().now());
  return {
    agency: { ori, name: agency.name },
    stage: settings().stage,
    contactEmails: settings().adminEmails,
    audits: await withRequests(audits),
  };
}
