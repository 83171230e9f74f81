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

export const linkReissuedTemplate = defineNoticeTemplate({
  name: 'link-reissued',
  description: 'An administrator issued the role a new upload link; earlier links of the role stop working.',
  audience: 'agency',
  schema: z.object({
    ...auditFactFields,
    ...contactEmailsField,
    openRequests: z.array(RequestLineSchema).max(100),
    link: UploadLinkFieldSchema,
  }),
  subject: 'New upload link: {{{programId}}} for {{{agencyName}}} (ORI {{{ori}}}), due {{{dueDate}}}',
  html: htmlDocument({
    heading: 'A new upload link for {{agencyName}}, due {{dueDate}}',
    preview: 'Earlier links for your role no longer work; use this one.',
    body: [
      htmlParagraph(
        'A new upload link was issued for {{agencyName}} (ORI {{ori}}): {{programTitle}}, period {{periodKey}}, due {{dueDate}}. Earlier links for your role no longer work.',
      ),
      htmlAuditFacts(),
      htmlHeading('Still to upload'),
      htmlList('openRequests', '{{description}}', 'Nothing is waiting for an upload right now.'),
      htmlUploadLink('Open the upload page'),
      htmlContactEmails(),
    ],
    footer: AGENCY_FOOTER,
  }),
  text: textDocument([
    'A new upload link was issued for {{{agencyName}}} (ORI {{{ori}}}): {{{programTitle}}}, period {{{periodKey}}}, due {{{dueDate}}}.\nEarlier links for your role no longer work.',
    textAuditFacts(),
    `Still to upload:\n${textList('openRequests', '{{{description}}}', 'nothing right now')}`,
    textUploadLink('Upload here'),
    textContactEmails(),
  ]),
});
