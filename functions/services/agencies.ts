import type * as z from 'zod';
import type { Page } from '../adapters/dynamodb/item-store.js';
import { ItemNotFoundError, VersionConflictError } from '../adapters/dynamodb/persistence-errors.js';
import { clock, repository } from '../adapters/runtime/bindings.js';
import { type Agency, type AgencyInputSchema, AgencySchema, type Contact } from '../domain/schemas/agency.js';
import type { Actor } from '../domain/schemas/common.js';
import { parseOrThrow } from '../domain/schemas/format-issues.js';
import type { TrailEventDraft } from '../domain/schemas/trail-event.js';

export type NewAgency = z.output<typeof AgencyInputSchema>;

/**
 * An agency's id, which also names its trail stream: registration, contact changes and enrollments of one
 * agency form one hash chain, as each audit's events do.
 */
export const agencyIdOf = (ori: string) => `agy_${ori}`;

function agencyEvent(
  agency: Pick<Agency, 'ori'>,
  type: string,
  at: string,
  actor: Actor,
  payload: TrailEventDraft['payload'],
): TrailEventDraft {
  const id = agencyIdOf(agency.ori);
  return { type, at, actor, subject: { type: 'agency', id }, streamId: id, payload };
}

/**
 * Registers an agency. `created: false` means the ORI was already registered: the stored agency is returned
 * unchanged and nothing is written.
 */
export async function registerAgency(
  input: NewAgency,
  actor: Actor,
): Promise<{ created: boolean; agency: Agency }> {
  const at = clock().now().toISOString();
  const agency = parseOrThrow(
    AgencySchema,
    { ...input, agencyId: agencyIdOf(input.ori), createdAt: at, updatedAt: at, version: 0 },
    'agency',
  );
  const { version: _version, ...toCreate } = agency;
  return repository().agencies.createAgency(
    toCreate,
    agencyEvent(agency, 'agency.registered', at, actor, {
      name: agency.name,
      county: agency.county,
      agencyType: agency.agencyType,
    }),
  );
}

export async function findAgency(ori: string): Promise<Agency | undefined> {
  return repository().agencies.getAgency(ori);
}

export async function requireAgency(ori: string): Promise<Agency> {
  const agency = await findAgency(ori);
  if (!agency) throw new ItemNotFoundError('Agency', ori);
  return agency;
}

export async function listAgencies(options: { limit: number; cursor?: string }): Promise<Page<Agency>> {
  return repository().agencies.listAgencies(options);
}

/**
 * Replaces an agency's contacts, if the caller read the version that is stored (optimistic locking: a stale
 * version is a VersionConflictError, also when another writer wins the race after this check).
 */
export async function replaceAgencyContacts(
  ori: string,
  change: { contacts: Contact[]; expectedVersion: number },
  actor: Actor,
): Promise<Agency> {
  const before = await requireAgency(ori);
  if (before.version !== change.expectedVersion) {
    throw new VersionConflictError('Agency', ori, change.expectedVersion);
  }
  const at = clock().now().toISOString();
  // The domain schema holds the rule that tac, laso and agency-head each have exactly one contact.
  const after = parseOrThrow(AgencySchema, { ...before, contacts: change.contacts, updatedAt: at }, 'agency');
  return repository().agencies.saveAgency(
    before,
    after,
    agencyEvent(after, 'agency.contacts-replaced', at, actor, {
      // Roles only: names and addresses are in the agency record, not copied into the permanent trail.
      roles: after.contacts.map((contact) => contact.role),
    }),
  );
}
