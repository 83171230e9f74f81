import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:net';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { GetBucketCorsCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { tableDesign } from '../../../functions/adapters/dynamodb/table-design.js';
import { checkHealth } from '../../../functions/adapters/health/check-health.js';
import {
  createLocalClients,
  type LocalClients,
  localEngineEnvironment,
} from '../../../sandbox/engine-config.js';
import { startLocalEngines } from '../../../sandbox/local-engines.js';
import { PortBusyError } from '../../../sandbox/sandbox-errors.js';
import { injectedLocalEngines, injectedSandboxResources } from '../../setup/local-engines.js';

const engines = injectedLocalEngines();

const keySchemaOf = (partitionKey: string, sortKey: string) => [
  { AttributeName: partitionKey, KeyType: 'HASH' },
  { AttributeName: sortKey, KeyType: 'RANGE' },
];

/** Holds a loopback port so that something else finds it busy. */
async function occupyPort(): Promise<{ port: number; server: Server }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { port: address.port, server };
}

describe('Sandbox: local engines', () => {
  let clients: LocalClients;

  beforeAll(() => {
    clients = createLocalClients(engines);
  });

  afterAll(() => {
    clients.destroy();
  });

  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it('creates the audit table with the key schema and both indexes of the table design', async () => {
    // Act
    const { Table: table } = await clients.dynamoDb.send(
      new DescribeTableCommand({ TableName: engines.dynamodb.tableName }),
    );

    // Assess: the design went through CDK, the template and the engine, and came back unchanged.
    expect(table?.TableStatus).toBe('ACTIVE');
    expect(table?.KeySchema).toEqual(keySchemaOf(tableDesign.partitionKey.name, tableDesign.sortKey.name));
    const indexes = table?.GlobalSecondaryIndexes ?? [];
    expect(indexes.map((index) => index.IndexName).sort()).toEqual(
      Object.values(tableDesign.indexes)
        .map((index) => index.indexName)
        .sort(),
    );
    for (const design of Object.values(tableDesign.indexes)) {
      const index = indexes.find((candidate) => candidate.IndexName === design.indexName);
      expect(index?.KeySchema).toEqual(keySchemaOf(design.partitionKey.name, design.sortKey.name));
      expect(index?.Projection?.ProjectionType).toBe('ALL');
    }
  });

  it('refuses a second conditional create of the same item and finds the item through the due index', async () => {
    // Prepare: a shard of its own, so items from other tests cannot show up in the query.
    const dueShard = `test-${randomUUID()}`;
    const item = { pk: `AUDIT#${randomUUID()}`, sk: 'AUDIT', dueShard, dueAt: '2026-03-01T00:00:00Z' };
    const create = () =>
      clients.documentClient.send(
        new PutCommand({
          TableName: engines.dynamodb.tableName,
          Item: item,
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );

    // Act
    await create();
    const secondCreate = await create().then(
      () => 'written',
      (error: Error) => error.name,
    );
    const { Items: due } = await clients.documentClient.send(
      new QueryCommand({
        TableName: engines.dynamodb.tableName,
        IndexName: tableDesign.indexes.due.indexName,
        KeyConditionExpression: 'dueShard = :shard AND dueAt <= :until',
        ExpressionAttributeValues: { ':shard': dueShard, ':until': '2026-04-01T00:00:00Z' },
      }),
    );

    // Assess
    expect(secondCreate).toBe('ConditionalCheckFailedException');
    expect(due).toEqual([item]);
  });

  it('sets the template CORS rules with the origin that serves the upload page', async () => {
    // The deployed origin is the portal's endpoint (a CloudFormation intrinsic): the sandbox names its own.
    const own = await startLocalEngines({ resources: injectedSandboxResources() });
    const ownClients = createLocalClients(own.config);
    try {
      const templateRules = injectedSandboxResources().evidenceBucket.corsRules;
      expect(templateRules).toEqual([
        expect.objectContaining({ AllowedMethods: ['POST'], AllowedOrigins: [] }),
      ]);
      await own.allowUploadsFrom('http://127.0.0.1:4280');
      const cors = await ownClients.s3.send(
        new GetBucketCorsCommand({ Bucket: own.config.s3.evidenceBucket }),
      );
      expect(cors.CORSRules).toEqual(
        templateRules.map((rule) => ({ ...rule, AllowedOrigins: ['http://127.0.0.1:4280'] })),
      );
    } finally {
      ownClients.destroy();
      await own.stop();
    }
  });

  it('creates the evidence bucket and stores objects', async () => {
    // Prepare
    const key = `agency/ORI0000000/audit/${randomUUID()}/training-roster.csv`;

    // Act
    await clients.s3.send(
      new PutObjectCommand({
        Bucket: engines.s3.evidenceBucket,
        Key: key,
        Body: 'name,certified\nA. Operator,2026-01-15\n',
        ContentType: 'text/csv',
      }),
    );
    const stored = await clients.s3.send(
      new GetObjectCommand({ Bucket: engines.s3.evidenceBucket, Key: key }),
    );

    // Assess
    expect(await stored.Body?.transformToString()).toBe('name,certified\nA. Operator,2026-01-15\n');
    expect(stored.ContentType).toBe('text/csv');
  });

  it('reports healthy through checkHealth', async () => {
    // Act
    const report = await checkHealth({
      documentClient: clients.documentClient,
      s3Client: clients.s3,
      tableName: engines.dynamodb.tableName,
      evidenceBucket: engines.s3.evidenceBucket,
      stage: engines.stage,
    });

    // Assess
    expect(report).toMatchObject({
      status: 'ok',
      stage: engines.stage,
      checks: { table: { ok: true }, evidenceBucket: { ok: true } },
    });
  });

  it('hands out an environment that points a handler module, clients built at import time, at the engines', async () => {
    // Prepare
    for (const [name, value] of Object.entries(localEngineEnvironment(engines))) vi.stubEnv(name, value);

    // Act
    const { handler } = await import('../../../functions/handlers/health-check.js');
    const report = await handler();

    // Assess
    expect(report).toMatchObject({
      status: 'ok',
      checks: { table: { ok: true }, evidenceBucket: { ok: true } },
    });
  });

  it.each([
    ['dynamodb', 'DynamoDB engine'],
    ['s3', 'S3 engine'],
  ] as const)('reports a busy %s port as a PortBusyError naming the engine', async (service, label) => {
    // Prepare
    const busy = await occupyPort();

    // Act
    const start = startLocalEngines({
      resources: injectedSandboxResources(),
      ...(service === 'dynamodb' ? { dynamodbPort: busy.port } : { s3Port: busy.port }),
    });

    // Assess
    await expect(start).rejects.toBeInstanceOf(PortBusyError);
    await expect(start).rejects.toThrow(
      `Port ${busy.port} is busy (used by another process), so the ${label} cannot start.`,
    );
    busy.server.close();
  });
});
