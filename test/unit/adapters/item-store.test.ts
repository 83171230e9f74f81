import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeCursor } from '../../../functions/adapters/dynamodb/cursor.js';
import { ItemStore } from '../../../functions/adapters/dynamodb/item-store.js';
import {
  InvalidCursorError,
  PersistenceThrottledError,
  VersionConflictError,
} from '../../../functions/adapters/dynamodb/persistence-errors.js';

const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-west-2' }));
const dynamo = mockClient(documentClient);
const delays: number[] = [];
const store = new ItemStore(documentClient, 'audit-table', {
  maxAttempts: 4,
  baseDelayMs: 100,
  maxDelayMs: 1_000,
  sleep: async (milliseconds) => {
    delays.push(milliseconds);
  },
  random: () => 0.5,
});

const throttled = () =>
  Object.assign(new Error('Rate of requests exceeds the allowed throughput.'), {
    name: 'ProvisionedThroughputExceededException',
  });
const conditionFailed = () =>
  new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });

afterEach(() => {
  dynamo.reset();
  delays.length = 0;
});

describe('Class: ItemStore', () => {
  describe('Method: putIfAbsent', () => {
    it('retries throttling with growing, jittered backoff and then succeeds', async () => {
      // Prepare
      dynamo.on(PutCommand).rejectsOnce(throttled()).rejectsOnce(throttled()).resolves({});
      // Act
      const result = await store.putIfAbsent({ pk: 'AGENCY#CA0190000', sk: 'AGENCY', name: 'Fresno PD' });
      // Assess
      expect(result.created).toBe(true);
      expect(dynamo.commandCalls(PutCommand)).toHaveLength(3);
      expect(delays).toEqual([50, 100]);
      expect(dynamo.commandCalls(PutCommand)[0]?.args[0].input.ConditionExpression).toBe(
        'attribute_not_exists(pk)',
      );
    });

    it('gives up with a typed error after the last attempt', async () => {
      dynamo.on(PutCommand).rejects(throttled());
      await expect(store.putIfAbsent({ pk: 'A', sk: 'B' })).rejects.toBeInstanceOf(PersistenceThrottledError);
      expect(dynamo.commandCalls(PutCommand)).toHaveLength(4);
    });

    it('treats a duplicate create as a no-op that returns the stored item', async () => {
      // Prepare
      const stored = { pk: 'AUDIT#a1', sk: 'AUDIT', status: 'open', version: 3 };
      dynamo.on(PutCommand).rejects(conditionFailed());
      dynamo.on(GetCommand).resolves({ Item: stored });
      // Act
      const result = await store.putIfAbsent({
        pk: 'AUDIT#a1',
        sk: 'AUDIT',
        status: 'scheduled',
        version: 1,
      });
      // Assess
      expect(result).toEqual({ created: false, item: stored });
    });

    it('does not retry other errors', async () => {
      dynamo.on(PutCommand).rejects(Object.assign(new Error('bad'), { name: 'ValidationException' }));
      await expect(store.putIfAbsent({ pk: 'A', sk: 'B' })).rejects.toThrow('bad');
      expect(dynamo.commandCalls(PutCommand)).toHaveLength(1);
    });
  });

  describe('Method: updateVersioned', () => {
    it('surfaces a conditional failure as a VersionConflictError naming the item', async () => {
      dynamo.on(UpdateCommand).rejects(conditionFailed());
      const update = store.updateVersioned('Audit', { pk: 'AUDIT#a1', sk: 'AUDIT' }, 2, {
        set: { status: 'open' },
      });
      await expect(update).rejects.toBeInstanceOf(VersionConflictError);
      await expect(update).rejects.toThrow(
        /Audit AUDIT#a1\/AUDIT was changed by someone else \(expected version 2\)/,
      );
    });

    it('guards on the version, bumps it and names every attribute', async () => {
      dynamo.on(UpdateCommand).resolves({ Attributes: { pk: 'P', sk: 'S', version: 3 } });
      await store.updateVersioned('Audit', { pk: 'P', sk: 'S' }, 2, {
        set: { status: 'open' },
        remove: ['dueShard'],
      });
      const input = dynamo.commandCalls(UpdateCommand)[0]?.args[0].input;
      expect(input?.ConditionExpression).toBe('#version = :expected');
      expect(input?.UpdateExpression).toBe('SET #s0 = :s0, #s1 = :s1 REMOVE #r0');
      expect(input?.ExpressionAttributeValues).toEqual({ ':expected': 2, ':s0': 'open', ':s1': 3 });
      expect(input?.ExpressionAttributeNames).toEqual({
        '#version': 'version',
        '#s0': 'status',
        '#s1': 'version',
        '#r0': 'dueShard',
      });
    });
  });

  describe('Method: query', () => {
    it('rejects a cursor it did not hand out', async () => {
      await expect(
        store.query({ keyCondition: 'pk = :pk', values: { ':pk': 'X' }, limit: 10, cursor: 'not-a-cursor' }),
      ).rejects.toBeInstanceOf(InvalidCursorError);
      await expect(
        store.query({
          keyCondition: 'pk = :pk',
          values: { ':pk': 'X' },
          limit: 10,
          cursor: encodeCursor({ pk: { a: 1 } }),
        }),
      ).rejects.toBeInstanceOf(InvalidCursorError);
    });
  });
});
