import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  type KeySchemaElement,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import {
  CreateBucketCommand,
  DeleteBucketCorsCommand,
  HeadBucketCommand,
  PutBucketCorsCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { LocalResourceMismatchError } from './sandbox-errors.js';
import type { SandboxResourceDefinitions } from './template-resources.js';

const TABLE_ACTIVE_TIMEOUT_MS = 5_000;
const TABLE_POLL_INTERVAL_MS = 10;

async function describeTableIfExists(client: DynamoDBClient, tableName: string) {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
  } catch (error) {
    if (error instanceof Error && error.name === 'ResourceNotFoundException') return undefined;
    throw error;
  }
}

const keysOf = (schema: KeySchemaElement[] | undefined) =>
  (schema ?? []).map((key) => `${key.AttributeName}:${key.KeyType}`).join(',');

/** Table key schema and index keys as comparable lines, e.g. `index due-index dueShard:HASH,dueAt:RANGE`. */
function keyDesignLines(table: {
  KeySchema?: KeySchemaElement[] | undefined;
  GlobalSecondaryIndexes?: { IndexName?: string | undefined; KeySchema?: KeySchemaElement[] | undefined }[];
  LocalSecondaryIndexes?: { IndexName?: string | undefined; KeySchema?: KeySchemaElement[] | undefined }[];
}): string[] {
  const indexes = [...(table.GlobalSecondaryIndexes ?? []), ...(table.LocalSecondaryIndexes ?? [])];
  return [
    `table ${keysOf(table.KeySchema)}`,
    ...indexes.map((index) => `index ${index.IndexName} ${keysOf(index.KeySchema)}`).sort(),
  ];
}

/** A table kept from an earlier run must have today's key design, or queries would silently miss items. */
function assertSameKeyDesign(
  existing: TableDescription,
  design: SandboxResourceDefinitions['auditTable'],
  tableName: string,
): void {
  const wanted = keyDesignLines(design);
  const found = new Set(keyDesignLines(existing));
  const missing = wanted.filter((line) => !found.has(line));
  if (missing.length === 0 && found.size === wanted.length) return;
  throw new LocalResourceMismatchError(
    `The local table ${tableName} was created from a different key design than the current stack's ` +
      `(expected ${wanted.join('; ')}). Its data cannot be kept: start the sandbox with a fresh data folder ` +
      '(npm start -- --fresh deletes the local data).',
  );
}

async function waitUntilTableActive(client: DynamoDBClient, tableName: string): Promise<void> {
  const deadline = Date.now() + TABLE_ACTIVE_TIMEOUT_MS;
  while ((await describeTableIfExists(client, tableName))?.TableStatus !== 'ACTIVE') {
    if (Date.now() > deadline) throw new Error(`Local table ${tableName} did not become ACTIVE in time`);
    await new Promise((resolve) => setTimeout(resolve, TABLE_POLL_INTERVAL_MS));
  }
}

/** Creates the table from the template's key design, or checks that the one kept from an earlier run matches. */
export async function ensureLocalTable(
  client: DynamoDBClient,
  tableName: string,
  design: SandboxResourceDefinitions['auditTable'],
): Promise<void> {
  const existing = await describeTableIfExists(client, tableName);
  if (existing) assertSameKeyDesign(existing, design, tableName);
  else await client.send(new CreateTableCommand({ ...design, TableName: tableName }));
  await waitUntilTableActive(client, tableName);
}

/** Creates the bucket unless an earlier run did, then sets the template's CORS rules (replacing older ones). */
export async function ensureLocalBucket(
  client: S3Client,
  bucketName: string,
  definition: SandboxResourceDefinitions['evidenceBucket'],
): Promise<void> {
  try {
    await client.send(new HeadBucketCommand({ Bucket: bucketName }));
  } catch (error) {
    if (!(error instanceof Error && error.name === 'NotFound')) throw error;
    await client.send(new CreateBucketCommand({ Bucket: bucketName }));
  }
  const rules = definition.corsRules.filter((rule) => (rule.AllowedOrigins ?? []).length > 0);
  if (rules.length > 0) {
    await client.send(
      new PutBucketCorsCommand({
        Bucket: bucketName,
        CORSConfiguration: { CORSRules: rules },
      }),
    );
  } else {
    await client.send(new DeleteBucketCorsCommand({ Bucket: bucketName }));
  }
}

/** The template's CORS rules with their origins replaced by the one origin that serves the upload page. */
export async function allowBrowserUploads(
  client: S3Client,
  bucketName: string,
  definition: SandboxResourceDefinitions['evidenceBucket'],
  origin: string,
): Promise<void> {
  const rules = definition.corsRules.map((rule) => ({ ...rule, AllowedOrigins: [origin] }));
  if (rules.length === 0) return;
  await client.send(
    new PutBucketCorsCommand({ Bucket: bucketName, CORSConfiguration: { CORSRules: rules } }),
  );
}
