import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ItemStore } from '../../functions/adapters/dynamodb/item-store.js';
import { createRepository, type Repository } from '../../functions/adapters/dynamodb/repository.js';
import type { RetryPolicy } from '../../functions/adapters/dynamodb/throttle-retry.js';
import { dynamoDbClientConfig } from '../../sandbox/engine-config.js';
import { ensureLocalTable } from '../../sandbox/provision-local-resources.js';
import { injectedLocalEngines, injectedSandboxResources } from '../setup/local-engines.js';

/**
 * The table the persistence suite runs against. By default, the run's dynalite. To run the same suite against
 * another DynamoDB:
 *   CLETS_TEST_DYNAMODB_ENDPOINT=http://127.0.0.1:8000  (e.g. DynamoDB Local; the table is created from the
 *                                                       synthesized template if it is missing)
 *   CLETS_TEST_TABLE_NAME=<table>                       (an existing table, e.g. a real one in a test account,
 *                                                       reached with the default AWS credential chain)
 * Tests write under random ids, so a shared table is fine.
 */
export interface TestTable {
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly repository: Repository;
  readonly store: ItemStore;
}

const noWait: RetryPolicy = { maxAttempts: 6, baseDelayMs: 1, maxDelayMs: 5 };

export async function connectTestTable(): Promise<TestTable> {
  const endpoint = process.env.CLETS_TEST_DYNAMODB_ENDPOINT;
  const tableName = process.env.CLETS_TEST_TABLE_NAME ?? (endpoint ? 'clets-audit-test' : undefined);
  let raw: DynamoDBClient;
  let name: string;
  if (endpoint || process.env.CLETS_TEST_TABLE_NAME) {
    raw = new DynamoDBClient(endpoint ? { endpoint } : {});
    name = tableName as string;
    if (endpoint) await ensureLocalTable(raw, name, injectedSandboxResources().auditTable);
  } else {
    const engines = injectedLocalEngines();
    raw = new DynamoDBClient(dynamoDbClientConfig(engines));
    name = engines.dynamodb.tableName;
  }
  const client = DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } });
  return {
    client,
    tableName: name,
    repository: createRepository(client, name, noWait),
    store: new ItemStore(client, name, noWait),
  };
}

/** A fresh, valid ORI per test (CA + 7 alphanumerics), so tests never see each other's data. */
export const uniqueOri = () => `CA${randomUUID().replace(/-/g, '').slice(0, 7).toUpperCase()}`;
