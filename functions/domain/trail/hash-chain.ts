import { createHash } from 'node:crypto';
import { DomainError } from '../errors.js';
import type { TrailEvent, TrailEventDraft } from '../schemas/trail-event.js';

/** prevHash of the first event in every stream. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * Deterministic JSON: object keys sorted by UTF-16 code unit, no whitespace, numbers in ECMAScript
 * form. For the JSON values a trail holds this is the RFC 8785 (JCS) serialization, so an auditor can
 * recompute hashes offline with any JCS implementation.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new DomainError(`canonicalJson: ${value} has no JSON form`);
    return JSON.stringify(value);
  }
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) {
    return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  throw new DomainError(`canonicalJson: a ${typeof value} has no JSON form`);
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

type HashableEvent = Omit<TrailEvent, 'hash' | 'prevHash'> & { hash?: string; prevHash?: string };

/** sha256 over the canonical JSON of the event (without its own hash) and the previous event's hash. */
export function hashTrailEvent(prevHash: string | null, event: HashableEvent): string {
  const { hash: _ignored, ...body } = event;
  return sha256Hex(canonicalJson({ ...body, prevHash: prevHash ?? GENESIS_HASH }));
}

export function trailEventId(streamId: string, sequence: number): string {
  return `evt_${streamId}_${String(sequence).padStart(6, '0')}`;
}

/** Seals a draft as the next event of its stream. `previous` is the stream's last event, or null. */
export function appendTrailEvent(previous: TrailEvent | null, draft: TrailEventDraft): TrailEvent {
  if (previous && previous.streamId !== draft.streamId) {
    throw new DomainError(
      `Trail event for stream ${draft.streamId} cannot follow an event of stream ${previous.streamId}.`,
    );
  }
  const sequence = previous ? previous.sequence + 1 : 1;
  const prevHash = previous ? previous.hash : GENESIS_HASH;
  const unsealed = { ...draft, eventId: trailEventId(draft.streamId, sequence), sequence, prevHash };
  return { ...unsealed, hash: hashTrailEvent(prevHash, unsealed) };
}

export type TrailVerification =
  | { valid: true; count: number; lastHash: string }
  | {
      valid: false;
      sequence: number;
      reason: 'sequence-gap' | 'stream-mismatch' | 'prev-hash-mismatch' | 'hash-mismatch';
    };

/**
 * Checks a stream's events in order. Pass `after` (the last event already verified) to check a tail;
 * otherwise the chain must start at sequence 1 from the genesis hash.
 */
export function verifyTrailChain(
  events: readonly TrailEvent[],
  after?: { sequence: number; hash: string; streamId: string },
): TrailVerification {
  let expectedSequence = after ? after.sequence + 1 : 1;
  let expectedPrev = after ? after.hash : GENESIS_HASH;
  const streamId = after?.streamId ?? events[0]?.streamId;
  for (const event of events) {
    if (event.streamId !== streamId)
      return { valid: false, sequence: event.sequence, reason: 'stream-mismatch' };
    if (event.sequence !== expectedSequence)
      return { valid: false, sequence: event.sequence, reason: 'sequence-gap' };
    if (event.prevHash !== expectedPrev)
      return { valid: false, sequence: event.sequence, reason: 'prev-hash-mismatch' };
    if (hashTrailEvent(event.prevHash, event) !== event.hash) {
      return { valid: false, sequence: event.sequence, reason: 'hash-mismatch' };
    }
    expectedSequence += 1;
    expectedPrev = event.hash;
  }
  return { valid: true, count: events.length, lastHash: expectedPrev };
}
