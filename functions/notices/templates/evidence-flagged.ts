import * as z from 'zod';
import {
  AGENCY_FOOTER,
  htmlAuditFacts,
  htmlContactEmails,
  htmlDocument,
  htmlHeading,
  htmlParagraph,
  htmlUploadLink,
  textAuditFacts,
  textContactEmails,
  textDocument,
  textUploadLink,
} from '../layout.js';
import { defineNoticeTemplate } from '../notice-template.js';
import {
  auditFactFields,
  contactEmailsField,
  LineSchema,
  ParagraphSchema,
  UploadLinkFieldSchema,
} from '../template-fields.js';

export const evidenceFlaggedTemplate = defineNoticeTemplate({
  name: 'evidence-flagged',
  description: 'A reviewer returned a file: which item, which file, why, and a fresh upload link.',
  audience: 'agency',
  schema: z.object({
    ...auditFactFields,
    ...contactEmailsField,
    requestDescription: ParagraphSchema,
    fileName: LineSchema,
    reason: ParagraphSchema,
    link: UploadLinkFieldSchema,
  }),
  subject:
    'Evidence returned, please upload again: {{{programId}}} for {{{agencyName}}} (ORI {{{ori}}}), due {{{dueDate}}}',
  html: htmlDocument({
    heading: 'A file was returned: please upload it again',
    preview: 'The reviewer returned {{fileName}}: {{reason}}',
    body: [
      htmlParagraph(
        'The reviewer returned a file uploaded by {{agencyName}} (ORI {{ori}}) for {{programTitle}}, period {{periodKey}}. Please upload a corrected file for this item.',
      ),
      htmlAuditFacts([
        ['Item', '{{requestDescription}}'],
        ['File', '{{fileName}}'],
      ]),
      htmlHeading('Why it was returned'),
      htmlParagraph('{{reason}}'),
      htmlUploadLink('Upload a corrected file'),
      htmlContactEmails(),
    ],
    footer: AGENCY_FOOTER,
  }),
  text: textDocument([
    'The reviewer returned a file uploaded by {{{agencyName}}} (ORI {{{ori}}}) for {{{programTitle}}}, period {{{periodKey}}}.\nPlease upload a corrected file for this item.',
    textAuditFacts([
      ['Item', '{{{requestDescription}}}'],
      ['File', '{{{fileName}}}'],
    ]),
    'Why it was returned:\n{{{reason}}}',
    textUploadLink('Upload the corrected file here'),
    textContactEmails(),
  ]),
});
