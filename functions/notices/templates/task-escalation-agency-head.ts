import * as z from 'zod';
import {
  AGENCY_FOOTER,
  htmlContactEmails,
  htmlDocument,
  htmlParagraph,
  htmlUploadLink,
  textContactEmails,
  textDocument,
  textUploadLink,
} from '../layout.js';
import { defineNoticeTemplate } from '../notice-template.js';
import {
  auditFactFields,
  contactEmailsField,
  DateTextSchema,
  LineSchema,
  UploadLinkFieldSchema,
} from '../template-fields.js';
import { htmlRemediationFacts, SeverityFieldSchema, textRemediationFacts } from './remediation-parts.js';

export const taskEscalationAgencyHeadTemplate = defineNoticeTemplate({
  name: 'task-escalation-agency-head',
  description:
    'A remediation task’s escalation reaches the agency head: what is owed for which finding, how late, who owns it, and the upload link.',
  audience: 'agency',
  schema: z.object({
    ...auditFactFields,
    ...contactEmailsField,
    taskId: LineSchema,
    findingTitle: LineSchema,
    severity: SeverityFieldSchema,
    /** The role that owns the task, spelled out: "Terminal Agency Coordinator (TAC)". */
    ownerRole: LineSchema,
    taskDueDate: DateTextSchema,
    /** "12 days". */
    overdueBy: LineSchema,
    /** "a corrective action plan", "verification evidence". */
    owed: LineSchema,
    link: UploadLinkFieldSchema,
  }),
  subject:
    'Escalation: corrective action for {{{findingTitle}}} is overdue since {{{taskDueDate}}}, {{{agencyName}}} (ORI {{{ori}}})',
  html: htmlDocument({
    heading: 'Escalation: corrective action overdue since {{taskDueDate}}',
    preview: '{{agencyName}} has not yet provided {{owed}} for {{findingTitle}}.',
    body: [
      htmlParagraph(
        'This notice goes to the head of {{agencyName}} (ORI {{ori}}). For the finding below, from the review of {{programTitle}}, period {{periodKey}}, {{owed}} was due on {{taskDueDate}} and is {{overdueBy}} overdue. The {{ownerRole}} owns this task; reminders and overdue notices have gone unanswered.',
      ),
      htmlParagraph(
        'Please see that it is submitted through the link below, or tell the administrators below what stands in the way. If nothing arrives, the task is escalated to the state’s CLETS audit administrators.',
      ),
      htmlRemediationFacts([
        ['Finding', '{{findingTitle}}'],
        ['Severity', '{{severity}}'],
        ['Task', '{{taskId}}'],
        ['Owed', '{{owed}}'],
        ['Task due date', '{{taskDueDate}}'],
        ['Overdue by', '{{overdueBy}}'],
        ['Owner', '{{ownerRole}}'],
      ]),
      htmlUploadLink('Open the upload page'),
      htmlContactEmails(),
    ],
    footer: AGENCY_FOOTER,
  }),
  text: textDocument([
    'This notice goes to the head of {{{agencyName}}} (ORI {{{ori}}}). For the finding below, from the review of {{{programTitle}}}, period {{{periodKey}}}, {{{owed}}} was due on {{{taskDueDate}}} and is {{{overdueBy}}} overdue.\nThe {{{ownerRole}}} owns this task; reminders and overdue notices have gone unanswered.',
    'Please see that it is submitted through the link below, or tell the administrators below what stands in the way.\nIf nothing arrives, the task is escalated to the state’s CLETS audit administrators.',
    textRemediationFacts([
      ['Finding', '{{{findingTitle}}}'],
      ['Severity', '{{{severity}}}'],
      ['Task', '{{{taskId}}}'],
      ['Owed', '{{{owed}}}'],
      ['Task due date', '{{{taskDueDate}}}'],
      ['Overdue by', '{{{overdueBy}}}'],
      ['Owner', '{{{ownerRole}}}'],
    ]),
    textUploadLink('Submit it here'),
    textContactEmails(),
  ]),
});
