import * as z from 'zod';
import {
  ADMINISTRATOR_FOOTER,
  htmlAgencyContacts,
  htmlAuditFacts,
  htmlDocument,
  htmlParagraph,
  textAgencyContacts,
  textAuditFacts,
  textDocument,
} from '../layout.js';
import { defineNoticeTemplate } from '../notice-template.js';
import { agencyContactsField, auditFactFields, EmailSchema, LineSchema } from '../template-fields.js';

export const bounceAlertTemplate = defineNoticeTemplate({
  name: 'bounce-alert',
  description:
    'A notice to an agency contact hard-bounced: administrators learn which address, and where the next notices go.',
  audience: 'administrators',
  schema: z.object({
    ...auditFactFields,
    ...agencyContactsField,
    auditId: LineSchema,
    /** The contact role spelled out: "Terminal Agency Coordinator (TAC)". */
    role: LineSchema,
    address: EmailSchema,
    /** The subject of the notice that bounced. */
    noticeSubject: LineSchema,
    /** The receiving server's diagnostic, or empty. */
    bounceDetail: z.string().max(2000),
    /**
     * Where the role's next notices go; empty when no working alternate stands in (the bounced contact is the
     * alternate, or the agency has none), and then they come to the administrators.
     */
    alternateAddress: z.union([EmailSchema, z.literal('')]),
  }),
  subject:
    'Bounced: a notice to the {{{role}}} of {{{agencyName}}} (ORI {{{ori}}}) at {{{address}}}, audit due {{{dueDate}}}',
  html: htmlDocument({
    heading: 'A notice to {{agencyName}} bounced',
    preview: '{{address}} did not accept a notice about {{programTitle}}.',
    body: [
      htmlParagraph(
        'A notice to the {{role}} of {{agencyName}} (ORI {{ori}}) at {{address}} hard-bounced: the address does not accept mail.',
      ),
      htmlAuditFacts([
        ['Notice', '{{noticeSubject}}'],
        ['Address', '{{address}}'],
        ['Diagnostic', '{{#if bounceDetail}}{{bounceDetail}}{{else}}(none given){{/if}}'],
        ['Audit', '{{auditId}}'],
      ]),
      `{{#if alternateAddress}}
${htmlParagraph("The next notices for this role go to the agency's alternate contact, {{alternateAddress}}. Please ask the agency for a working address and update its contacts.")}
{{else}}
${htmlParagraph('No working alternate contact can stand in, so the next notices for this role come to you, the administrators, until the agency gives a working address. Please ask the agency for one and update its contacts.')}
{{/if}}`,
      htmlAgencyContacts(),
      htmlParagraph(
        'Update the contacts through <code>PUT /agencies/{{ori}}/contacts</code> on the admin API.',
      ),
    ],
    footer: ADMINISTRATOR_FOOTER,
  }),
  text: textDocument([
    'A notice to the {{{role}}} of {{{agencyName}}} (ORI {{{ori}}}) at {{{address}}} hard-bounced: the address does not accept mail.',
    textAuditFacts([
      ['Notice', '{{{noticeSubject}}}'],
      ['Address', '{{{address}}}'],
      ['Diagnostic', '{{#if bounceDetail}}{{{bounceDetail}}}{{else}}(none given){{/if}}'],
      ['Audit', '{{{auditId}}}'],
    ]),
    `{{#if alternateAddress}}
The next notices for this role go to the agency's alternate contact, {{{alternateAddress}}}.
Please ask the agency for a working address and update its contacts.
{{else}}
No working alternate contact can stand in, so the next notices for this role come to you, the administrators,
until the agency gives a working address. Please ask the agency for one and update its contacts.
{{/if}}`,
    textAgencyContacts(),
    'Update the contacts through PUT /agencies/{{{ori}}}/contacts on the admin API.',
  ]),
});
