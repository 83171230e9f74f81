import * as z from 'zod';
import { InvalidCursorError } from './persistence-errors.js';

/** A DynamoDB key as it appears in LastEvaluatedKey: only string or number attributes in this table. */
const KeySchema = z.record(z.string().max(64), z.union([z.string().max(2048), z.number()]));
export type StoredKey = z.infer<typeof KeySchema>;

/**
 * Pagination cursors are opaque base64url JSON. Decoding validates them, so a tampered or foreign cursor is
 * a clear 400 rather than a DynamoDB validation error; the key only names items the caller could page to anyway.
 */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

export function decodeCursor<T extends z.ZodType>(cursor: string, schema: T): z.infer<T> {
  if (cursor.length > 8_192) throw new InvalidCursorError();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError();
  }
  const result = schema.safeParse(parsed);
  if (!result.success) throw new InvalidCursorError();
  return result.data;
}

export const storedKeySchema = KeySchema;
