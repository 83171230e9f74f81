import type * as z from 'zod';
import { auditOpenedTemplate } from './templates/audit-opened.js';
import { bounceAlertTemplate } from './templates/bounce-alert.js';
import { dailyDigestTemplate } from './templates/daily-digest.js';
import { dueTodayTemplate } from './templates/due-today.js';
import { escalationAdministratorsTemplate } from './templates/escalation-administrators.js';
import { escalationAgencyHeadTemplate } from './templates/escalation-agency-head.js';
import { evidenceFlaggedTemplate } from './templates/evidence-flagged.js';
import { evidenceReceiptTemplate } from './templates/evidence-receipt.js';
import { linkReissuedTemplate } from './templates/link-reissued.js';
import { overdueTemplate } from './templates/overdue.js';
import { overdueAuditTemplate } from './templates/overdue-audit.js';
import { planAcceptedTemplate } from './templates/plan-accepted.js';
import { planRevisionRequestedTemplate } from './templates/plan-revision-requested.js';
import { remediationRequiredTemplate } from './templates/remediation-required.js';
import { reminderTemplate } from './templates/reminder.js';
import { taskClosedTemplate } from './templates/task-closed.js';
import { taskEscalationAdministratorsTemplate } from './templates/task-escalation-administrators.js';
import { taskEscalationAgencyHeadTemplate } from './templates/task-escalation-agency-head.js';
import { taskNoticeTemplate } from './templates/task-notice.js';
import { uploadRejectedTemplate } from './templates/upload-rejected.js';

/**
 * Every email the product sends, by template name. The CDK construct deploys each as an SES template, the SES
 * mailer sends by name, and the sandbox outbox renders the same definition.
 */
export const noticeTemplates = {
  'audit-opened': auditOpenedTemplate,
  'link-reissued': linkReissuedTemplate,
  reminder: reminderTemplate,
  'due-today': dueTodayTemplate,
  overdue: overdueTemplate,
  'escalation-agency-head': escalationAgencyHeadTemplate,
  'escalation-administrators': escalationAdministratorsTemplate,
  'overdue-audit': overdueAuditTemplate,
  'evidence-flagged': evidenceFlaggedTemplate,
  'evidence-receipt': evidenceReceiptTemplate,
  'upload-rejected': uploadRejectedTemplate,
  'daily-digest': dailyDigestTemplate,
  'bounce-alert': bounceAlertTemplate,
  'remediation-required': remediationRequiredTemplate,
  'plan-revision-requested': planRevisionRequestedTemplate,
  'plan-accepted': planAcceptedTemplate,
  'task-notice': taskNoticeTemplate,
  'task-escalation-agency-head': taskEscalationAgencyHeadTemplate,
  'task-escalation-administrators': taskEscalationAdministratorsTemplate,
  'task-closed': taskClosedTemplate,
} as const;

export type NoticeTemplateName = keyof typeof noticeTemplates;
export const NOTICE_TEMPLATE_NAMES = Object.keys(noticeTemplates) as NoticeTemplateName[];

/**
 * The data a notice is sent with (what its template's schema takes in). The schema may derive fields from it
 * for the template's `{{#if}}` (task-notice turns its `stage` into yes/no flags), so senders pass this and
 * every renderer (SES, the sandbox outbox) parses it once.
 */
export type NoticeTemplateData<N extends NoticeTemplateName> = z.input<(typeof noticeTemplates)[N]['schema']>;

/** What the template itself reads: the data after its schema checked it and derived its flags. */
export type NoticeTemplateRenderData<N extends NoticeTemplateName> = z.output<
  (typeof noticeTemplates)[N]['schema']
>;

/** The templates that carry an upload link: their data has a `link` field, issued only when sent. */
export type LinkedTemplateName = {
  [N in NoticeTemplateName]: 'link' extends keyof NoticeTemplateData<N> ? N : never;
}[NoticeTemplateName];

export const isNoticeTemplateName = (name: string): name is NoticeTemplateName =>
  Object.hasOwn(noticeTemplates, name);
