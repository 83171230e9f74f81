import * as z from 'zod';
import {
  AGENCY_FOOTER,
  htmlContactEmails,
  htmlDocument,
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
  UploadLinkFieldSchema,
} from '../template-fields.js';
import { htmlRemediationFacts, textRemediationFacts } from './remediation-parts.js';

export const planAcceptedTemplate = defineNoticeTemplate({
  name: 'plan-accepted',
  description:
    'A reviewer accepted a corrective action plan: verification evidence is owed next, through the upload link, by the task’s due date.',
  audience: 'agency',
  schema: z.object({
    ...auditFactFields,
    ...contactEmailsField,
    taskId: LineSchema,
    findingTitle: LineSchema,
    /** When the verification evidence is due. */
    taskDueDate: DateTextSchema,
    /** When the plan says the fix will be in place. */
    planTargetDate: DateTextSchema,
    link: UploadLinkFieldSchema,
  }),
  subject:
    'Corrective action plan accepted: {{{findingTitle}}}, {{{agencyName}}} (ORI {{{ori}}}), verification due {{{taskDueDate}}}',
  html: htmlDocument({
    heading: 'Your corrective action plan was accepted',
    preview: 'Upload verification evidence for {{findingTitle}} by {{taskDueDate}}.',
    body: [
      htmlParagraph(
        'The reviewer accepted the corrective action plan {{agencyName}} (ORI {{ori}}) submitted for the finding below, from the review of {{programTitle}}, period {{periodKey}}. The plan puts the fix in place by {{planTargetDate}}.',
      ),
      htmlParagraph(
        'Once the fix is in place, upload the evidence that it works (verification evidence) through the link below, by {{taskDueDate}}. The task is closed when the reviewer has verified it.',
      ),
      htmlRemediationFacts([
        ['Finding', '{{findingTitle}}'],
        ['Task', '{{taskId}}'],
        ['Plan target date', '{{planTargetDate}}'],
        ['Verification due', '{{taskDueDate}}'],
      ]),
      htmlUploadLink('Upload verification evidence'),
      htmlContactEmails(),
    ],
    footer: AGENCY_FOOTER,
  }),
  text: textDocument([
    'The reviewer accepted the corrective action plan {{{agencyName}}} (ORI {{{ori}}}) submitted for the finding below, from the review of {{{programTitle}}}, period {{{periodKey}}}.\nThe plan puts the fix in place by {{{planTargetDate}}}.',
    'Once the fix is in place, upload the evidence that it works (verification evidence) through the link below, by {{{taskDueDate}}}.\nThe task is closed when the reviewer has verified it.',
    textRemediationFacts([
      ['Finding', '{{{findingTitle}}}'],
      ['Task', '{{{taskId}}}'],
      ['Plan target date', '{{{planTargetDate}}}'],
      ['Verification due', '{{{taskDueDate}}}'],
    ]),
    textUploadLink('Upload verification evidence here'),
    textContactEmails(),
  ]),
});
