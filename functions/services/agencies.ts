import type * as z from 'zod';
import type { Page } from '../adapters/dynamodb/item-store.js';
import { ItemNotFoundError, VersionConflictError } from '../adapters/dynamodb/persistence-errors.js';
import { clock, repository } from '../adapters/runtime/bindings.js';
import {
  carryOverBounces,
  type HardBounce,
  hasBounced,
  markBouncedAddresses,
  sameAddress,
} from '../domain/notices/recipient-routing.js';
import {
  type Agency,
  type AgencyInputSchema,
  AgencySchema,
  type Contact,
  type StoredContact,
} from '../domain/schemas/agency.js';
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
  // A contact given again at the same address keeps its bounce; a new address starts clean.
  const contacts = carryOverBounces(before.contacts, change.contacts);
  // The domain schema holds the rule that tac, laso and agency-head each have exactly one contact.
  const after = parseOrThrow(AgencySchema, { ...before, contacts, updatedAt: at }, 'agency');
  const clearedBounces = before.contacts
    .filter((contact) => hasBounced(contact))
    .filter(
      (contact) => !after.contacts.some((kept) => kept.bouncedAt && sameAddress(kept.email, contact.email)),
    )
    .map((contact) => contact.role);
  return repository().agencies.saveAgency(
    before,
    after,
    agencyEvent(after, 'agency.contacts-replaced', at, actor, {
      // Roles only: names and addresses are in the agency record, not copied into the permanent trail.
      roles: after.contacts.map((contact) => contact.role),
      ...(clearedBounces.length > 0 ? { clearedBounces } : {}),
    }),
  );
}

const bounceActor: Actor = { type: 'system', id: 'delivery-events' };

/**
 * SES reported a hard bounce for these addresses: every contact of the agency at one of them is marked
 * bounced (with a trail event naming roles, not addresses), so the role's next notices go to its stand-in.
 * Answers the contacts at those addresses as stored, including any marked by an earlier bounce; a repeated
 * report marks nothing again. Undefined when the agency is not registered.
 */
export async function markBouncedContacts(
  ori: string,
  addresses: readonly string[],
  bounce: HardBounce & { messageId: string },
): Promise<{ agency: Agency; bounced: StoredContact[] } | undefined> {
  const { agencies } = repository();
  for (let attempt = 1; ; attempt += 1) {
    const before = await agencies.getAgency(ori);
    if (!before) return undefined;
    const { contacts, bounced, newlyBounced } = markBouncedAddresses(before.contacts, addresses, bounce);
    if (newlyBounced.length === 0) return { agency: before, bounced };
    const at = clock().now().toISOString();
    const after = { ...before, contacts, updatedAt: at };
    try {
      const saved = await agencies.saveAgency(
        before,
        after,
        agencyEvent(after, 'agency.contact-bounced', at, bounceActor, {
          roles: newlyBounced.map((contact) => contact.role),
          sesMessageId: bounce.messageId,
          bouncedAt: bounce.at,
        }),
      );
      return { agency: saved, bounced };
    } catch (error) {
      // An administrator changed the agency meanwhile: mark the addresses on what they wrote.
      if (!(error instanceof VersionConflictError) || attempt >= 3) throw error;
    }
  }
}
