import { createHash } from 'node:crypto';
import * as z from 'zod';
import { decodeCursor, encodeCursor, storedKeySchema } from './cursor.js';
import { type ItemKey, type ItemStore, MAX_PAGE_SIZE, type Page, type StoredItem } from './item-store.js';
import { tableDesign } from './table-design.js';

const { due } = tableDesign.indexes;

/** A shard is chosen from the item's key, so the same item always lands on the same shard. */
export function dueShardFor(pk: string, sk: string): string {
  const digest = createHash('sha256').update(`${pk}\u0000${sk}`).digest();
  return `DUE#${digest.readUInt32BE(0) % tableDesign.dueShardCount}`;
}

/** Attributes that put an open item into the due index. Remove both (see `dueIndexRemoval`) when the work closes. */
export function dueIndexAttributes(
  pk: string,
  sk: string,
  dueAt: string,
): { dueShard: string; dueAt: string } {
  return { dueShard: dueShardFor(pk, sk), dueAt };
}

export const dueIndexRemoval = [due.partitionKey.name, due.sortKey.name] as const;

export const allDueShards = (): string[] =>
  Array.from({ length: tableDesign.dueShardCount }, (_unused, index) => `DUE#${index}`);

/** Per shard: the key to continue from, or null once that shard is exhausted. */
const DueCursorSchema = z.record(z.string().regex(/^DUE#\d+$/), storedKeySchema.nullable());

const byDueThenKey = (a: StoredItem, b: StoredItem) =>
  String(a.dueAt).localeCompare(String(b.dueAt)) || a.pk.localeCompare(b.pk) || a.sk.localeCompare(b.sk);

const indexKeyOf = (item: StoredItem) => ({
  pk: item.pk,
  sk: item.sk,
  [due.partitionKey.name]: item[due.partitionKey.name] as string,
  [due.sortKey.name]: item[due.sortKey.name] as string,
});

/**
 * All open work due before `before` (exclusive), in due order, one page at a time. Every shard is queried in
 * parallel for at most `limit` items past its own position; the merged list is cut at `limit`, and the cursor
 * remembers, per shard, the last item actually returned, so no item is skipped or repeated across pages.
 * Reads are proportional to the open work returned, never to the table.
 */
export async function queryOpenWorkDueBefore<T extends ItemKey>(
  store: ItemStore,
  before: string,
  options: { limit: number; cursor?: string },
): Promise<Page<T>> {
  const positions: Record<string, Record<string, string | number> | null | undefined> = options.cursor
    ? decodeCursor(options.cursor, DueCursorSchema)
    : {};
  const shards = allDueShards().filter((shard) => positions[shard] !== null);
  const pages = await Promise.all(
    shards.map(async (shard) => {
      const start = positions[shard];
      const page = await store.query<T>({
        indexName: due.indexName,
        keyCondition: '#shard = :shard AND #due < :before',
        names: { '#shard': due.partitionKey.name, '#due': due.sortKey.name },
        values: { ':shard': shard, ':before': before },
        limit: options.limit,
        cursor: start ? encodeCursor(start) : undefined,
      });
      return { shard, page };
    }),
  );

  const merged = pages
    .flatMap(({ shard, page }) => page.items.map((item) => ({ shard, item })))
    .sort((a, b) => byDueThenKey(a.item, b.item));
  const taken = merged.slice(0, options.limit);

  const next: Record<string, Record<string, string | number> | null> = {};
  for (const [shard, position] of Object.entries(positions)) if (position === null) next[shard] = null;
  for (const { shard, page } of pages) {
    const takenFromShard = taken.filter((entry) => entry.shard === shard);
    const last = takenFromShard.at(-1);
    const previous = positions[shard];
    if (takenFromShard.length === page.items.length && !page.cursor) next[shard] = null;
    else if (last) next[shard] = indexKeyOf(last.item);
    // Nothing taken from this shard: it resumes where it was (or from its start).
    else if (previous) next[shard] = previous;
  }
  const exhausted = allDueShards().every((shard) => next[shard] === null);
  return { items: taken.map((entry) => entry.item), ...(exhausted ? {} : { cursor: encodeCursor(next) }) };
}

/**
 * Every open item due before `before` (exclusive), read shard by shard in parallel, each shard to its end.
 * Unlike the merged pages above, nothing read is thrown away, so every item is read exactly once: the reader
 * of a whole report (the administrators' digest) pays one item read per item it gets. Throws past `maxItems`,
 * so a runaway index fails loudly instead of exhausting the function's memory.
 */
export async function readAllOpenWorkDueBefore<T extends ItemKey>(
  store: ItemStore,
  before: string,
  maxItems: number,
): Promise<T[]> {
  const perShard = await Promise.all(
    allDueShards().map(async (shard) => {
      const items: T[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.query<T>({
          indexName: due.indexName,
          keyCondition: '#shard = :shard AND #due < :before',
          names: { '#shard': due.partitionKey.name, '#due': due.sortKey.name },
          values: { ':shard': shard, ':before': before },
          limit: MAX_PAGE_SIZE,
          cursor,
        });
        items.push(...page.items);
        if (items.length > maxItems) {
          throw new Error(
            `More than ${maxItems} open items are due before ${before} in ${shard}; raise the limit or page the report`,
          );
        }
        cursor = page.cursor;
      } while (cursor);
      return items;
    }),
  );
  const all = perShard.flat().sort(byDueThenKey);
  if (all.length > maxItems) {
    throw new Error(
      `More than ${maxItems} open items are due before ${before}; raise the limit or page the report`,
    );
  }
  return all;
}
