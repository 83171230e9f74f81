import * as z from 'zod';
import {
  AGENCY_FOOTER,
  htmlContactEmails,
  htmlDocument,
  htmlHeading,
  htmlParagraph,
  htmlUploadLink,
  textContactEmails,
  textDocument,
  textUploadLink,
} from '../layout.js';
import { defineNoticeTemplate } from '../notice-template.js';
import {
  auditFactFields,
  contactEmailsField,
  DateTextSchema,
  LineSchema,
  ParagraphSchema,
  UploadLinkFieldSchema,
} from '../template-fields.js';
import { htmlRemediationFacts, SeverityFieldSchema, textRemediationFacts } from './remediation-parts.js';

export const planRevisionRequestedTemplate = defineNoticeTemplate({
  name: 'plan-revision-requested',
  description:
    'A reviewer returned a corrective action plan: which finding, why, and the upload link for the revised plan.',
  audience: 'agency',
  schema: z.object({
    ...auditFactFields,
    ...contactEmailsField,
    taskId: LineSchema,
    findingTitle: LineSchema,
    severity: SeverityFieldSchema,
    /** When the revised plan is due. */
    taskDueDate: DateTextSchema,
    /** The reviewer's words. */
    reason: ParagraphSchema,
    link: UploadLinkFieldSchema,
  }),
  subject:
    'Corrective action plan returned, please revise: {{{findingTitle}}}, {{{agencyName}}} (ORI {{{ori}}}), due {{{taskDueDate}}}',
  html: htmlDocument({
    heading: 'Please revise your corrective action plan',
    preview: 'The reviewer asks for a revised plan for {{findingTitle}}: {{reason}}',
    body: [
      htmlParagraph(
        'The reviewer read the corrective action plan {{agencyName}} (ORI {{ori}}) submitted for the finding below, from the review of {{programTitle}}, period {{periodKey}}, and asks for a revised plan. Please submit it through the link below by {{taskDueDate}}.',
      ),
      htmlRemediationFacts([
        ['Finding', '{{findingTitle}}'],
        ['Severity', '{{severity}}'],
        ['Task', '{{taskId}}'],
        ['Revised plan due', '{{taskDueDate}}'],
      ]),
      htmlHeading('What to change'),
      htmlParagraph('{{reason}}'),
      htmlUploadLink('Submit a revised plan'),
      htmlContactEmails(),
    ],
    footer: AGENCY_FOOTER,
  }),
  text: textDocument([
    'The reviewer read the corrective action plan {{{agencyName}}} (ORI {{{ori}}}) submitted for the finding below, from the review of {{{programTitle}}}, period {{{periodKey}}}, and asks for a revised plan.\nPlease submit it through the link below by {{{taskDueDate}}}.',
    textRemediationFacts([
      ['Finding', '{{{findingTitle}}}'],
      ['Severity', '{{{severity}}}'],
      ['Task', '{{{taskId}}}'],
      ['Revised plan due', '{{{taskDueDate}}}'],
    ]),
    'What to change:\n{{{reason}}}',
    textUploadLink('Submit the revised plan here'),
    textContactEmails(),
  ]),
});
