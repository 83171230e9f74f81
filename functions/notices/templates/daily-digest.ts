import * as z from 'zod';
import {
  ADMINISTRATOR_FOOTER,
  htmlDocument,
  htmlFacts,
  htmlHeading,
  htmlParagraph,
  htmlTable,
  noWrap,
  textDocument,
  textFacts,
  textList,
} from '../layout.js';
import { defineNoticeTemplate } from '../notice-template.js';
import { DateTextSchema, LineSchema, ParagraphSchema } from '../template-fields.js';

const Count = z.number().int().min(0);
const MAX_ROWS = 500;

export const dailyDigestTemplate = defineNoticeTemplate({
  name: 'daily-digest',
  description:
    'Every morning, to administrators: audits due this week, overdue audits by agency, flagged evidence waiting on agencies, overdue remediation.',
  audience: 'administrators',
  schema: z.object({
    /** The local date the digest is for. */
    date: DateTextSchema,
    timeZone: LineSchema,
    /** Counts of the whole open work; the lists may be cut at their first rows. */
    totals: z.object({
      dueThisWeek: Count,
      overdue: Count,
      flaggedWaiting: Count,
      overdueRemediation: Count,
    }),
    dueThisWeek: z
      .array(
        z.object({
          agencyName: LineSchema,
          ori: LineSchema,
          programId: LineSchema,
          dueDate: DateTextSchema,
          auditId: LineSchema,
        }),
      )
      .max(MAX_ROWS),
    overdueByAgency: z
      .array(
        z.object({
          agencyName: LineSchema,
          ori: LineSchema,
          audits: z
            .array(
              z.object({
                programId: LineSchema,
                dueDate: DateTextSchema,
                overdueBy: LineSchema,
                auditId: LineSchema,
              }),
            )
            .min(1)
            .max(MAX_ROWS),
        }),
      )
      .max(MAX_ROWS),
    flaggedWaiting: z
      .array(
        z.object({
          agencyName: LineSchema,
          ori: LineSchema,
          programId: LineSchema,
          requestDescription: ParagraphSchema,
          flaggedOn: DateTextSchema,
          auditId: LineSchema,
        }),
      )
      .max(MAX_ROWS),
    overdueRemediation: z
      .array(
        z.object({
          agencyName: LineSchema,
          ori: LineSchema,
          title: ParagraphSchema,
          dueDate: DateTextSchema,
          overdueBy: LineSchema,
          auditId: LineSchema,
        }),
      )
      .max(MAX_ROWS),
  }),
  subject:
    'Daily digest for {{{date}}}: {{{totals.overdue}}} overdue, {{{totals.dueThisWeek}}} due this week, {{{totals.flaggedWaiting}}} flagged, {{{totals.overdueRemediation}}} remediation overdue',
  html: htmlDocument({
    heading: 'Daily digest for {{date}}',
    preview: '{{totals.overdue}} overdue audits, {{totals.dueThisWeek}} due this week.',
    body: [
      htmlParagraph('Open CLETS audit work as of the morning of {{date}} ({{timeZone}}).'),
      htmlFacts([
        ['Overdue audits', '{{totals.overdue}}'],
        ['Due this week', '{{totals.dueThisWeek}}'],
        ['Flagged evidence waiting on agencies', '{{totals.flaggedWaiting}}'],
        ['Overdue remediation tasks', '{{totals.overdueRemediation}}'],
      ]),
      htmlHeading('Overdue, by agency'),
      `{{#if overdueByAgency}}
{{#each overdueByAgency}}
<h3 style="margin:16px 0 8px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:22px;color:#1f2937;">{{agencyName}} (ORI {{ori}})</h3>
${htmlTable(
  'audits',
  [
    ['Program', '{{programId}}'],
    ['Due', noWrap('{{dueDate}}')],
    ['Overdue by', '{{overdueBy}}'],
    ['Audit', '{{auditId}}'],
  ],
  'No overdue audits.',
)}
{{/each}}
{{else}}
${htmlParagraph('No audit is overdue.')}
{{/if}}`,
      htmlHeading('Due this week'),
      htmlTable(
        'dueThisWeek',
        [
          ['Agency', '{{agencyName}} (ORI {{ori}})'],
          ['Program', '{{programId}}'],
          ['Due', noWrap('{{dueDate}}')],
          ['Audit', '{{auditId}}'],
        ],
        'Nothing is due this week.',
      ),
      htmlHeading('Flagged evidence waiting on agencies'),
      htmlTable(
        'flaggedWaiting',
        [
          ['Agency', '{{agencyName}} (ORI {{ori}})'],
          ['Program', '{{programId}}'],
          ['Item', '{{requestDescription}}'],
          ['Flagged', noWrap('{{flaggedOn}}')],
          ['Audit', '{{auditId}}'],
        ],
        'No flagged evidence is waiting.',
      ),
      htmlHeading('Overdue remediation'),
      htmlTable(
        'overdueRemediation',
        [
          ['Agency', '{{agencyName}} (ORI {{ori}})'],
          ['Task', '{{title}}'],
          ['Due', noWrap('{{dueDate}}')],
          ['Overdue by', '{{overdueBy}}'],
          ['Audit', '{{auditId}}'],
        ],
        'No remediation task is overdue.',
      ),
      htmlParagraph('See any audit with <code>clets-audit audits show &lt;audit&gt;</code>.'),
    ],
    footer: ADMINISTRATOR_FOOTER,
  }),
  text: textDocument([
    'Open CLETS audit work as of the morning of {{{date}}} ({{{timeZone}}}).',
    textFacts([
      ['Overdue audits', '{{{totals.overdue}}}'],
      ['Due this week', '{{{totals.dueThisWeek}}}'],
      ['Flagged evidence waiting on agencies', '{{{totals.flaggedWaiting}}}'],
      ['Overdue remediation tasks', '{{{totals.overdueRemediation}}}'],
    ]),
    `Overdue, by agency:
{{#if overdueByAgency}}
{{#each overdueByAgency}}
{{{agencyName}}} (ORI {{{ori}}})
{{#each audits}}
  - {{{programId}}}, due {{{dueDate}}}, {{{overdueBy}}} overdue ({{{auditId}}})
{{/each}}
{{/each}}
{{else}}
- no audit is overdue
{{/if}}`,
    `Due this week:\n${textList('dueThisWeek', '{{{agencyName}}} (ORI {{{ori}}}): {{{programId}}}, due {{{dueDate}}} ({{{auditId}}})', 'nothing')}`,
    `Flagged evidence waiting on agencies:\n${textList('flaggedWaiting', '{{{agencyName}}} (ORI {{{ori}}}): {{{programId}}}, {{{requestDescription}}}, flagged {{{flaggedOn}}} ({{{auditId}}})', 'none')}`,
    `Overdue remediation:\n${textList('overdueRemediation', '{{{agencyName}}} (ORI {{{ori}}}): {{{title}}}, due {{{dueDate}}}, {{{overdueBy}}} overdue ({{{auditId}}})', 'none')}`,
    'See any audit with: clets-audit audits show <audit>',
  ]),
});
