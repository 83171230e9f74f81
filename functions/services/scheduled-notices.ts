import type { AuditBundle } from '../adapters/dynamodb/audit-repository.js';
import type { NoticeStep, NoticeStepKind } from '../domain/notices/notice-schedule.js';
import type { Agency } from '../domain/schemas/agency.js';
import type { Audit } from '../domain/schemas/audit.js';
import type { Actor } from '../domain/schemas/common.js';
import type { NotificationRecord } from '../domain/schemas/notification.js';
import {
  agencyContactsData,
  auditFactsData,
  contactEmailsData,
  dueInText,
  linkData,
  openRequestLines,
  overdueByText,
  roleLabel,
} from './notice-data.js';
import { type NoticeRequest, recipientAddresses, recordAndSendNotice } from './notices.js';
import { issueUploadLink } from './upload-links.js';

/*
 * The notices of an audit's schedule (reminders, due day, overdue, overdue-audit, escalations), sent with their
 * templates. A step names roles; its agency roles get one email with the agency template and a fresh upload
 * link for the audit's responsible role, and administrators get one email with the administrators' template
 * (no link). Each email is a notice of its own, idempotent per audit and step key.
 */

const scheduleActor: Actor = { type: 'system', id: 'notice-schedule' };

type AgencyTemplate = 'reminder' | 'due-today' | 'overdue' | 'escalation-agency-head';
type AdministratorTemplate = 'overdue-audit' | 'escalation-administrators';

const AGENCY_TEMPLATES: Record<NoticeStepKind, AgencyTemplate | undefined> = {
  reminder: 'reminder',
  due: 'due-today',
  overdue: 'overdue',
  'overdue-audit': undefined,
  escalation: 'escalation-agency-head',
};

// The policy lets administrators receive only the overdue-audit notice and escalations (notice-policy.ts).
const ADMINISTRATOR_TEMPLATES: Record<NoticeStepKind, AdministratorTemplate | undefined> = {
  reminder: undefined,
  due: undefined,
  overdue: undefined,
  'overdue-audit': 'overdue-audit',
  escalation: 'escalation-administrators',
};

export interface ScheduledNoticeContext {
  readonly audit: Audit;
  readonly agency: Agency | undefined;
  readonly bundle: AuditBundle | undefined;
  /** When the step is handled: "how long until / since the due date" is counted from here. */
  readonly now: Date;
}

/** The emails one step of the schedule sends: one per audience group that has an address. */
export function scheduledNoticeRequests(step: NoticeStep, context: ScheduledNoticeContext): NoticeRequest[] {
  const { audit, agency, bundle, now } = context;
  const agencyRoles = step.recipients.filter((role) => role !== 'administrator');
  const toAdministrators = step.recipients.includes('administrator');
  const facts = auditFactsData(audit, agency);
  const openRequests = openRequestLines(bundle?.requests ?? []);
  const common = { audit, kind: step.kind, scheduledFor: step.sendAt } as const;
  const requests: NoticeRequest[] = [];

  const agencyTemplate = AGENCY_TEMPLATES[step.kind];
  const agencyRecipients = agency && agencyTemplate ? recipientAddresses(agency, agencyRoles) : [];
  if (agencyTemplate && agencyRecipients.length > 0) {
    const agencyData = { ...facts, ...contactEmailsData(), openRequests };
    const issueLink = async () =>
      linkData(
        await issueUploadLink(audit, audit.responsibleRole, 'reminder', scheduleActor),
        audit.timeZone,
      );
    const base = { ...common, stepKey: step.key, recipients: agencyRecipients, issueLink };
    if (agencyTemplate === 'reminder') {
      requests.push({
        ...base,
        template: agencyTemplate,
        data: { ...agencyData, dueIn: dueInText(audit, now) },
      });
    } else if (agencyTemplate === 'due-today') {
      requests.push({ ...base, template: agencyTemplate, data: agencyData });
    } else if (agencyTemplate === 'overdue') {
      requests.push({
        ...base,
        template: agencyTemplate,
        data: { ...agencyData, overdueBy: overdueByText(audit, now) },
      });
    } else {
      requests.push({
        ...base,
        template: agencyTemplate,
        data: {
          ...agencyData,
          overdueBy: overdueByText(audit, now),
          responsibleRole: roleLabel(audit.responsibleRole),
        },
      });
    }
  }

  const administratorTemplate = ADMINISTRATOR_TEMPLATES[step.kind];
  const administrators = toAdministrators
    ? recipientAddresses(agency ?? { contacts: [] }, ['administrator'])
    : [];
  if (administratorTemplate && administrators.length > 0) {
    const base = {
      ...common,
      // A step that also reaches the agency keeps its own key for the agency's email.
      stepKey: agencyRoles.length > 0 ? `${step.key}-administrators` : step.key,
      recipients: administrators,
    };
    const administratorData = {
      ...facts,
      ...agencyContactsData(agency),
      auditId: audit.auditId,
      overdueBy: overdueByText(audit, now),
      openRequests,
    };
    requests.push(
      administratorTemplate === 'overdue-audit'
        ? { ...base, template: administratorTemplate, data: administratorData }
        : {
            ...base,
            template: administratorTemplate,
            data: { ...administratorData, responsibleRole: roleLabel(audit.responsibleRole) },
          },
    );
  }
  return requests;
}

/** Sends a step's emails, each once per audit and step key (a retried step finds them sent). */
export async function sendScheduledNotices(
  step: NoticeStep,
  context: ScheduledNoticeContext,
): Promise<NotificationRecord[]> {
  const records: NotificationRecord[] = [];
  for (const request of scheduledNoticeRequests(step, context)) {
    records.push(await recordAndSendNotice(request));
  }
  return records;
}
