import * as z from 'zod';
import {
  AGENCY_RECORD_FOOTER,
  htmlContactEmails,
  htmlDocument,
  htmlParagraph,
  textContactEmails,
  textDocument,
} from '../layout.js';
import { defineNoticeTemplate } from '../notice-template.js';
import { auditFactFields, contactEmailsField, LineSchema } from '../template-fields.js';
import { htmlRemediationFacts, textRemediationFacts } from './remediation-parts.js';

export const taskClosedTemplate = defineNoticeTemplate({
  name: 'task-closed',
  description: 'A reviewer verified a corrective action and closed its task: nothing more is owed for it.',
  audience: 'agency',
  schema: z.object({
    ...auditFactFields,
    ...contactEmailsField,
    taskId: LineSchema,
    findingTitle: LineSchema,
  }),
  subject: 'Corrective action verified, task closed: {{{findingTitle}}}, {{{agencyName}}} (ORI {{{ori}}})',
  html: htmlDocument({
    heading: 'Corrective action verified: task closed',
    preview: 'Nothing more is needed for {{findingTitle}}.',
    body: [
      htmlParagraph(
        'The reviewer verified the corrective action {{agencyName}} (ORI {{ori}}) took for the finding below, from the review of {{programTitle}}, period {{periodKey}}, and closed the task. Nothing more is needed for this finding; keep this email for your records.',
      ),
      htmlRemediationFacts([
        ['Finding', '{{findingTitle}}'],
        ['Task', '{{taskId}}'],
      ]),
      htmlContactEmails(),
    ],
    footer: AGENCY_RECORD_FOOTER,
  }),
  text: textDocument([
    'The reviewer verified the corrective action {{{agencyName}}} (ORI {{{ori}}}) took for the finding below, from the review of {{{programTitle}}}, period {{{periodKey}}}, and closed the task.\nNothing more is needed for this finding; keep this email for your records.',
    textRemediationFacts([
      ['Finding', '{{{findingTitle}}}'],
      ['Task', '{{{taskId}}}'],
    ]),
    textContactEmails(),
  ]),
});
