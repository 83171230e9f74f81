import * as z from 'zod';
import { isValidTimeZone } from '../calendar/time-zones.js';

/*
 * Shared field schemas. Messages say what is allowed; formatZodIssues prefixes the field path, so a
 * handler can answer 400 with lines such as "ori: ORI must be 9 characters: …".
 */

/**
 * A custom message for a wrong value that leaves a missing value to zod's default, which
 * formatZodIssues turns into "is required".
 */
export function unlessMissing(message: string) {
  return (issue: { input?: unknown }) => (issue.input === undefined ? undefined : message);
}

/** An enum whose error lists every allowed value. */
export function enumField<const T extends readonly [string, ...string[]]>(what: string, values: T) {
  return z.enum(values, { error: unlessMissing(`${what} must be one of: ${values.join(', ')}`) });
}

export const ORI_PATTERN = /^[A-Z]{2}[A-Z0-9]{7}$/;
export const OriSchema = z
  .string({ error: 'ORI is required: 9 characters, e.g. CA0190000' })
  .trim()
  .toUpperCase()
  .regex(
    ORI_PATTERN,
    'ORI must be 9 characters: a two-letter state code then seven letters or digits, e.g. CA0190000',
  )
  .describe('Originating Agency Identifier (NCIC ORI), upper-cased');

export const IsoDateTimeSchema = z.iso
  .datetime({
    error: unlessMissing('must be an ISO-8601 UTC timestamp ending in Z, e.g. 2026-03-01T17:00:00Z'),
  })
  .describe('ISO-8601 UTC timestamp');

export const IsoDateSchema = z.iso
  .date({ error: unlessMissing('must be a calendar date written YYYY-MM-DD, e.g. 2026-07-06') })
  .describe('Calendar date (YYYY-MM-DD)');

export const TimeZoneSchema = z
  .string()
  .refine(isValidTimeZone, { error: 'must be an IANA time zone name such as America/Los_Angeles' })
  .describe('IANA time zone name');

export const Sha256Schema = z
  .string()
  .regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 digest: 64 lowercase hexadecimal characters')
  .describe('SHA-256 digest, lowercase hex');

/** Ids are built by ids.ts from ORIs, kebab-case slugs and keys; the pattern keeps them safe in keys and URLs. */
export const EntityIdSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(256, 'must be at most 256 characters')
  .regex(/^[A-Za-z0-9_.:~-]+$/, 'may contain only letters, digits and _ . : ~ -');

/**
 * An agency's name as copied onto its audits, requests and tasks when they are created, so a report over many
 * of them (the administrators' daily digest) names agencies without reading each one. A snapshot: the agency
 * item stays the source of truth.
 */
export const AgencyNameSnapshotSchema = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .describe("The agency's name when created");

/** Max 48 so that audit ids (aud_<ORI>_<slug>_<period>) stay within Step Functions' 80-character execution names. */
export const SlugSchema = z
  .string()
  .max(48, 'must be at most 48 characters')
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase words joined by hyphens, e.g. account-review');

export const ReasonSchema = z
  .string({ error: 'a reason is required' })
  .trim()
  .min(1, 'a reason is required')
  .max(2000, 'must be at most 2000 characters');

export const VersionSchema = z
  .number()
  .int('must be a whole number')
  .nonnegative('must be 0 or more')
  .describe('Optimistic-locking version, incremented by the repository on every write');

export const MIME_TYPE_PATTERN = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/;
export const ContentTypeSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(MIME_TYPE_PATTERN, 'must be a MIME type such as application/pdf');

export const CONTACT_ROLES = ['tac', 'laso', 'agency-head', 'alternate'] as const;
export type ContactRole = (typeof CONTACT_ROLES)[number];
export const ContactRoleSchema = enumField('role', CONTACT_ROLES).describe(
  'tac = Terminal Agency Coordinator, laso = Local Agency Security Officer, agency-head, alternate',
);

/** Who is responsible for an obligation: always a role the agency names a contact for. */
export const RESPONSIBLE_ROLES = ['tac', 'laso', 'agency-head'] as const;
export type ResponsibleRole = (typeof RESPONSIBLE_ROLES)[number];
export const ResponsibleRoleSchema = enumField('responsible role', RESPONSIBLE_ROLES);

/** Notice recipients: agency contact roles plus the state's administrators (audit staff). */
export const NOTICE_RECIPIENTS = [...CONTACT_ROLES, 'administrator'] as const;
export type NoticeRecipient = (typeof NOTICE_RECIPIENTS)[number];
export const NoticeRecipientSchema = enumField('recipient', NOTICE_RECIPIENTS);

export const ACTOR_TYPES = ['administrator', 'reviewer', 'agency-contact', 'system'] as const;
export const ActorSchema = z.object({
  type: enumField('actor type', ACTOR_TYPES),
  id: z.string().min(1, 'actor id must not be empty').max(256),
  role: ContactRoleSchema.optional(),
});
export type Actor = z.infer<typeof ActorSchema>;
