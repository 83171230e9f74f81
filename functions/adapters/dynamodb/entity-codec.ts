import type { AttributeChanges } from './item-store.js';

/** Attributes the table adds to a domain entity; stripped on the way out. */
const STORAGE_ATTRIBUTES = [
  'pk',
  'sk',
  'entity',
  'dueShard',
  'collectionKey',
  'collectionSortKey',
  'statusKey',
  'statusSortKey',
  'pendingTrail',
  'lastChangeId',
  'trailSequence',
] as const;

export function toEntity<E>(item: Record<string, unknown>): E {
  const entity: Record<string, unknown> = { ...item };
  for (const attribute of STORAGE_ATTRIBUTES) delete entity[attribute];
  return entity as E;
}

/**
 * What to write to turn `before` into `after`: changed or new fields are set, fields that became undefined
 * are removed. `version` is left to the conditional update, which bumps it itself.
 */
export function entityChanges(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): Required<AttributeChanges> {
  const set: Record<string, unknown> = {};
  const remove: string[] = [];
  for (const [field, value] of Object.entries(after)) {
    if (field === 'version') continue;
    if (value === undefined) {
      if (before[field] !== undefined) remove.push(field);
    } else if (JSON.stringify(value) !== JSON.stringify(before[field])) set[field] = value;
  }
  for (const field of Object.keys(before)) {
    if (field !== 'version' && !(field in after) && before[field] !== undefined) remove.push(field);
  }
  return { set, remove };
}

/** Adds or removes the due-index attributes, merged into a change set. */
export function mergeChanges(...parts: AttributeChanges[]): Required<AttributeChanges> {
  return {
    set: Object.assign({}, ...parts.map((part) => part.set ?? {})),
    remove: parts.flatMap((part) => part.remove ?? []),
  };
}
