import * as z from 'zod';

/**
 * A contact written as on an envelope: `Pat Lee <pat.lee@agency.ca.gov>`, the name optionally in double quotes
 * (`"Lee, Pat" <pat.lee@agency.ca.gov>`). Only the split is checked here; the name's and the email's own rules
 * are the agency schema's, applied when the contact becomes part of an agency.
 */
const NAME_AND_EMAIL = /^\s*(?:"([^"]*)"|([^<>"]*?))\s*<\s*([^<>\s]*)\s*>\s*$/;

export const NAME_AND_EMAIL_EXAMPLE = 'Pat Lee <pat.lee@agency.ca.gov>';

export const NameAndEmailSchema = z
  .string()
  .regex(NAME_AND_EMAIL, `must be written "Name <email>", e.g. "${NAME_AND_EMAIL_EXAMPLE}"`)
  .transform((text) => {
    const [, quoted, plain, email] = NAME_AND_EMAIL.exec(text) ?? [];
    return { name: (quoted ?? plain ?? '').trim(), email: email ?? '' };
  });
export type NameAndEmail = z.output<typeof NameAndEmailSchema>;

/** Parses one "Name <email>" value; undefined when it is not written that way. */
export function parseNameAndEmail(text: string): NameAndEmail | undefined {
  const result = NameAndEmailSchema.safeParse(text);
  return result.success ? result.data : undefined;
}
