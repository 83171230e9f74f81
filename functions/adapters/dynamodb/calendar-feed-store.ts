import { createHash, randomBytes } from 'node:crypto';
import type { TrailEventDraft } from '../../domain/schemas/trail-event.js';
import type { ChangeRecorder, Versioned } from './change-recorder.js';
import { entityChanges, toEntity } from './entity-codec.js';
import type { ItemStore } from './item-store.js';
import { keys } from './keys.js';

/** 256 bits from the operating system's cryptographic random source, as for upload links. */
const TOKEN_BYTES = 32;

/** What `randomBytes(32).toString('base64url')` looks like; anything else is not a feed token. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export const hashCalendarToken = (token: string): string =>
  createHash('sha256').update(token, 'utf8').digest('hex');

/** A non-secret name for a feed: a prefix of its token's hash. Shown to administrators and in the trail. */
export const calendarFeedRefOf = (tokenHash: string) => `cal-${tokenHash.slice(0, 16)}`;

/** One issued feed token, known by its hash only: whose feed it opens and whether it was withdrawn. */
export interface CalendarFeedToken {
  readonly tokenHash: string;
  readonly ori: string;
  readonly issuedAt: string;
  readonly revokedAt?: string;
}

/**
 * The agency's feed: which token is the live one. Rotation points it at a new hash, revocation clears the hash
 * (the ref, issue and revocation times stay, so administrators can see what happened).
 */
export type AgencyCalendarFeed = {
  readonly ori: string;
  readonly tokenHash?: string;
  readonly feedRef: string;
  readonly issuedAt: string;
  readonly revokedAt?: string;
  readonly revokedReason?: string;
  readonly version: number;
};

type TokenItem = CalendarFeedToken & { pk: string; sk: string; entity: 'CalendarFeedToken' };
type FeedItem = Versioned & Record<string, unknown>;

const toToken = ({ pk: _pk, sk: _sk, entity: _entity, ...token }: TokenItem): CalendarFeedToken => token;

/**
 * Calendar feed tokens and each agency's pointer to its live one. The plaintext token is returned once, by
 * `issueToken`, and never stored. A token opens a feed only while it is unrevoked AND the agency's pointer names
 * its hash: moving the pointer is one conditional write, so a rotation takes effect at once even if marking the
 * old token revoked (the next write) never happens.
 */
export class CalendarFeedStore {
  constructor(
    private readonly store: ItemStore,
    private readonly recorder: ChangeRecorder,
    private readonly random: (bytes: number) => Buffer = randomBytes,
  ) {}

  async issueToken(ori: string, now: Date): Promise<{ token: string; record: CalendarFeedToken }> {
    const token = this.random(TOKEN_BYTES).toString('base64url');
    const record: CalendarFeedToken = {
      tokenHash: hashCalendarToken(token),
      ori,
      issuedAt: now.toISOString(),
    };
    const { created } = await this.store.putIfAbsent<TokenItem>({
      ...keys.calendarFeedToken(record.tokenHash),
      entity: 'CalendarFeedToken',
      ...record,
    });
    // 256 random bits do not collide; a false here means the random source is broken.
    if (!created) throw new Error('Calendar feed token collision: the random source is not random');
    return { token, record };
  }

  /** Marks a token withdrawn (idempotent: a token revoked earlier keeps its first revocation time). */
  async revokeToken(tokenHash: string, now: Date): Promise<void> {
    await this.store.updateIf(
      keys.calendarFeedToken(tokenHash),
      { set: { revokedAt: now.toISOString() } },
      { expression: 'attribute_exists(pk) AND attribute_not_exists(revokedAt)' },
    );
  }

  /** The ORI whose feed a presented token opens now, or undefined (unknown, revoked, or rotated away). */
  async resolveLiveFeed(token: string): Promise<string | undefined> {
    if (!TOKEN_PATTERN.test(token)) return undefined;
    const item = await this.store.get<TokenItem>(keys.calendarFeedToken(hashCalendarToken(token)));
    if (!item || item.revokedAt !== undefined) return undefined;
    const record = toToken(item);
    const current = await this.getAgencyFeed(record.ori);
    return current?.tokenHash === record.tokenHash ? record.ori : undefined;
  }

  async getAgencyFeed(ori: string): Promise<AgencyCalendarFeed | undefined> {
    const item = await this.store.get<FeedItem>(keys.agencyCalendarFeed(ori));
    return item ? toEntity<AgencyCalendarFeed>(await this.recorder.settle(item)) : undefined;
  }

  /** The agency's first feed. `created: false` means another caller issued one first; nothing was written. */
  async createAgencyFeed(
    feed: Omit<AgencyCalendarFeed, 'version'>,
    event: TrailEventDraft,
  ): Promise<{ created: boolean; feed: AgencyCalendarFeed }> {
    const result = await this.recorder.create<FeedItem>(
      { ...keys.agencyCalendarFeed(feed.ori), entity: 'AgencyCalendarFeed', ...feed },
      event,
    );
    return { created: result.created, feed: toEntity<AgencyCalendarFeed>(result.item) };
  }

  /** Points the agency at another token (rotation) or at none (revocation), if it is still at `before`. */
  async saveAgencyFeed(
    before: AgencyCalendarFeed,
    after: Omit<AgencyCalendarFeed, 'version'>,
    event: TrailEventDraft,
  ): Promise<AgencyCalendarFeed> {
    const saved = await this.recorder.update<FeedItem>(
      // Named for people: a conflict's message is shown to the administrator.
      'Calendar feed',
      keys.agencyCalendarFeed(before.ori),
      before.version,
      entityChanges(before, after),
      event,
    );
    return toEntity<AgencyCalendarFeed>(saved);
  }
}
