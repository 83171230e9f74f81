import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  appendTrailEvent,
  canonicalJson,
  DomainError,
  GENESIS_HASH,
  hashTrailEvent,
  type TrailEvent,
  type TrailEventDraft,
  TrailEventSchema,
  verifyTrailChain,
} from '../../../functions/domain/index.js';
import { ADMIN, AT } from './fixtures.js';

const NUM_RUNS = { canonical: 200, tamper: 200 };

// fast-check's JSON type uses readonly arrays; zod's does not. The values are the same JSON.
type Payload = TrailEventDraft['payload'];

const draft = (
  type: string,
  payload: TrailEventDraft['payload'] = {},
  streamId = 'aud_x',
): TrailEventDraft => ({
  type,
  at: AT,
  actor: ADMIN,
  subject: { type: 'audit', id: streamId },
  streamId,
  payload,
});

function chain(drafts: TrailEventDraft[]): TrailEvent[] {
  const events: TrailEvent[] = [];
  for (const next of drafts) events.push(appendTrailEvent(events.at(-1) ?? null, next));
  return events;
}

describe('Function: canonicalJson', () => {
  it('sorts keys, drops undefined members and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: [true, null, undefined, 'x'], c: undefined, d: { z: 1.5, y: -0 } })).toBe(
      '{"a":[true,null,null,"x"],"b":1,"d":{"y":0,"z":1.5}}',
    );
    expect(canonicalJson(new Date('2026-01-01T00:00:00Z'))).toBe('"2026-01-01T00:00:00.000Z"');
  });

  it('refuses values JSON cannot carry', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow(DomainError);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(/function has no JSON form/);
  });

  it('property: equal objects serialize identically whatever their key order, and parse back', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        const reordered = JSON.parse(JSON.stringify(value), (_key, item) =>
          item && typeof item === 'object' && !Array.isArray(item)
            ? Object.fromEntries(Object.entries(item).reverse())
            : item,
        );
        expect(canonicalJson(reordered)).toBe(text);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }),
      { numRuns: NUM_RUNS.canonical },
    );
  });
});

describe('Function: appendTrailEvent / hashTrailEvent', () => {
  it('numbers events from 1 and links each to the previous hash', () => {
    const [first, second] = chain([draft('audit.scheduled'), draft('audit.opened')]);
    expect(first).toMatchObject({ sequence: 1, prevHash: GENESIS_HASH, eventId: 'evt_aud_x_000001' });
    expect(second).toMatchObject({ sequence: 2, prevHash: first?.hash });
    expect(TrailEventSchema.safeParse(second).success).toBe(true);
  });

  it('is sha256 over the canonical JSON of the event with its prevHash and without its hash', () => {
    const [event] = chain([draft('audit.scheduled', { note: 'ok' })]);
    if (!event) throw new Error('no event');
    const { hash, ...body } = event;
    expect(hash).toBe(createHash('sha256').update(canonicalJson(body)).digest('hex'));
    expect(hashTrailEvent(null, event)).toBe(hash);
  });

  it('refuses to chain events of different streams', () => {
    const [first] = chain([draft('audit.scheduled')]);
    expect(() => appendTrailEvent(first ?? null, draft('audit.opened', {}, 'aud_other'))).toThrow(
      /cannot follow/,
    );
  });
});

describe('Function: verifyTrailChain', () => {
  const events = chain([draft('audit.scheduled'), draft('audit.opened'), draft('audit.collection-started')]);

  it('accepts an untouched chain and a verified tail', () => {
    expect(verifyTrailChain(events)).toEqual({ valid: true, count: 3, lastHash: events[2]?.hash });
    const [head, ...tail] = events;
    if (!head) throw new Error('no head');
    expect(verifyTrailChain(tail, head)).toMatchObject({ valid: true, count: 2 });
    expect(verifyTrailChain([])).toEqual({ valid: true, count: 0, lastHash: GENESIS_HASH });
  });

  it('names the first event where the chain breaks', () => {
    const edited = events.map((event) =>
      event.sequence === 2 ? { ...event, payload: { forged: true } } : event,
    );
    expect(verifyTrailChain(edited)).toEqual({ valid: false, sequence: 2, reason: 'hash-mismatch' });
    expect(verifyTrailChain([events[0], events[2]] as TrailEvent[])).toEqual({
      valid: false,
      sequence: 3,
      reason: 'sequence-gap',
    });
    const relinked = events.map((event) =>
      event.sequence === 3 ? { ...event, prevHash: GENESIS_HASH } : event,
    );
    expect(verifyTrailChain(relinked)).toEqual({ valid: false, sequence: 3, reason: 'prev-hash-mismatch' });
    const mixed = [events[0], { ...events[1], streamId: 'aud_y' }] as TrailEvent[];
    expect(verifyTrailChain(mixed)).toEqual({ valid: false, sequence: 2, reason: 'stream-mismatch' });
  });

  it('property: changing any one event in a chain is detected at or before it', () => {
    fc.assert(
      fc.property(
        fc.array(fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 2 })), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.nat(),
        fc.jsonValue({ maxDepth: 2 }),
        (payloads, pick, replacement) => {
          const built = chain(payloads.map((payload) => draft('audit.noted', payload as Payload)));
          expect(verifyTrailChain(built).valid).toBe(true);
          const index = pick % built.length;
          const target = built[index] as TrailEvent;
          const tampered: TrailEvent = {
            ...target,
            payload: { ...target.payload, injected: replacement as Payload[string] },
          };
          fc.pre(canonicalJson(tampered.payload) !== canonicalJson(target.payload));
          const copy = built.map((event, position) => (position === index ? tampered : event));
          const result = verifyTrailChain(copy);
          expect(result.valid).toBe(false);
          if (!result.valid) expect(result.sequence).toBeLessThanOrEqual(index + 1);
        },
      ),
      { numRuns: NUM_RUNS.tamper },
    );
  });
});
