import { settings } from '../adapters/runtime/bindings.js';
import { daysBetween } from '../domain/calendar/local-date.js';
import { localDateAt } from '../domain/calendar/time-zones.js';
import { OBLIGATIONS_CATALOG } from '../domain/catalog/obligations.js';
import { findObligation } from '../domain/catalog/resolve-obligation.js';
import { requestTakesUploads } from '../domain/lifecycle/evidence-phase.js';
import type { Agency } from '../domain/schemas/agency.js';
import type { Audit } from '../domain/schemas/audit.js';
import type { NoticeRecipient } from '../domain/schemas/common.js';
import type { EvidenceRequest } from '../domain/schemas/evidence.js';
import type { UploadLinkField } from '../notices/template-fields.js';
import type { IssuedLink } from './upload-links.js';

/*
 * The data the email templates are rendered with, built from the records. The words live in the templates
 * (functions/notices/templates); this module only gathers and formats the values.
 */

/** A value for a one-line field (subject, table cell): line breaks become spaces, at most `max` characters. */
export const oneLine = (text: string, max = 500) => text.replace(/[\r\n]+/g, ' ').slice(0, max);

type AuditFacts = Pick<Audit, 'ori' | 'programId' | 'periodKey' | 'dueDate' | 'timeZone'>;
type AgencyFacts = Pick<Agency, 'name'> | undefined;

export function programTitle(programId: string): string {
  try {
    return findObligation(OBLIGATIONS_CATALOG, programId).title;
  } catch {
    // A program overridden away since the audit opened: its id still names it.
    return programId;
  }
}

/** Agency and ORI, program and period, due date: the facts every audit message starts with. */
export function auditFactsData(audit: AuditFacts, agency: AgencyFacts) {
  return {
    agencyName: oneLine(agency?.name ?? audit.ori),
    ori: audit.ori,
    programId: audit.programId,
    programTitle: programTitle(audit.programId),
    periodKey: audit.periodKey,
    dueDate: audit.dueDate,
    timeZone: audit.timeZone,
  };
}

/** Whom an agency contact asks: the administrators. */
export const contactEmailsData = () => ({ contactEmails: [...settings().adminEmails] });

const ROLE_LABELS: Record<NoticeRecipient, string> = {
  tac: 'Terminal Agency Coordinator (TAC)',
  laso: 'Local Agency Security Officer (LASO)',
  'agency-head': 'agency head',
  alternate: 'alternate contact',
  administrator: 'CLETS audit administrator',
};

export const roleLabel = (role: NoticeRecipient) => ROLE_LABELS[role];

/** Whom an administrator calls: the agency's contacts. */
export const agencyContactsData = (agency: Pick<Agency, 'contacts'> | undefined) => ({
  agencyContacts: (agency?.contacts ?? []).map((contact) => ({
    role: roleLabel(contact.role),
    name: contact.name,
    email: contact.email,
  })),
});

export const requestLines = (requests: readonly Pick<EvidenceRequest, 'description'>[]) =>
  requests.map((request) => ({ description: request.description }));

/** The requests still waiting for an upload. */
export const openRequestLines = (requests: readonly Pick<EvidenceRequest, 'description' | 'status'>[]) =>
  requestLines(requests.filter((request) => requestTakesUploads(request.status)));

/** The link as the templates show it: its address and its last valid day in the audit's zone. */
export const linkData = (issued: IssuedLink, timeZone: string): UploadLinkField => ({
  url: issued.url,
  expiresOn: localDateAt(issued.link.expiresAt, timeZone),
});

const dayCount = (days: number) => (days === 1 ? '1 day' : `${days} days`);

/** How long until the due date, from `now` in the audit's zone: "7 days", "1 day", "less than a day". */
export function dueInText(audit: Pick<Audit, 'dueDate' | 'timeZone'>, now: Date): string {
  const days = daysBetween(localDateAt(now, audit.timeZone), audit.dueDate);
  return days >= 1 ? dayCount(days) : 'less than a day';
}

/** How late, from `now` in the audit's zone: "3 days" (at least "1 day" once the due date has passed). */
export function overdueByText(audit: Pick<Audit, 'dueDate' | 'timeZone'>, now: Date): string {
  return dayCount(Math.max(1, daysBetween(audit.dueDate, localDateAt(now, audit.timeZone))));
}

/** "2.4 MB (2,517,164 bytes)"; small files in bytes only. */
export function fileSizeText(bytes: number): string {
  const exact = `${bytes.toLocaleString('en-US')} ${bytes === 1 ? 'byte' : 'bytes'}`;
  if (bytes < 1000) return exact;
  const units = ['kB', 'MB', 'GB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value.toFixed(1)} ${units[unit]} (${exact})`;
}

/** "2026-03-02 10:15 (America/Los_Angeles)": an instant as the agency's clock shows it. */
export function localTimeText(instant: string, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(instant))
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute} (${timeZone})`;
}
