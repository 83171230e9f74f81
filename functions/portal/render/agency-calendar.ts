import ical, { escape as escapeText, ICalEventTransparency } from 'ical-generator';
import type { ResponsibleRole } from '../../domain/schemas/common.js';
import type { AgencyCalendarView, CalendarAudit } from '../agency-calendar-view.js';
import { formatLocalDate } from './human-formats.js';

/*
 * An agency's calendar feed as iCalendar (RFC 5545), written by ical-generator. Each audit is an all-day event
 * on its due date: a DATE value is the date itself, already local to the audit's zone, so no VTIMEZONE is
 * needed. The feed is a pure function of the records: DTSTAMP is the audit's last change (RFC 5545 §3.8.7.2:
 * without a METHOD, DTSTAMP is when the information was last revised), so an unchanged audit renders the same
 * bytes on every refresh, and SEQUENCE and LAST-MODIFIED move when the audit does.
 */

const PRODUCT_ID = { company: 'CLETS audit scheduler', product: 'Agency calendar feed', language: 'EN' };

/** A hint to calendar apps (REFRESH-INTERVAL, X-PUBLISHED-TTL); they poll on their own schedule anyway. */
const REFRESH_SECONDS = 3600;

const ROLE_NAMES: Record<ResponsibleRole, string> = {
  tac: 'Terminal Agency Coordinator (TAC)',
  laso: 'Local Agency Security Officer (LASO)',
  'agency-head': 'agency head',
};

const STATUS_WORDS: Partial<Record<CalendarAudit['status'], string>> = {
  scheduled: 'upcoming',
  open: 'open, evidence requested',
  collecting: 'open, evidence being collected',
  'in-review': 'evidence received, under review',
};

/**
 * TEXT values may hold no control characters but tabs and line breaks (which ical-generator escapes). Names and
 * descriptions come from administrators' input, so any other is replaced rather than trusted.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const FORBIDDEN_IN_TEXT = /[\u0000-\u0008\u000B-\u001F\u007F]/g;
const plainText = (value: string) => value.replace(/\r\n?/g, '\n').replace(FORBIDDEN_IN_TEXT, ' ');
/** Names and summaries are one line in every calendar app. */
const oneLine = (value: string) => plainText(value).replace(/\n/g, ' ');

/** The instant an audit opens, as a date in its own zone, e.g. "March 2, 2027". */
function localDayOf(instant: string, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone, dateStyle: 'long' }).format(new Date(instant));
  } catch {
    return instant.slice(0, 10);
  }
}

const utcMidnight = (date: string) => new Date(`${date}T00:00:00.000Z`);
const nextDay = (date: string) => new Date(utcMidnight(date).getTime() + 86_400_000);

function uploadInstructions(audit: CalendarAudit, contactEmails: readonly string[]): string {
  const role = ROLE_NAMES[audit.responsibleRole];
  const when =
    audit.status === 'scheduled'
      ? `when the audit opens on ${localDayOf(audit.opensAt, audit.timeZone)}`
      : 'when the audit opened';
  const ask = contactEmails.length > 0 ? contactEmails.join(', ') : 'your CLETS audit administrator';
  return [
    `How to upload: use the upload link emailed to your agency's ${role} ${when}.`,
    'Each link works only for your agency and this audit, so this calendar holds none.',
    `If the link is lost or no longer works, ask ${ask} for a new one.`,
  ].join(' ');
}

function descriptionOf(view: AgencyCalendarView, audit: CalendarAudit): string {
  const { agency } = view;
  return [
    `${audit.programTitle}, period ${audit.periodKey}, for ${oneLine(agency.name)} (ORI ${agency.ori}).`,
    `Evidence is due by ${formatLocalDate(audit.dueDate)} (${audit.timeZone}).`,
    `Status: ${STATUS_WORDS[audit.status] ?? audit.status}.`,
    '',
    'Requested:',
    ...(audit.requested.length > 0
      ? audit.requested.map((line) => `- ${oneLine(line)}`)
      : ['- (listed on the upload page)']),
    '',
    uploadInstructions(audit, view.contactEmails),
    '',
    `Audit reference: ${audit.auditId}`,
  ]
    .map(plainText)
    .join('\n');
}

/** A UID that stays the audit's across refreshes, renames and rotations of the feed's URL. */
export const calendarEventUid = (stage: string, auditId: string) => `${auditId}@${stage}.clets-audit`;

export function renderAgencyCalendar(view: AgencyCalendarView): string {
  const { agency } = view;
  const calendar = ical({
    prodId: PRODUCT_ID,
    // ical-generator writes the calendar's NAME and X-WR-CALDESC as given: escape them as TEXT here.
    name: escapeText(oneLine(`CLETS audits — ${agency.name} (${agency.ori})`), false),
    description: escapeText(
      oneLine(`Evidence due dates of the CLETS/CJIS audits of ${agency.name}, updated as audits change.`),
      false,
    ),
    ttl: REFRESH_SECONDS,
  });
  for (const audit of view.audits) {
    calendar.createEvent({
      id: calendarEventUid(view.stage, audit.auditId),
      // Version 1 is the audit as created, which RFC 5545 numbers 0; every later write moves it up.
      sequence: Math.max(0, audit.version - 1),
      allDay: true,
      start: utcMidnight(audit.dueDate),
      end: nextDay(audit.dueDate),
      stamp: new Date(audit.updatedAt),
      created: new Date(audit.createdAt),
      lastModified: new Date(audit.updatedAt),
      summary: oneLine(`${audit.programTitle} evidence due — ${agency.name}`),
      description: descriptionOf(view, audit),
      // A deadline, not a meeting: it does not make anyone look busy.
      transparency: ICalEventTransparency.TRANSPARENT,
    });
  }
  return calendar.toString();
}
