import { formatZodIssues } from '../domain/schemas/format-issues.js';
import { type TrailEvent, TrailEventSchema } from '../domain/schemas/trail-event.js';
import { canonicalJson } from '../domain/trail/hash-chain.js';

/*
 * trail.jsonl: one event per line, in sequence order, each in the canonical JSON its hash is computed over
 * (plus the hash itself), so anyone can re-check the chain with a JCS implementation and SHA-256.
 */

export function trailJsonl(events: readonly TrailEvent[]): string {
  return events.map((event) => `${canonicalJson(event)}\n`).join('');
}

export type ParsedTrail = { ok: true; events: TrailEvent[] } | { ok: false; problem: string };

/**
 * The events of a trail.jsonl text, or the first line that is not one. Each event is kept as read (not as the
 * schema's output, which would drop unknown fields), so the hash check sees every byte of its content.
 */
export function parseTrailLines(text: string): ParsedTrail {
  const lines = text.split('\n');
  // The file ends with a newline: the text after it is empty, not a line.
  if (lines.at(-1) === '') lines.pop();
  const events: TrailEvent[] = [];
  for (const [index, line] of lines.entries()) {
    const where = `trail.jsonl line ${index + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      const why = line.trim() === '' ? 'it is empty' : error instanceof Error ? error.message : String(error);
      return { ok: false, problem: `${where} is not a JSON event: ${why}` };
    }
    const shape = TrailEventSchema.safeParse(value);
    if (!shape.success) {
      const sequence = (value as { sequence?: unknown } | null)?.sequence;
      const which = typeof sequence === 'number' ? ` (event ${sequence})` : '';
      return {
        ok: false,
        problem: `${where}${which} is not a trail event: ${formatZodIssues(shape.error).join('; ')}`,
      };
    }
    events.push(value as TrailEvent);
  }
  return { ok: true, events };
}
