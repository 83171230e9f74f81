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

export const overdueAuditTemplate = defineNoticeTemplate({
  name: 'overdue-audit',
  description:
    'Once per audit: administrators learn that an audit passed its due date without complete evidence.',
  audience: 'administrators',
  schema: z.object({
    ...auditFactFields,
    ...agencyContactsField,
    auditId: LineSchema,
    overdueBy: LineSchema,
    openRequests: z.array(RequestLineSchema).max(100),
  }),
  subject: 'Overdue audit: {{{programId}}} for {{{agencyName}}} (ORI {{{ori}}}) was due {{{dueDate}}}',
  html: htmlDocument({
    heading: 'Overdue audit: {{agencyName}}, due {{dueDate}}',
    preview: 'The evidence for {{programTitle}} is incomplete.',
    body: [
      htmlParagraph(
        'The audit {{programTitle}}, period {{periodKey}}, of {{agencyName}} (ORI {{ori}}) passed its due date, {{dueDate}}, without complete evidence. It is {{overdueBy}} overdue. The agency keeps receiving overdue notices; you will hear again if the escalation ladder reaches the administrators.',
      ),
      htmlAuditFacts([
        ['Overdue by', '{{overdueBy}}'],
        ['Audit', '{{auditId}}'],
      ]),
      htmlHeading('Still missing'),
      htmlList('openRequests', '{{description}}', 'Nothing is missing any more.'),
      htmlAgencyContacts(),
      htmlParagraph('See the audit with <code>clets-audit audits show {{auditId}}</code>.'),
    ],
    footer: ADMINISTRATOR_FOOTER,
  }),
  text: textDocument([
    'The audit {{{programTitle}}}, period {{{periodKey}}}, of {{{agencyName}}} (ORI {{{ori}}}) passed its due date, {{{dueDate}}}, without complete evidence. It is {{{overdueBy}}} overdue.\nThe agency keeps receiving overdue notices; you will hear again if the escalation ladder reaches the administrators.',
    textAuditFacts([
      ['Overdue by', '{{{overdueBy}}}'],
      ['Audit', '{{{auditId}}}'],
    ]),
    `Still missing:\n${textList('openRequests', '{{{description}}}', 'nothing any more')}`,
    textAgencyContacts(),
    'See the audit with: clets-audit audits show {{{auditId}}}',
  ]),
});
