import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

export interface ItemsReadCounter {
  /** Items read since the last reset, by command (QueryCommand, GetItemCommand, BatchGetItemCommand). */
  byCommand(): Readonly<Record<string, number>>;
  total(): number;
  reset(): void;
}

type Output = {
  ScannedCount?: number;
  Responses?: Record<string, unknown[]>;
  UnprocessedKeys?: Record<string, { Keys?: unknown[] }>;
};
type Input = { RequestItems?: Record<string, { Keys?: unknown[] }> };

const keysIn = (items: Record<string, { Keys?: unknown[] }> | undefined) =>
  Object.values(items ?? {}).reduce((sum, table) => sum + (table.Keys?.length ?? 0), 0);

/**
 * Counts the DynamoDB items `client` reads, as DynamoDB meters them: a Query reads every item it evaluates
 * (ScannedCount), a GetItem one item whether or not it exists, a BatchGetItem one per key it processed. Added as
 * client middleware, so it sees document-client commands as the DynamoDB commands they become, and counts what
 * the engine reports rather than what the code under test believes it read.
 */
export function countItemsRead(client: DynamoDBClient): ItemsReadCounter {
  let counts: Record<string, number> = {};
  const add = (command: string, items: number) => {
    counts[command] = (counts[command] ?? 0) + items;
  };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      const command = context.commandName ?? 'unknown';
      const output = result.output as Output;
      if (command === 'QueryCommand' || command === 'ScanCommand') add(command, output.ScannedCount ?? 0);
      else if (command === 'GetItemCommand') add(command, 1);
      else if (command === 'BatchGetItemCommand') {
        add(command, keysIn((args.input as Input).RequestItems) - keysIn(output.UnprocessedKeys));
      }
      return result;
    },
    { step: 'initialize', name: 'testItemsReadCounter' },
  );
  return {
    byCommand: () => ({ ...counts }),
    total: () => Object.values(counts).reduce((sum, count) => sum + count, 0),
    reset: () => {
      counts = {};
    },
  };
}
