import * as z from 'zod';
import {
  AGENCY_RECORD_FOOTER,
  htmlAuditFacts,
  htmlContactEmails,
  htmlDocument,
  htmlHeading,
  htmlList,
  htmlParagraph,
  textAuditFacts,
  textContactEmails,
  textDocument,
  textList,
} from '../layout.js';
import { defineNoticeTemplate } from '../notice-template.js';
import { auditFactFields, contactEmailsField, ParagraphSchema } from '../template-fields.js';

export const uploadRejectedTemplate = defineNoticeTemplate({
  name: 'upload-rejected',
  description: 'An upload did not match what the upload page declared, so it was not recorded: why.',
  audience: 'agency',
  schema: z.object({
    ...auditFactFields,
    ...contactEmailsField,
    requestDescription: ParagraphSchema,
    /** Empty when the upload declared no name. */
    fileName: z
      .string()
      .max(255)
      .regex(/^[^\r\n]*$/, 'must be a single line'),
    reasons: z.array(ParagraphSchema).min(1).max(20),
  }),
  subject:
    'Upload not accepted, please try again: {{{programId}}} for {{{agencyName}}} (ORI {{{ori}}}), due {{{dueDate}}}',
  html: htmlDocument({
    heading: 'An upload was not accepted',
    preview: 'Please upload the file again from the link in your audit email.',
    body: [
      htmlParagraph(
        'An upload for {{agencyName}} (ORI {{ori}}), {{programTitle}} (period {{periodKey}}) did not match what the upload page declared, so it was not recorded as evidence.',
      ),
      htmlAuditFacts([
        ['Item', '{{requestDescription}}'],
        ['File', '{{#if fileName}}{{fileName}}{{else}}(no name given){{/if}}'],
      ]),
      htmlHeading('Why'),
      htmlList('reasons', '{{this}}', 'No reason was recorded.'),
      htmlParagraph(
        'Please upload the file again from the link in your audit email, before {{dueDate}}. If this keeps happening, the file may be changing while it uploads (for example a document still open in an editor).',
      ),
      htmlContactEmails(),
    ],
    footer: AGENCY_RECORD_FOOTER,
  }),
  text: textDocument([
    'An upload for {{{agencyName}}} (ORI {{{ori}}}), {{{programTitle}}} (period {{{periodKey}}}) did not match what the upload page declared, so it was not recorded as evidence.',
    textAuditFacts([
      ['Item', '{{{requestDescription}}}'],
      ['File', '{{#if fileName}}{{{fileName}}}{{else}}(no name given){{/if}}'],
    ]),
    `Why:\n${textList('reasons', '{{{this}}}', 'no reason was recorded')}`,
    'Please upload the file again from the link in your audit email, before {{{dueDate}}}.\nIf this keeps happening, the file may be changing while it uploads (for example a document still open in an editor).',
    textContactEmails(),
  ]),
});
