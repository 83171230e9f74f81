import type { TrailEvent, TrailEventDraft } from '../../domain/schemas/trail-event.js';
import { canonicalJson, sha256Hex } from '../../domain/trail/hash-chain.js';
import type { AttributeChanges, ItemKey, ItemStore } from './item-store.js';
import { VersionConflictError } from './persistence-errors.js';
import type { TrailStore } from './trail-store.js';

/**
 * Keeps a state change and its trail event together without transactions (the local engine has none, and
 * single-item conditions are enough):
 *
 *   1. the entity is written with its new state AND a `pendingTrail` note (one conditional write);
 *   2. the trail event is appended (idempotent on the note's change id);
 *   3. the note is cleared (conditional on the same change id).
 *
 * If the process dies after 1, the note stays on the item. Retrying the same change, or any later write or
 * read through the recorder, finds the note and finishes 2 and 3, so the pair is completed exactly once.
 */

export interface PendingTrail {
  readonly changeId: string;
  readonly draft: TrailEventDraft;
  /** The stream's last sequence before this change; the event is at a later sequence. */
  readonly afterSequence: number;
}

export type Versioned = ItemKey & { version: number; pendingTrail?: PendingTrail; lastChangeId?: string };

const PENDING = 'pendingTrail';

/**
 * Identifies a change by the item, the version it produces and what it records (the event without its
 * time). A retry of the same change, even computed at a later instant, has the same id; a different change
 * from the same version (a stale writer) has another, and is rejected as a conflict.
 */
function changeIdOf(key: ItemKey, version: number, draft: TrailEventDraft): string {
  const { at: _at, ...what } = draft;
  return `${key.pk}|${key.sk}|v${version}|${sha256Hex(canonicalJson(what)).slice(0, 16)}`;
}

/** What callers see: the item without the recorder's bookkeeping. */
export function withoutBookkeeping<T extends Versioned>(item: T): Omit<T, 'pendingTrail' | 'lastChangeId'> {
  const { pendingTrail: _pending, lastChangeId: _last, ...rest } = item;
  return rest;
}

export class ChangeRecorder {
  constructor(
    private readonly store: ItemStore,
    private readonly trail: TrailStore,
  ) {}

  /**
   * Idempotent create with its trail event. A repeated create of an item that already exists returns the
   * stored item (`created: false`) and records nothing; a create interrupted after step 1 is completed.
   */
  async create<T extends Versioned>(
    item: Omit<T, 'version'>,
    draft: TrailEventDraft,
  ): Promise<{ created: boolean; item: T }> {
    const key = { pk: item.pk, sk: item.sk };
    const changeId = changeIdOf(key, 1, draft);
    const pendingTrail: PendingTrail = {
      changeId,
      draft,
      afterSequence: await this.headSequence(draft.streamId),
    };
    const { created, item: stored } = await this.store.putIfAbsent({
      ...item,
      version: 1,
      pendingTrail,
    } as unknown as T);
    if (created) return { created: true, item: await this.finish(stored) };
    if (stored.pendingTrail?.changeId === changeId) return { created: true, item: await this.finish(stored) };
    return { created: false, item: await this.settle(stored) };
  }

  /**
   * Versioned update with its trail event. Stale versions raise VersionConflictError; a retry of a change
   * that already landed (same key, same expected version) completes it and returns the item.
   */
  async update<T extends Versioned>(
    entity: string,
    key: ItemKey,
    expectedVersion: number,
    changes: AttributeChanges,
    draft: TrailEventDraft,
  ): Promise<T> {
    const changeId = changeIdOf(key, expectedVersion + 1, draft);
    for (let attempt = 0; attempt < 2; attempt++) {
      const pendingTrail: PendingTrail = {
        changeId,
        draft,
        afterSequence: await this.headSequence(draft.streamId),
      };
      try {
        const updated = await this.store.updateVersioned<T>(entity, key, expectedVersion, {
          set: { ...changes.set, [PENDING]: pendingTrail },
          remove: changes.remove,
          condition: `attribute_not_exists(${PENDING})`,
        });
        return await this.finish(updated);
      } catch (error) {
        if (!(error instanceof VersionConflictError)) throw error;
        const current = await this.store.get<T>(key);
        if (!current) throw error;
        if (current.pendingTrail?.changeId === changeId) return this.finish(current);
        if (current.lastChangeId === changeId) return current;
        // Someone else's change was interrupted on this item at the version we expect: finish it, retry once.
        if (current.pendingTrail && current.version === expectedVersion && attempt === 0) {
          await this.finish(current);
          continue;
        }
        throw error;
      }
    }
    throw new VersionConflictError(entity, `${key.pk}/${key.sk}`, expectedVersion);
  }

  /** Finishes an interrupted change found on a read, so every read returns a state whose event is recorded. */
  async settle<T extends Versioned>(item: T): Promise<T> {
    return item.pendingTrail ? this.finish(item) : item;
  }

  /** Steps 2 and 3. */
  private async finish<T extends Versioned>(item: T): Promise<T> {
    const pending = item.pendingTrail;
    if (!pending) return item;
    const event: TrailEvent = await this.trail.appendOnce(
      pending.draft,
      pending.changeId,
      pending.afterSequence,
    );
    const cleared = await this.store.updateIf<T>(
      { pk: item.pk, sk: item.sk },
      { set: { lastChangeId: pending.changeId, trailSequence: event.sequence }, remove: [PENDING] },
      {
        expression: '#pending.changeId = :changeId',
        names: { '#pending': PENDING },
        values: { ':changeId': pending.changeId },
      },
    );
    // Already cleared by a concurrent finisher: read what it left.
    return cleared ?? ((await this.store.get<T>({ pk: item.pk, sk: item.sk })) as T);
  }

  private async headSequence(streamId: string): Promise<number> {
    return (await this.trail.head(streamId))?.sequence ?? 0;
  }
}
