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

export const auditOpenedTemplate = defineNoticeTemplate({
  name: 'audit-opened',
  description: 'An audit opened: what is requested, by when, and the role’s own upload link.',
  audience: 'agency',
  schema: z.object({
    ...auditFactFields,
    ...contactEmailsField,
    requests: z.array(RequestLineSchema).max(100),
    link: UploadLinkFieldSchema,
  }),
  subject: 'Evidence requested: {{{programId}}} for {{{agencyName}}} (ORI {{{ori}}}), due {{{dueDate}}}',
  html: htmlDocument({
    heading: 'Evidence requested for {{agencyName}}, due {{dueDate}}',
    preview: 'Upload the evidence for {{programTitle}} by {{dueDate}}.',
    body: [
      htmlParagraph(
        'An audit is open for your agency, {{agencyName}} (ORI {{ori}}): {{programTitle}}, period {{periodKey}}. Please upload the evidence below by {{dueDate}}.',
      ),
      htmlAuditFacts(),
      htmlHeading('What to upload'),
      htmlList('requests', '{{description}}', 'The upload page lists what is requested.'),
      htmlUploadLink('Upload evidence'),
      htmlContactEmails(),
    ],
    footer: AGENCY_FOOTER,
  }),
  text: textDocument([
    'An audit is open for your agency, {{{agencyName}}} (ORI {{{ori}}}): {{{programTitle}}}, period {{{periodKey}}}.\nPlease upload the evidence below by {{{dueDate}}}.',
    textAuditFacts(),
    `What to upload:\n${textList('requests', '{{{description}}}', 'see the upload page')}`,
    textUploadLink('Upload here'),
    textContactEmails(),
  ]),
});
