import * as z from 'zod';
import {
  AGENCY_FOOTER,
  htmlAuditFacts,
  htmlContactEmails,
  htmlDocument,
  htmlHeading,
  htmlList,
  htmlParagraph,
  htmlUploadLink,
  textAuditFacts,
  textContactEmails,
  textDocument,
  textList,
  textUploadLink,
} from '../layout.js';
import { defineNoticeTemplate } from '../notice-template.js';
import {
  auditFactFields,
  contactEmailsField,
  LineSchema,
  RequestLineSchema,
  UploadLinkFieldSchema,
} from '../template-fields.js';

export const overdueTemplate = defineNoticeTemplate({
  name: 'overdue',
  description:
    'After the due date, repeating: what is still missing, how late it is, and a fresh upload link.',
  audience: 'agency',
  schema: z.object({
    ...auditFactFields,
    ...contactEmailsField,
    /** "3 days". */
    overdueBy: LineSchema,
    openRequests: z.array(RequestLineSchema).max(100),
    link: UploadLinkFieldSchema,
  }),
  subject: 'Overdue since {{{dueDate}}}: {{{programId}}} evidence for {{{agencyName}}} (ORI {{{ori}}})',
  html: htmlDocument({
    heading: 'Evidence overdue since {{dueDate}}',
    preview: '{{programTitle}} for {{agencyName}} is {{overdueBy}} overdue.',
    body: [
      htmlParagraph(
        'Evidence for {{programTitle}}, period {{periodKey}}, was due from {{agencyName}} (ORI {{ori}}) on {{dueDate}} and is now {{overdueBy}} overdue. Please upload what is still missing as soon as you can.',
      ),
      htmlAuditFacts([['Overdue by', '{{overdueBy}}']]),
      htmlHeading('Still to upload'),
      htmlList('openRequests', '{{description}}', 'Nothing is waiting for an upload right now.'),
      htmlUploadLink('Upload evidence'),
      htmlContactEmails(),
    ],
    footer: AGENCY_FOOTER,
  }),
  text: textDocument([
    'Evidence for {{{programTitle}}}, period {{{periodKey}}}, was due from {{{agencyName}}} (ORI {{{ori}}}) on {{{dueDate}}} and is now {{{overdueBy}}} overdue.\nPlease upload what is still missing as soon as you can.',
    textAuditFacts([['Overdue by', '{{{overdueBy}}}']]),
    `Still to upload:\n${textList('openRequests', '{{{description}}}', 'nothing right now')}`,
    textUploadLink('Upload here'),
    textContactEmails(),
  ]),
});
