import type { TrailEvent } from '../domain/schemas/trail-event.js';
import { GENESIS_HASH, hashTrailEvent, verifyTrailChain } from '../domain/trail/hash-chain.js';
import type { TrailHead } from './report-schema.js';

export type TrailCheck = { ok: true; head: TrailHead } | { ok: false; problem: string };

/**
 * Walks the chain from genesis one event at a time with the domain's verifyTrailChain (so the rules are the
 * trail's own), and says of the first event that does not fit which one it is and what is wrong with it.
 */
export function checkTrailChain(
  events: readonly TrailEvent[],
  auditId: string,
  /** Where the audit id comes from, for the message when an event belongs to another stream. */
  auditIdSource = 'the report',
): TrailCheck {
  let previous: TrailEvent | undefined;
  for (const [index, event] of events.entries()) {
    const where = `trail.jsonl line ${index + 1}`;
    if (event.streamId !== auditId) {
      return {
        ok: false,
        problem: `${where}: event ${event.sequence} belongs to stream ${event.streamId}, not to audit ${auditId} that ${auditIdSource} names`,
      };
    }
    const expected = previous ? previous.sequence + 1 : 1;
    const result = verifyTrailChain(
      [event],
      previous ? { sequence: previous.sequence, hash: previous.hash, streamId: auditId } : undefined,
    );
    if (!result.valid)
      return { ok: false, problem: `${where}: ${describeFault(result.reason, event, expected, previous)}` };
    previous = event;
  }
  return {
    ok: true,
    head: previous
      ? { sequence: previous.sequence, hash: previous.hash }
      : { sequence: 0, hash: GENESIS_HASH },
  };
}

function describeFault(
  reason: 'sequence-gap' | 'stream-mismatch' | 'prev-hash-mismatch' | 'hash-mismatch',
  event: TrailEvent,
  expected: number,
  previous: TrailEvent | undefined,
): string {
  switch (reason) {
    case 'sequence-gap':
      return event.sequence > expected
        ? `event ${expected} is missing: event ${event.sequence} comes where event ${expected} should (deleted or moved)`
        : `event ${event.sequence} comes where event ${expected} should (inserted, repeated or moved)`;
    case 'prev-hash-mismatch':
      return previous
        ? `event ${event.sequence} does not link to event ${previous.sequence}: its prevHash ${event.prevHash} is not that event's hash ${previous.hash} (an event was replaced or inserted)`
        : `event ${event.sequence} does not start the chain: its prevHash ${event.prevHash} is not the genesis hash`;
    case 'hash-mismatch':
      return `event ${event.sequence} was modified: its content hashes to ${hashTrailEvent(event.prevHash, event)}, not to its recorded hash ${event.hash}`;
    case 'stream-mismatch':
      return `event ${event.sequence} belongs to another stream (${event.streamId})`;
  }
}
