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
import {
  enumFieldSchema,
  htmlRemediationFacts,
  SeverityFieldSchema,
  textRemediationFacts,
} from './remediation-parts.js';

export const TASK_NOTICE_STAGES = ['reminder', 'due', 'overdue'] as const;

/**
 * The caller names the stage; SES templates cannot compare strings, so the schema turns it into one yes/no
 * flag per stage for `{{#if stage.isOverdue}}`. The piped object schema states the flags, so the template
 * checks (test/unit/notices) can see them.
 */
const TaskNoticeStageSchema = enumFieldSchema(TASK_NOTICE_STAGES)
  .transform((stage) => ({
    isReminder: stage === 'reminder',
    isDue: stage === 'due',
    isOverdue: stage === 'overdue',
  }))
  .pipe(z.object({ isReminder: z.boolean(), isDue: z.boolean(), isOverdue: z.boolean() }));

export const taskNoticeTemplate = defineNoticeTemplate({
  name: 'task-notice',
  description:
    'A remediation task’s reminder, due-day or overdue notice: what is owed for which finding, when, and the upload link.',
  audience: 'agency',
  schema: z.object({
    ...auditFactFields,
    ...contactEmailsField,
    stage: TaskNoticeStageSchema,
    /** When the task is (or was) due, as a whole phrase: "in 7 days", "today", "3 days ago". */
    timing: LineSchema,
    taskId: LineSchema,
    findingTitle: LineSchema,
    severity: SeverityFieldSchema,
    taskDueDate: DateTextSchema,
    /** What the agency owes: "a corrective action plan", "a revised corrective action plan", "verification evidence". */
    owed: LineSchema,
    link: UploadLinkFieldSchema,
  }),
  subject:
    '{{#if stage.isReminder}}Reminder: {{{owed}}} is due {{{taskDueDate}}}{{/if}}{{#if stage.isDue}}Due today, {{{taskDueDate}}}: {{{owed}}}{{/if}}{{#if stage.isOverdue}}Overdue since {{{taskDueDate}}}: {{{owed}}}{{/if}} for {{{findingTitle}}}, {{{agencyName}}} (ORI {{{ori}}})',
  html: htmlDocument({
    heading:
      '{{#if stage.isReminder}}Reminder: {{owed}} is due {{timing}}{{/if}}{{#if stage.isDue}}Due {{timing}}: {{owed}}{{/if}}{{#if stage.isOverdue}}Overdue: {{owed}} was due {{timing}}{{/if}}',
    preview: 'Owed for {{findingTitle}}: {{owed}}, due {{taskDueDate}}.',
    body: [
      `{{#if stage.isReminder}}
${htmlParagraph('This is a reminder: for the finding below, from the review of {{programTitle}} for {{agencyName}} (ORI {{ori}}), period {{periodKey}}, {{owed}} is due {{timing}}, on {{taskDueDate}}.')}
{{/if}}
{{#if stage.isDue}}
${htmlParagraph('For the finding below, from the review of {{programTitle}} for {{agencyName}} (ORI {{ori}}), period {{periodKey}}, {{owed}} is due {{timing}}, {{taskDueDate}}. Please submit it before the end of the day.')}
{{/if}}
{{#if stage.isOverdue}}
${htmlParagraph('For the finding below, from the review of {{programTitle}} for {{agencyName}} (ORI {{ori}}), period {{periodKey}}, {{owed}} was due {{timing}}, on {{taskDueDate}}, and has not arrived. Please submit it as soon as you can.')}
{{/if}}`,
      htmlRemediationFacts([
        ['Finding', '{{findingTitle}}'],
        ['Severity', '{{severity}}'],
        ['Task', '{{taskId}}'],
        ['Owed', '{{owed}}'],
        ['Task due date', '{{taskDueDate}}'],
      ]),
      htmlUploadLink('Open the upload page'),
      htmlContactEmails(),
    ],
    footer: AGENCY_FOOTER,
  }),
  text: textDocument([
    `{{#if stage.isReminder}}
This is a reminder: for the finding below, from the review of {{{programTitle}}} for {{{agencyName}}} (ORI {{{ori}}}), period {{{periodKey}}}, {{{owed}}} is due {{{timing}}}, on {{{taskDueDate}}}.
{{/if}}
{{#if stage.isDue}}
For the finding below, from the review of {{{programTitle}}} for {{{agencyName}}} (ORI {{{ori}}}), period {{{periodKey}}}, {{{owed}}} is due {{{timing}}}, {{{taskDueDate}}}.
Please submit it before the end of the day.
{{/if}}
{{#if stage.isOverdue}}
For the finding below, from the review of {{{programTitle}}} for {{{agencyName}}} (ORI {{{ori}}}), period {{{periodKey}}}, {{{owed}}} was due {{{timing}}}, on {{{taskDueDate}}}, and has not arrived.
Please submit it as soon as you can.
{{/if}}`,
    textRemediationFacts([
      ['Finding', '{{{findingTitle}}}'],
      ['Severity', '{{{severity}}}'],
      ['Task', '{{{taskId}}}'],
      ['Owed', '{{{owed}}}'],
      ['Task due date', '{{{taskDueDate}}}'],
    ]),
    textUploadLink('Submit it here'),
    textContactEmails(),
  ]),
});
