import * as z from 'zod';
import {
  AGENCY_FOOTER,
  htmlContactEmails,
  htmlDocument,
  htmlFacts,
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
import {
  htmlRemediationFacts,
  htmlSubheading,
  SeverityFieldSchema,
  textRemediationFacts,
} from './remediation-parts.js';

export const remediationRequiredTemplate = defineNoticeTemplate({
  name: 'remediation-required',
  description:
    'The review found gaps: each finding, its severity and due date, and the upload link for corrective action plans and, later, verification evidence.',
  audience: 'agency',
  schema: z.object({
    ...auditFactFields,
    ...contactEmailsField,
    /** How many findings need corrective action. */
    findingCount: z.number().int().min(1),
    findings: z
      .array(
        z.object({
          findingId: LineSchema,
          title: LineSchema,
          severity: SeverityFieldSchema,
          description: ParagraphSchema,
          /** When the corrective action plan is due. */
          dueDate: DateTextSchema,
          /** The same gap was a finding in the program's previous audit of this agency. */
          repeat: z.boolean(),
          taskId: LineSchema,
        }),
      )
      .min(1)
      .max(100),
    link: UploadLinkFieldSchema,
  }),
  subject:
    'Corrective action required: {{{programId}}} findings for {{{agencyName}}} (ORI {{{ori}}}), {{{findingCount}}} to correct',
  html: htmlDocument({
    heading: 'Findings that need corrective action: {{findingCount}}',
    preview: 'The review of {{programTitle}} for {{agencyName}} found gaps that need corrective action.',
    body: [
      htmlParagraph(
        'The review of {{programTitle}}, period {{periodKey}}, for {{agencyName}} (ORI {{ori}}) recorded findings that need corrective action: {{findingCount}} in all, listed below.',
      ),
      htmlParagraph(
        'For each finding, submit a corrective action plan through the link below by the finding’s due date. Once the fix is in place, upload the evidence that it works (verification evidence) through the same link.',
      ),
      htmlRemediationFacts(),
      htmlHeading('Findings'),
      `{{#each findings}}
${htmlSubheading('{{title}}')}
{{#if repeat}}
${htmlParagraph('<strong>Repeat finding:</strong> this was also a finding in the previous audit.')}
{{/if}}
${htmlFacts([
  ['Severity', '{{severity}}'],
  ['Plan due', '{{dueDate}}'],
  ['Finding', '{{findingId}}'],
  ['Task', '{{taskId}}'],
])}
${htmlParagraph('{{description}}')}
{{/each}}`,
      htmlUploadLink('Submit corrective action plans'),
      htmlContactEmails(),
    ],
    footer: AGENCY_FOOTER,
  }),
  text: textDocument([
    'The review of {{{programTitle}}}, period {{{periodKey}}}, for {{{agencyName}}} (ORI {{{ori}}}) recorded findings that need corrective action: {{{findingCount}}} in all, listed below.',
    'For each finding, submit a corrective action plan through the link below by the finding’s due date.\nOnce the fix is in place, upload the evidence that it works (verification evidence) through the same link.',
    textRemediationFacts(),
    `Findings:
{{#each findings}}

- {{{title}}}{{#if repeat}} (REPEAT FINDING: also a finding in the previous audit){{/if}}
  Severity: {{{severity}}}
  Plan due: {{{dueDate}}}
  Finding: {{{findingId}}}
  Task: {{{taskId}}}
  {{{description}}}
{{/each}}`,
    textUploadLink('Submit plans, and later verification evidence, here'),
    textContactEmails(),
  ]),
});
