import * as z from 'zod';
import {
  AGENCY_RECORD_FOOTER,
  htmlAuditFacts,
  htmlContactEmails,
  htmlDocument,
  htmlParagraph,
  textAuditFacts,
  textContactEmails,
  textDocument,
} from '../layout.js';
import { defineNoticeTemplate } from '../notice-template.js';
import { auditFactFields, contactEmailsField, LineSchema, ParagraphSchema } from '../template-fields.js';

export const evidenceReceiptTemplate = defineNoticeTemplate({
  name: 'evidence-receipt',
  description: 'A file was received and verified: its fingerprint, as the agency’s receipt.',
  audience: 'agency',
  schema: z.object({
    ...auditFactFields,
    ...contactEmailsField,
    requestDescription: ParagraphSchema,
    fileName: LineSchema,
    /** "2.4 MB (2,517,164 bytes)". */
    size: LineSchema,
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be a lowercase hex SHA-256 digest'),
    /** When it was received, local time with its zone. */
    receivedAt: LineSchema,
  }),
  subject:
    'Receipt: evidence received for {{{programId}}}, {{{agencyName}}} (ORI {{{ori}}}), due {{{dueDate}}}',
  html: htmlDocument({
    heading: 'Receipt: your file was received and verified',
    preview: '{{fileName}} for {{programTitle}} was received on {{receivedAt}}.',
    body: [
      htmlParagraph(
        'Received and verified for {{agencyName}} (ORI {{ori}}), {{programTitle}}, period {{periodKey}}:',
      ),
      htmlAuditFacts([
        ['Item', '{{requestDescription}}'],
        ['File', '{{fileName}}'],
        ['Size', '{{size}}'],
        [
          'SHA-256',
          '<span style="font-family:Consolas,Menlo,monospace;word-break:break-all;">{{sha256}}</span>',
        ],
        ['Received', '{{receivedAt}}'],
      ]),
      htmlParagraph(
        'The SHA-256 fingerprint identifies exactly the file we hold; keep this email as your receipt. A reviewer will look at it; you will hear from us if anything is missing.',
      ),
      htmlContactEmails(),
    ],
    footer: AGENCY_RECORD_FOOTER,
  }),
  text: textDocument([
    'Received and verified for {{{agencyName}}} (ORI {{{ori}}}), {{{programTitle}}}, period {{{periodKey}}}:',
    textAuditFacts([
      ['Item', '{{{requestDescription}}}'],
      ['File', '{{{fileName}}}'],
      ['Size', '{{{size}}}'],
      ['SHA-256', '{{{sha256}}}'],
      ['Received', '{{{receivedAt}}}'],
    ]),
    'The SHA-256 fingerprint identifies exactly the file we hold; keep this email as your receipt.\nA reviewer will look at it; you will hear from us if anything is missing.',
    textContactEmails(),
  ]),
});
