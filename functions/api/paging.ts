import * as z from 'zod';
import { decodeCursor, encodeCursor } from '../adapters/dynamodb/cursor.js';
import type { Page } from '../adapters/dynamodb/item-store.js';
import { InvalidCursorError } from '../adapters/dynamodb/persistence-errors.js';

/*
 * The repository's cursors are positions in one index. Handed to a client as they are, a cursor from one
 * listing could be replayed on another (agencies → audits by status) and reach DynamoDB as a foreign start
 * key, a 500. So the API wraps each cursor with the listing it belongs to and refuses it anywhere else.
 */

const ScopedCursorSchema = z.object({ scope: z.string(), position: z.string() });

export function toApiCursor(scope: string, position: string): string {
  return encodeCursor({ scope, position });
}

export function fromApiCursor(scope: string, cursor: string): string {
  const decoded = decodeCursor(cursor, ScopedCursorSchema);
  if (decoded.scope !== scope) throw new InvalidCursorError();
  return decoded.position;
}

/** DynamoDB's answer to a start key that does not fit the query: here, only an altered cursor causes it. */
const isRejectedStartKey = (error: unknown) => error instanceof Error && error.name === 'ValidationException';

export interface ApiPage<V> {
  items: V[];
  nextCursor?: string;
}

/** Reads one page of a listing with a client's cursor and returns the next cursor, both scoped to the listing. */
export async function readPage<T, V = T>(
  scope: string,
  query: { limit: number; cursor?: string | undefined },
  fetch: (page: { limit: number; cursor?: string }) => Promise<Page<T>>,
  view: (item: T) => V = (item) => item as unknown as V,
): Promise<ApiPage<V>> {
  const position = query.cursor === undefined ? undefined : fromApiCursor(scope, query.cursor);
  let page: Page<T>;
  try {
    page = await fetch({ limit: query.limit, ...(position === undefined ? {} : { cursor: position }) });
  } catch (error) {
    if (position !== undefined && isRejectedStartKey(error)) throw new InvalidCursorError();
    throw error;
  }
  return {
    items: page.items.map(view),
    ...(page.cursor ? { nextCursor: toApiCursor(scope, page.cursor) } : {}),
  };
}
