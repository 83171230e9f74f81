import * as z from 'zod';

/*
 * The pieces template data is made of. Every field is required (SES fails to render a template whose data
 * lacks a field it names); "nothing" is an empty string or an empty list, which `{{#if}}` treats as false.
 */

/** Text that goes into a subject or a table cell: one line, so no value can add a header or break a row. */
export const LineSchema = z
  .string()
  .min(1)
  .max(500)
  .regex(/^[^\r\n]*$/, 'must be a single line');

/** Free text a person wrote (a reviewer's reason): several lines allowed. */
export const ParagraphSchema = z.string().min(1).max(4000);

/** A local calendar date, YYYY-MM-DD. */
export const DateTextSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');

export const EmailSchema = z.email();

/** An upload link: http(s) only, so no other scheme can reach an href. */
export const UploadLinkFieldSchema = z.object({
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
  /** The last day the link works. */
  expiresOn: DateTextSchema,
});
export type UploadLinkField = z.output<typeof UploadLinkFieldSchema>;

export const RequestLineSchema = z.object({ description: ParagraphSchema });

/** What identifies the audit in every message: agency and ORI, program and period, due date. */
export const auditFactFields = {
  agencyName: LineSchema,
  ori: LineSchema,
  programId: LineSchema,
  programTitle: LineSchema,
  periodKey: LineSchema,
  dueDate: DateTextSchema,
  timeZone: LineSchema,
};

/** Whom an agency contact asks: the state's audit administrators (may be empty: then the message says so). */
export const contactEmailsField = { contactEmails: z.array(EmailSchema).max(50) };

/** Whom an administrator calls: the agency's contacts. */
export const agencyContactsField = {
  agencyContacts: z.array(z.object({ role: LineSchema, name: LineSchema, email: EmailSchema })).max(20),
};
