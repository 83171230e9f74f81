import type { Agency, StoredContact } from '../schemas/agency.js';
import type { ContactRole, NoticeRecipient } from '../schemas/common.js';
import type { NoticeRecipientAddress } from '../schemas/notification.js';

/*
 * Who receives a notice meant for some roles, once addresses can bounce. A contact whose address hard-bounced
 * receives nothing more; when every contact of a role has bounced, that role's notices go to the agency's
 * alternate contacts that have not bounced, and when there is none, to the state's administrators. Each
 * stand-in is recorded with the role it stands in for, so the notice history says why it went there.
 */

/** Email addresses compare without regard to case or surrounding space (SES reports them as it saw them). */
export const sameAddress = (left: string, right: string) =>
  left.trim().toLowerCase() === right.trim().toLowerCase();

export const hasBounced = (contact: Pick<StoredContact, 'bouncedAt'>) => contact.bouncedAt !== undefined;

type ContactsOf = Pick<Agency, 'contacts'> | undefined;

function standInsFor(
  agency: ContactsOf,
  role: ContactRole,
  adminEmails: readonly string[],
): NoticeRecipientAddress[] {
  const alternates = (agency?.contacts ?? []).filter(
    (contact) => contact.role === 'alternate' && !hasBounced(contact),
  );
  if (role !== 'alternate' && alternates.length > 0) {
    return alternates.map((contact) => ({ role: 'alternate', email: contact.email, reroutedFrom: role }));
  }
  return adminEmails.map((email) => ({ role: 'administrator', email, reroutedFrom: role }));
}

/** The addresses for one role: its contacts that have not bounced, or its stand-ins when all of them have. */
function addressesForRole(
  agency: ContactsOf,
  role: NoticeRecipient,
  adminEmails: readonly string[],
): NoticeRecipientAddress[] {
  if (role === 'administrator') return adminEmails.map((email) => ({ role, email }));
  const contacts = (agency?.contacts ?? []).filter((contact) => contact.role === role);
  const live = contacts.filter((contact) => !hasBounced(contact));
  if (live.length > 0) return live.map((contact) => ({ role, email: contact.email }));
  // No contact for the role at all (an optional alternate the agency never named): nobody to reroute for.
  if (contacts.length === 0) return [];
  // The alternate is itself the fallback of the other roles: its bounced address is skipped, not rerouted.
  if (role === 'alternate') return [];
  return standInsFor(agency, role, adminEmails);
}

/**
 * The recipients of a notice meant for `roles`, in role order, each address once (the first role that
 * reaches it keeps it). Bounced contacts are skipped and rerouted as described above.
 */
export function routeNoticeRecipients(
  agency: ContactsOf,
  roles: readonly NoticeRecipient[],
  adminEmails: readonly string[],
): NoticeRecipientAddress[] {
  const recipients: NoticeRecipientAddress[] = [];
  for (const role of roles) {
    for (const address of addressesForRole(agency, role, adminEmails)) {
      if (!recipients.some((taken) => sameAddress(taken.email, address.email))) recipients.push(address);
    }
  }
  return recipients;
}

/** Where a role's notices go now: its own contacts, the alternate, or the administrators. */
export function noticeRouteOf(
  agency: ContactsOf,
  role: ContactRole,
  adminEmails: readonly string[],
): 'own-contacts' | 'alternate' | 'administrators' | 'nobody' {
  const [first] = routeNoticeRecipients(agency, [role], adminEmails);
  if (!first) return 'nobody';
  if (!first.reroutedFrom) return 'own-contacts';
  return first.role === 'alternate' ? 'alternate' : 'administrators';
}

export interface HardBounce {
  readonly at: string;
  readonly detail: string;
}

/**
 * The agency's contacts with every contact at a bounced address marked. `bounced` lists the contacts at
 * those addresses as they now stand (marked now or by an earlier bounce), `newlyBounced` those marked now: a
 * contact already marked keeps its first bounce.
 */
export function markBouncedAddresses(
  contacts: readonly StoredContact[],
  addresses: readonly string[],
  bounce: HardBounce,
): { contacts: StoredContact[]; bounced: StoredContact[]; newlyBounced: StoredContact[] } {
  const atBouncedAddress = (contact: StoredContact) =>
    addresses.some((address) => sameAddress(address, contact.email));
  const newlyBounced: StoredContact[] = [];
  const marked = contacts.map((contact) => {
    if (hasBounced(contact) || !atBouncedAddress(contact)) return contact;
    const updated = { ...contact, bouncedAt: bounce.at, bounceDetail: bounce.detail.slice(0, 500) };
    newlyBounced.push(updated);
    return updated;
  });
  return { contacts: marked, bounced: marked.filter(atBouncedAddress), newlyBounced };
}

/**
 * An administrator's new contact list, keeping the bounce of a contact given again with the same role and
 * address (the address still bounces, and SES's suppression list would drop the mail anyway). A new address
 * starts clean: that is how an administrator clears a bounce.
 */
export function carryOverBounces(
  before: readonly StoredContact[],
  after: readonly StoredContact[],
): StoredContact[] {
  return after.map((contact) => {
    const { bouncedAt: _at, bounceDetail: _detail, ...given } = contact;
    const previous = before.find(
      (candidate) =>
        candidate.role === contact.role &&
        sameAddress(candidate.email, contact.email) &&
        hasBounced(candidate),
    );
    return previous?.bouncedAt
      ? {
          ...given,
          bouncedAt: previous.bouncedAt,
          ...(previous.bounceDetail ? { bounceDetail: previous.bounceDetail } : {}),
        }
      : given;
  });
}
