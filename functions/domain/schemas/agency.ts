import * as z from 'zod';
import {
  ContactRoleSchema,
  EntityIdSchema,
  enumField,
  IsoDateTimeSchema,
  OriSchema,
  unlessMissing,
  VersionSchema,
} from './common.js';

/** California's 58 counties; an agency is filed under the county it serves or is headquartered in. */
export const CALIFORNIA_COUNTIES = [
  'Alameda',
  'Alpine',
  'Amador',
  'Butte',
  'Calaveras',
  'Colusa',
  'Contra Costa',
  'Del Norte',
  'El Dorado',
  'Fresno',
  'Glenn',
  'Humboldt',
  'Imperial',
  'Inyo',
  'Kern',
  'Kings',
  'Lake',
  'Lassen',
  'Los Angeles',
  'Madera',
  'Marin',
  'Mariposa',
  'Mendocino',
  'Merced',
  'Modoc',
  'Mono',
  'Monterey',
  'Napa',
  'Nevada',
  'Orange',
  'Placer',
  'Plumas',
  'Riverside',
  'Sacramento',
  'San Benito',
  'San Bernardino',
  'San Diego',
  'San Francisco',
  'San Joaquin',
  'San Luis Obispo',
  'San Mateo',
  'Santa Barbara',
  'Santa Clara',
  'Santa Cruz',
  'Shasta',
  'Sierra',
  'Siskiyou',
  'Solano',
  'Sonoma',
  'Stanislaus',
  'Sutter',
  'Tehama',
  'Trinity',
  'Tulare',
  'Tuolumne',
  'Ventura',
  'Yolo',
  'Yuba',
] as const;

/** Agency kinds from CJIS Security Policy §3.2. */
export const AGENCY_TYPES = [
  'criminal-justice-agency',
  'noncriminal-justice-agency',
  'contracting-government-agency',
  'private-contractor',
  'cjis-systems-agency',
  'state-identification-bureau',
  'interface-agency',
] as const;

/** How the agency reaches CLETS (CLETS PPP §1.4 headings). Optional: not every agency knows the term. */
export const CLETS_CONNECTIONS = [
  'county-control-agency',
  'local-direct-interface',
  'direct-interface-host',
  'indirect',
] as const;

export const ContactSchema = z.object({
  role: ContactRoleSchema,
  name: z.string().trim().min(1, 'name is required').max(200),
  email: z.email({ error: unlessMissing('must be an email address such as tac@agency.ca.gov') }),
  phone: z.string().trim().max(40).optional(),
  title: z.string().trim().max(200).optional(),
});
export type Contact = z.infer<typeof ContactSchema>;

/**
 * A contact as stored: what an administrator gave, plus the bounce SES reported for the address, if any. A
 * bounced contact receives no notices; the role's notices go to the alternate (or the administrators).
 * Set only by delivery events, never by an administrator; replacing the contact with a new address clears it.
 */
export const StoredContactSchema = ContactSchema.extend({
  bouncedAt: IsoDateTimeSchema.optional().describe('When SES reported a permanent bounce for this address'),
  bounceDetail: z
    .string()
    .max(500)
    .optional()
    .describe('What the receiving server said (no message content)'),
});
export type StoredContact = z.infer<typeof StoredContactSchema>;

const REQUIRED_ROLES = ['tac', 'laso', 'agency-head'] as const;

const agencyFields = {
  ori: OriSchema,
  name: z.string().trim().min(1, 'name is required').max(200),
  county: enumField('county', CALIFORNIA_COUNTIES),
  agencyType: enumField('agency type', AGENCY_TYPES),
  cletsConnection: enumField('CLETS connection', CLETS_CONNECTIONS).optional(),
  contacts: z.array(ContactSchema),
};

/** Notices are routed by role, so each required role needs exactly one contact; alternates are optional. */
function checkContactRoles(agency: { contacts: readonly Contact[] }, ctx: z.RefinementCtx): void {
  for (const role of REQUIRED_ROLES) {
    const count = agency.contacts.filter((contact) => contact.role === role).length;
    if (count !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['contacts'],
        message: `needs exactly one '${role}' contact (found ${count}); tac, laso and agency-head are required, alternate is optional`,
      });
    }
  }
}

/** What an administrator sends to register an agency. */
export const AgencyInputSchema = z.object(agencyFields).superRefine(checkContactRoles);
export type AgencyInput = z.input<typeof AgencyInputSchema>;

export const AgencySchema = z
  .object({
    ...agencyFields,
    contacts: z.array(StoredContactSchema),
    agencyId: EntityIdSchema,
    createdAt: IsoDateTimeSchema,
    updatedAt: IsoDateTimeSchema,
    version: VersionSchema,
  })
  .superRefine(checkContactRoles);
export type Agency = z.infer<typeof AgencySchema>;

/** The contacts holding any of the given roles, in the order the roles are listed. */
export function contactsForRoles(
  agency: { contacts: readonly Contact[] },
  roles: readonly string[],
): Contact[] {
  return roles.flatMap((role) => agency.contacts.filter((contact) => contact.role === role));
}
