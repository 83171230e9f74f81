import type { AuditStatus } from '../domain/schemas/audit.js';
import type { ResponsibleRole } from '../domain/schemas/common.js';

/** What an agency's calendar feed shows: one entry per audit whose evidence is still ahead or in review. */
export interface AgencyCalendarView {
  readonly agency: { readonly ori: string; readonly name: string };
  /** The deployment's stage: scopes event UIDs, so two deployments' feeds in one calendar app never merge. */
  readonly stage: string;
  /** Whom to ask for a new upload link. */
  readonly contactEmails: readonly string[];
  readonly audits: readonly CalendarAudit[];
}

export interface CalendarAudit {
  readonly auditId: string;
  readonly programTitle: string;
  readonly periodKey: string;
  readonly status: AuditStatus;
  /** The business day evidence is due, local to `timeZone`. */
  readonly dueDate: string;
  readonly timeZone: string;
  readonly opensAt: string;
  readonly responsibleRole: ResponsibleRole;
  /** What is asked of the agency, one line per evidence request. */
  readonly requested: readonly string[];
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}
