import * as z from 'zod';
import {
  ADMINISTRATOR_FOOTER,
  htmlAgencyContacts,
  htmlDocument,
  htmlParagraph,
  textAgencyContacts,
  textDocument,
} from '../layout.js';
import { defineNoticeTemplate } from '../notice-template.js';
import { agencyContactsField, auditFactFields, DateTextSchema, LineSchema } from '../template-fields.js';
import { htmlRemediationFacts, SeverityFieldSchema, textRemediationFacts } from './remediation-parts.js';

export const taskEscalationAdministratorsTemplate = defineNoticeTemplate({
  name: 'task-escalation-administrators',
  description:
    'A remediation task’s escalation reaches the state: administrators learn which agency owes what for which finding, how late, and whom to call.',
  audience: 'administrators',
  schema: z.object({
    ...auditFactFields,
    ...agencyContactsField,
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
  }),
  subject:
    'Escalation: {{{agencyName}}} (ORI {{{ori}}}) has not provided corrective action for {{{findingTitle}}}, due {{{taskDueDate}}}',
  html: htmlDocument({
    heading: 'Escalation: {{agencyName}} is {{overdueBy}} late with corrective action',
    preview: 'Owed for {{findingTitle}}: {{owed}}, due on {{taskDueDate}}.',
    body: [
      htmlParagraph(
        '{{agencyName}} (ORI {{ori}}) has not provided {{owed}} for the finding below, from the review of {{programTitle}}, period {{periodKey}}, due on {{taskDueDate}}: it is {{overdueBy}} overdue. Reminders, overdue notices and an escalation to the agency head have gone unanswered.',
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
      htmlAgencyContacts(),
    ],
    footer: ADMINISTRATOR_FOOTER,
  }),
  text: textDocument([
    '{{{agencyName}}} (ORI {{{ori}}}) has not provided {{{owed}}} for the finding below, from the review of {{{programTitle}}}, period {{{periodKey}}}, due on {{{taskDueDate}}}: it is {{{overdueBy}}} overdue.\nReminders, overdue notices and an escalation to the agency head have gone unanswered.',
    textRemediationFacts([
      ['Finding', '{{{findingTitle}}}'],
      ['Severity', '{{{severity}}}'],
      ['Task', '{{{taskId}}}'],
      ['Owed', '{{{owed}}}'],
      ['Task due date', '{{{taskDueDate}}}'],
      ['Overdue by', '{{{overdueBy}}}'],
      ['Owner', '{{{ownerRole}}}'],
    ]),
    textAgencyContacts(),
  ]),
});
