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

export const reminderTemplate = defineNoticeTemplate({
  name: 'reminder',
  description: 'Before the due date: what is still missing, how long is left, and a fresh upload link.',
  audience: 'agency',
  schema: z.object({
    ...auditFactFields,
    ...contactEmailsField,
    /** "7 days", "1 day". */
    dueIn: LineSchema,
    openRequests: z.array(RequestLineSchema).max(100),
    link: UploadLinkFieldSchema,
  }),
  subject: 'Reminder: {{{programId}}} evidence for {{{agencyName}}} (ORI {{{ori}}}) is due {{{dueDate}}}',
  html: htmlDocument({
    heading: 'Evidence due in {{dueIn}}, on {{dueDate}}',
    preview: '{{programTitle}} for {{agencyName}} is due on {{dueDate}}.',
    body: [
      htmlParagraph(
        'This is a reminder that evidence for {{programTitle}}, period {{periodKey}}, is due from {{agencyName}} (ORI {{ori}}) in {{dueIn}}, on {{dueDate}}.',
      ),
      htmlAuditFacts([['Time left', '{{dueIn}}']]),
      htmlHeading('Still to upload'),
      htmlList('openRequests', '{{description}}', 'Nothing is waiting for an upload right now.'),
      htmlUploadLink('Upload evidence'),
      htmlContactEmails(),
    ],
    footer: AGENCY_FOOTER,
  }),
  text: textDocument([
    'This is a reminder that evidence for {{{programTitle}}}, period {{{periodKey}}}, is due from {{{agencyName}}} (ORI {{{ori}}}) in {{{dueIn}}}, on {{{dueDate}}}.',
    textAuditFacts([['Time left', '{{{dueIn}}}']]),
    `Still to upload:\n${textList('openRequests', '{{{description}}}', 'nothing right now')}`,
    textUploadLink('Upload here'),
    textContactEmails(),
  ]),
});
