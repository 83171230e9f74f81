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
  LineSchema,
  RequestLineSchema,
  UploadLinkFieldSchema,
} from '../template-fields.js';

export const escalationAgencyHeadTemplate = defineNoticeTemplate({
  name: 'escalation-agency-head',
  description:
    'The escalation ladder reaches the agency: the agency head (and the responsible role) are told the evidence is overdue, with a fresh upload link.',
  audience: 'agency',
  schema: z.object({
    ...auditFactFields,
    ...contactEmailsField,
    overdueBy: LineSchema,
    /** The role that owes the evidence, spelled out: "Terminal Agency Coordinator (TAC)". */
    responsibleRole: LineSchema,
    openRequests: z.array(RequestLineSchema).max(100),
    link: UploadLinkFieldSchema,
  }),
  subject:
    'Escalation: {{{programId}}} evidence for {{{agencyName}}} (ORI {{{ori}}}) is overdue since {{{dueDate}}}',
  html: htmlDocument({
    heading: 'Escalation: evidence overdue since {{dueDate}}',
    preview: '{{agencyName}} has not yet provided the evidence for {{programTitle}}.',
    body: [
      htmlParagraph(
        'This notice goes to the head of {{agencyName}} (ORI {{ori}}). Evidence for {{programTitle}}, period {{periodKey}}, was due on {{dueDate}} and is {{overdueBy}} overdue. The {{responsibleRole}} is responsible for it; reminders and overdue notices have gone unanswered.',
      ),
      htmlParagraph(
        'Please see that the missing items are uploaded, or tell the administrators below what stands in the way. If nothing arrives, the audit is escalated to the state’s CLETS audit administrators.',
      ),
      htmlAuditFacts([
        ['Overdue by', '{{overdueBy}}'],
        ['Responsible', '{{responsibleRole}}'],
      ]),
      htmlHeading('Still to upload'),
      htmlList('openRequests', '{{description}}', 'Nothing is waiting for an upload right now.'),
      htmlUploadLink('Upload evidence'),
      htmlContactEmails(),
    ],
    footer: AGENCY_FOOTER,
  }),
  text: textDocument([
    'This notice goes to the head of {{{agencyName}}} (ORI {{{ori}}}). Evidence for {{{programTitle}}}, period {{{periodKey}}}, was due on {{{dueDate}}} and is {{{overdueBy}}} overdue.\nThe {{{responsibleRole}}} is responsible for it; reminders and overdue notices have gone unanswered.',
    'Please see that the missing items are uploaded, or tell the administrators below what stands in the way.\nIf nothing arrives, the audit is escalated to the state’s CLETS audit administrators.',
    textAuditFacts([
      ['Overdue by', '{{{overdueBy}}}'],
      ['Responsible', '{{{responsibleRole}}}'],
    ]),
    `Still to upload:\n${textList('openRequests', '{{{description}}}', 'nothing right now')}`,
    textUploadLink('Upload here'),
    textContactEmails(),
  ]),
});
