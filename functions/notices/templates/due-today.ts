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
  RequestLineSchema,
  UploadLinkFieldSchema,
} from '../template-fields.js';

export const dueTodayTemplate = defineNoticeTemplate({
  name: 'due-today',
  description: 'On the due date: what is still missing, and a fresh upload link.',
  audience: 'agency',
  schema: z.object({
    ...auditFactFields,
    ...contactEmailsField,
    openRequests: z.array(RequestLineSchema).max(100),
    link: UploadLinkFieldSchema,
  }),
  subject: 'Due today, {{{dueDate}}}: {{{programId}}} evidence for {{{agencyName}}} (ORI {{{ori}}})',
  html: htmlDocument({
    heading: 'Evidence is due today, {{dueDate}}',
    preview: '{{programTitle}} for {{agencyName}} is due today.',
    body: [
      htmlParagraph(
        'Evidence for {{programTitle}}, period {{periodKey}}, is due from {{agencyName}} (ORI {{ori}}) today, {{dueDate}}. Please upload what is still missing before the end of the day.',
      ),
      htmlAuditFacts(),
      htmlHeading('Still to upload'),
      htmlList('openRequests', '{{description}}', 'Nothing is waiting for an upload right now.'),
      htmlUploadLink('Upload evidence'),
      htmlContactEmails(),
    ],
    footer: AGENCY_FOOTER,
  }),
  text: textDocument([
    'Evidence for {{{programTitle}}}, period {{{periodKey}}}, is due from {{{agencyName}}} (ORI {{{ori}}}) today, {{{dueDate}}}.\nPlease upload what is still missing before the end of the day.',
    textAuditFacts(),
    `Still to upload:\n${textList('openRequests', '{{{description}}}', 'nothing right now')}`,
    textUploadLink('Upload here'),
    textContactEmails(),
  ]),
});
