import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { decodeCursor, encodeCursor, type StoredKey, storedKeySchema } from './cursor.js';
import { PersistenceThrottledError, VersionConflictError } from './persistence-errors.js';
import { tableDesign } from './table-design.js';
import { defaultRetryPolicy, type RetryPolicy, withThrottleRetry } from './throttle-retry.js';

export type ItemKey = { readonly pk: string; readonly sk: string };
export type StoredItem = Record<string, unknown> & ItemKey;

export interface Page<T> {
  readonly items: T[];
  /** Pass back to get the next page; absent on the last page. */
  readonly cursor?: string;
}

export interface AttributeChanges {
  readonly set?: Record<string, unknown>;
  readonly remove?: readonly string[];
}

export interface Condition {
  readonly expression: string;
  readonly names?: Record<string, string>;
  readonly values?: Record<string, unknown>;
}

export interface QuerySpec {
  readonly indexName?: string;
  readonly keyCondition: string;
  readonly values: Record<string, unknown>;
  readonly names?: Record<string, string>;
  readonly filter?: string;
  readonly ascending?: boolean;
  readonly limit: number;
  readonly cursor?: string;
  readonly consistentRead?: boolean;
}

/**
 * DynamoDB rejects items over 400 KB. Nothing here should come near that (evidence bytes live in S3), so an
 * item over this budget is a bug caught with a clear message before DynamoDB's generic one.
 */
export const ITEM_SIZE_BUDGET_BYTES = 300 * 1024;

function assertWithinSizeBudget(item: Record<string, unknown>): void {
  const bytes = Buffer.byteLength(JSON.stringify(item), 'utf8');
  if (bytes > ITEM_SIZE_BUDGET_BYTES) {
    throw new Error(
      `Item ${String(item.pk)}/${String(item.sk)} is ${bytes} bytes, over the ${ITEM_SIZE_BUDGET_BYTES}-byte budget`,
    );
  }
}

/** Largest page any list may ask for: keeps every read bounded. */
export const MAX_PAGE_SIZE = 100;

/** BatchGetItem takes at most 100 keys per request. */
const BATCH_GET_SIZE = 100;

const sleepFor = (milliseconds: number) => new Promise<void>((resolve) => setTimeout(resolve, milliseconds));

const isConditionFailure = (error: unknown) =>
  error instanceof ConditionalCheckFailedException ||
  (error instanceof Error && error.name === 'ConditionalCheckFailedException');

const keyText = (key: ItemKey) => `${key.pk}/${key.sk}`;

/**
 * The only module that talks to the table. Every write is single-item and conditional (the local engine has
 * no transactions, and single-item conditions are what make retries safe); every read is a GetItem or a
 * bounded, paginated Query.
 */
export class ItemStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    readonly tableName: string,
    private readonly retry: RetryPolicy = defaultRetryPolicy,
  ) {}

  async get<T extends ItemKey>(key: ItemKey, consistentRead = true): Promise<T | undefined> {
    const output = await withThrottleRetry(
      () =>
        this.client.send(
          new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: consistentRead }),
        ),
      this.retry,
    );
    return output.Item as T | undefined;
  }

  /**
   * Several items by key (BatchGetItem, 100 keys per request; keys DynamoDB leaves unprocessed are asked for
   * again after a jittered pause). Items that do not exist are simply absent from the result. Eventually
   * consistent: for display data read in bulk (agency names in a report), not for read-modify-write.
   */
  async batchGet<T extends ItemKey>(
    keys: readonly ItemKey[],
    options: { projection?: readonly string[] } = {},
  ): Promise<T[]> {
    const found: T[] = [];
    const names = options.projection
      ? Object.fromEntries(options.projection.map((attribute, index) => [`#p${index}`, attribute]))
      : undefined;
    const projection = names ? Object.keys(names).join(', ') : undefined;
    for (let start = 0; start < keys.length; start += BATCH_GET_SIZE) {
      let pending: Record<string, unknown>[] = keys
        .slice(start, start + BATCH_GET_SIZE)
        .map((key) => ({ pk: key.pk, sk: key.sk }));
      for (let round = 1; pending.length > 0; round++) {
        const output = await withThrottleRetry(
          () =>
            this.client.send(
              new BatchGetCommand({
                RequestItems: {
                  [this.tableName]: {
                    Keys: pending,
                    ...(projection
                      ? { ProjectionExpression: projection, ExpressionAttributeNames: names }
                      : {}),
                  },
                },
              }),
            ),
          this.retry,
        );
        found.push(...((output.Responses?.[this.tableName] ?? []) as T[]));
        pending = (output.UnprocessedKeys?.[this.tableName]?.Keys ?? []) as Record<string, unknown>[];
        if (pending.length === 0) break;
        if (round >= this.retry.maxAttempts) throw new PersistenceThrottledError(round);
        const ceiling = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (round - 1));
        await (this.retry.sleep ?? sleepFor)(Math.floor((this.retry.random ?? Math.random)() * ceiling));
      }
    }
    return found;
  }

  /**
   * Idempotent create: writes the item only if no item has its key. A repeated create (a retried step, a
   * re-planned occurrence) is a no-op that returns the item already stored.
   */
  async putIfAbsent<T extends ItemKey>(item: T): Promise<{ created: boolean; item: T }> {
    assertWithinSizeBudget(item);
    try {
      await withThrottleRetry(
        () =>
          this.client.send(
            new PutCommand({
              TableName: this.tableName,
              Item: item,
              ConditionExpression: 'attribute_not_exists(pk)',
            }),
          ),
        this.retry,
      );
      return { created: true, item };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const existing = await this.get<T>({ pk: item.pk, sk: item.sk });
      // Deleted between the failed put and the read: nothing in this table is deleted, so this is a bug.
      if (!existing) throw new Error(`Item ${keyText(item)} vanished after a conditional create failed`);
      return { created: false, item: existing };
    }
  }

  /** Unconditional put, for items with a single writer whose content is a pure function of its key (pointers). */
  async put(item: StoredItem): Promise<void> {
    assertWithinSizeBudget(item);
    await withThrottleRetry(
      () => this.client.send(new PutCommand({ TableName: this.tableName, Item: item })),
      this.retry,
    );
  }

  /**
   * Optimistic update: sets and removes attributes only if the stored version is `expectedVersion` (and the
   * optional extra condition holds), and bumps the version. A stale write raises VersionConflictError.
   */
  async updateVersioned<T extends ItemKey>(
    entity: string,
    key: ItemKey,
    expectedVersion: number,
    changes: AttributeChanges & { condition?: string },
  ): Promise<T> {
    const updated = await this.updateIf<T>(
      key,
      { ...changes, set: { ...changes.set, [tableDesign.versionAttribute]: expectedVersion + 1 } },
      {
        expression: ['#version = :expected', changes.condition].filter(Boolean).join(' AND '),
        names: { '#version': tableDesign.versionAttribute },
        values: { ':expected': expectedVersion },
      },
    );
    if (!updated) throw new VersionConflictError(entity, keyText(key), expectedVersion);
    return updated;
  }

  /** A conditional update; resolves to the new item, or undefined when the condition did not hold. */
  async updateIf<T extends ItemKey>(
    key: ItemKey,
    changes: AttributeChanges,
    condition: Condition,
  ): Promise<T | undefined> {
    const names: Record<string, string> = { ...condition.names };
    const values: Record<string, unknown> = { ...condition.values };
    const setClauses = Object.entries(changes.set ?? {}).map(([attribute, value], index) => {
      names[`#s${index}`] = attribute;
      values[`:s${index}`] = value;
      return `#s${index} = :s${index}`;
    });
    const removeClauses = (changes.remove ?? []).map((attribute, index) => {
      names[`#r${index}`] = attribute;
      return `#r${index}`;
    });
    const update = [
      setClauses.length ? `SET ${setClauses.join(', ')}` : '',
      removeClauses.length ? `REMOVE ${removeClauses.join(', ')}` : '',
    ]
      .filter(Boolean)
      .join(' ');
    try {
      const output = await withThrottleRetry(
        () =>
          this.client.send(
            new UpdateCommand({
              TableName: this.tableName,
              Key: { pk: key.pk, sk: key.sk },
              UpdateExpression: update,
              ConditionExpression: condition.expression,
              ExpressionAttributeNames: names,
              ExpressionAttributeValues: Object.keys(values).length ? values : undefined,
              ReturnValues: 'ALL_NEW',
            }),
          ),
        this.retry,
      );
      return output.Attributes as T;
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
  }

  /** One page of a Query, never more than MAX_PAGE_SIZE items. */
  async query<T extends ItemKey>(spec: QuerySpec): Promise<Page<T>> {
    const input: QueryCommandInput = {
      TableName: this.tableName,
      IndexName: spec.indexName,
      KeyConditionExpression: spec.keyCondition,
      ExpressionAttributeValues: spec.values,
      ExpressionAttributeNames: spec.names,
      FilterExpression: spec.filter,
      ScanIndexForward: spec.ascending ?? true,
      Limit: Math.min(Math.max(1, spec.limit), MAX_PAGE_SIZE),
      ConsistentRead: spec.indexName ? undefined : spec.consistentRead,
      ExclusiveStartKey: spec.cursor ? decodeCursor(spec.cursor, storedKeySchema) : undefined,
    };
    const output = await withThrottleRetry(() => this.client.send(new QueryCommand(input)), this.retry);
    const lastKey = output.LastEvaluatedKey as StoredKey | undefined;
    return { items: (output.Items ?? []) as T[], ...(lastKey ? { cursor: encodeCursor(lastKey) } : {}) };
  }

  /** Reads a whole partition (or key range) page by page; only for partitions bounded by design (one audit). */
  async queryAll<T extends ItemKey>(
    spec: Omit<QuerySpec, 'limit' | 'cursor'>,
    maxItems = 5_000,
  ): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.query<T>({ ...spec, limit: MAX_PAGE_SIZE, cursor });
      items.push(...page.items);
      cursor = page.cursor;
      if (items.length > maxItems)
        throw new Error(`Query returned more than ${maxItems} items; partition is larger than designed`);
    } while (cursor);
    return items;
  }
}
