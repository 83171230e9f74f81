import type { TrailEvent, TrailEventDraft } from '../../domain/schemas/trail-event.js';
import { appendTrailEvent, GENESIS_HASH, hashTrailEvent } from '../../domain/trail/hash-chain.js';
import type { ItemStore, Page } from './item-store.js';

/*
 * Each stream (one per audit) is its own partition: TRAIL#<streamId>, sort key EVENT#<10-digit sequence>.
 * An event is appended with a condition that its sequence is free, so two writers cannot both claim the
 * next number and fork the chain; the loser re-reads the tail and tries the next number.
 */

const SEQUENCE_DIGITS = 10;
const streamPk = (streamId: string) => `TRAIL#${streamId}`;
const eventSk = (sequence: number) => `EVENT#${String(sequence).padStart(SEQUENCE_DIGITS, '0')}`;

type TrailItem = TrailEvent & { pk: string; sk: string; entity: 'TrailEvent'; changeId: string };

const toEvent = ({
  pk: _pk,
  sk: _sk,
  entity: _entity,
  changeId: _changeId,
  ...event
}: TrailItem): TrailEvent => event;

export type TrailProblem = 'modified' | 'deleted' | 'inserted';

export type TrailReport =
  | { readonly valid: true; readonly streamId: string; readonly count: number; readonly headHash: string }
  | {
      readonly valid: false;
      readonly streamId: string;
      /** The first event (by sequence) at which the stored chain stops matching. */
      readonly sequence: number;
      readonly problem: TrailProblem;
      readonly detail: string;
    };

export class TrailStore {
  constructor(private readonly store: ItemStore) {}

  /** The stream's last event, or null for an empty stream. */
  async head(streamId: string): Promise<TrailEvent | null> {
    const page = await this.store.query<TrailItem>({
      keyCondition: 'pk = :pk AND begins_with(sk, :events)',
      values: { ':pk': streamPk(streamId), ':events': 'EVENT#' },
      ascending: false,
      limit: 1,
      consistentRead: true,
    });
    const [last] = page.items;
    return last ? toEvent(last) : null;
  }

  /**
   * Appends the draft unless an event with the same change id was appended at or after `afterSequence`
   * (a retry of a change whose event is already recorded). Returns the stored event either way.
   */
  async appendOnce(draft: TrailEventDraft, changeId: string, afterSequence: number): Promise<TrailEvent> {
    for (let attempt = 0; attempt < 20; attempt++) {
      const since = await this.store.queryAll<TrailItem>({
        keyCondition: 'pk = :pk AND sk > :after',
        values: { ':pk': streamPk(draft.streamId), ':after': eventSk(afterSequence) },
        consistentRead: true,
      });
      const already = since.find((item) => item.changeId === changeId);
      if (already) return toEvent(already);
      const tail = since.at(-1)
        ? toEvent(since.at(-1) as TrailItem)
        : await this.eventAt(draft.streamId, afterSequence);
      const event = appendTrailEvent(tail, draft);
      const { created } = await this.store.putIfAbsent<TrailItem>({
        pk: streamPk(event.streamId),
        sk: eventSk(event.sequence),
        entity: 'TrailEvent',
        changeId,
        ...event,
      });
      if (created) return event;
      // Another writer took this sequence number: re-read from where we were and try the next one.
    }
    throw new Error(`Could not append to trail ${draft.streamId}: too much contention`);
  }

  private async eventAt(streamId: string, sequence: number): Promise<TrailEvent | null> {
    if (sequence === 0) return null;
    const item = await this.store.get<TrailItem>({ pk: streamPk(streamId), sk: eventSk(sequence) });
    if (!item)
      throw new Error(`Trail ${streamId} has no event ${sequence}, which a pending change refers to`);
    return toEvent(item);
  }

  async list(streamId: string, options: { limit: number; cursor?: string }): Promise<Page<TrailEvent>> {
    const page = await this.store.query<TrailItem>({
      keyCondition: 'pk = :pk AND begins_with(sk, :events)',
      values: { ':pk': streamPk(streamId), ':events': 'EVENT#' },
      limit: options.limit,
      cursor: options.cursor,
    });
    return { items: page.items.map(toEvent), ...(page.cursor ? { cursor: page.cursor } : {}) };
  }

  async readAll(streamId: string): Promise<TrailEvent[]> {
    const items = await this.store.queryAll<TrailItem>({
      keyCondition: 'pk = :pk AND begins_with(sk, :events)',
      values: { ':pk': streamPk(streamId), ':events': 'EVENT#' },
      consistentRead: true,
    });
    return items.map(toEvent);
  }

  /**
   * Re-computes the chain and names the first event that does not fit: `modified` when an event's content
   * no longer matches its hash, `deleted` when a sequence number is missing or the chain ends before
   * `expectedHead` (a head recorded elsewhere, e.g. on the audit), `inserted` when an event's hash is
   * intact but it does not link to its predecessor.
   */
  async verify(streamId: string, expectedHead?: { sequence: number; hash: string }): Promise<TrailReport> {
    const events = await this.readAll(streamId);
    let previousHash = GENESIS_HASH;
    for (const [index, event] of events.entries()) {
      const expectedSequence = index + 1;
      if (event.streamId !== streamId) {
        return {
          valid: false,
          streamId,
          sequence: event.sequence,
          problem: 'inserted',
          detail: `belongs to stream ${event.streamId}`,
        };
      }
      if (event.sequence !== expectedSequence) {
        return {
          valid: false,
          streamId,
          sequence: expectedSequence,
          problem: event.sequence > expectedSequence ? 'deleted' : 'inserted',
          detail: `expected event ${expectedSequence}, found ${event.sequence}`,
        };
      }
      if (hashTrailEvent(event.prevHash, event) !== event.hash) {
        return {
          valid: false,
          streamId,
          sequence: event.sequence,
          problem: 'modified',
          detail: 'content does not match its hash',
        };
      }
      if (event.prevHash !== previousHash) {
        return {
          valid: false,
          streamId,
          sequence: event.sequence,
          problem: 'inserted',
          detail: 'does not link to the event before it (an event was inserted or replaced before it)',
        };
      }
      previousHash = event.hash;
    }
    if (
      expectedHead &&
      (events.length < expectedHead.sequence || events[expectedHead.sequence - 1]?.hash !== expectedHead.hash)
    ) {
      const sequence = Math.min(events.length + 1, expectedHead.sequence);
      return {
        valid: false,
        streamId,
        sequence,
        problem: 'deleted',
        detail: `the recorded head is event ${expectedHead.sequence}, but the stored chain ${events.length < expectedHead.sequence ? `ends at ${events.length}` : 'differs there'}`,
      };
    }
    return { valid: true, streamId, count: events.length, headHash: previousHash };
  }
}
