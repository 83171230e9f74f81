import * as z from 'zod';
import {
  ADMINISTRATOR_FOOTER,
  htmlAgencyContacts,
  htmlAuditFacts,
  htmlDocument,
  htmlHeading,
  htmlList,
  htmlParagraph,
  textAgencyContacts,
  textAuditFacts,
  textDocument,
  textList,
} from '../layout.js';
import { defineNoticeTemplate } from '../notice-template.js';
import { agencyContactsField, auditFactFields, LineSchema, RequestLineSchema } from '../template-fields.js';

export const escalationAdministratorsTemplate = defineNoticeTemplate({
  name: 'escalation-administrators',
  description:
    'The escalation ladder reaches the state: administrators learn which agency has not provided overdue evidence, and whom to call.',
  audience: 'administrators',
  schema: z.object({
    ...auditFactFields,
    ...agencyContactsField,
    auditId: LineSchema,
    overdueBy: LineSchema,
    responsibleRole: LineSchema,
    openRequests: z.array(RequestLineSchema).max(100),
  }),
  subject:
    'Escalation: {{{agencyName}}} (ORI {{{ori}}}) has not provided {{{programId}}} evidence due {{{dueDate}}}',
  html: htmlDocument({
    heading: 'Escalation: {{agencyName}} is {{overdueBy}} overdue',
    preview: '{{programTitle}} evidence was due on {{dueDate}}.',
    body: [
      htmlParagraph(
        '{{agencyName}} (ORI {{ori}}) has not provided the evidence for {{programTitle}}, period {{periodKey}}, due on {{dueDate}}: it is {{overdueBy}} overdue. Reminders, overdue notices and an escalation to the agency head have gone unanswered.',
      ),
      htmlAuditFacts([
        ['Overdue by', '{{overdueBy}}'],
        ['Responsible', '{{responsibleRole}}'],
        ['Audit', '{{auditId}}'],
      ]),
      htmlHeading('Still missing'),
      htmlList('openRequests', '{{description}}', 'Nothing is missing any more.'),
      htmlAgencyContacts(),
      htmlParagraph(
        'See the audit with <code>clets-audit audits show {{auditId}}</code>, or reissue the agency’s link with <code>clets-audit links reissue {{auditId}} &lt;role&gt;</code>.',
      ),
    ],
    footer: ADMINISTRATOR_FOOTER,
  }),
  text: textDocument([
    '{{{agencyName}}} (ORI {{{ori}}}) has not provided the evidence for {{{programTitle}}}, period {{{periodKey}}}, due on {{{dueDate}}}: it is {{{overdueBy}}} overdue.\nReminders, overdue notices and an escalation to the agency head have gone unanswered.',
    textAuditFacts([
      ['Overdue by', '{{{overdueBy}}}'],
      ['Responsible', '{{{responsibleRole}}}'],
      ['Audit', '{{{auditId}}}'],
    ]),
    `Still missing:\n${textList('openRequests', '{{{description}}}', 'nothing any more')}`,
    textAgencyContacts(),
    'See the audit with: clets-audit audits show {{{auditId}}}\nReissue the agency’s link with: clets-audit links reissue {{{auditId}}} <role>',
  ]),
});
