import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLocalClients } from '../../../sandbox/engine-config.js';
import {
  DataFolderError,
  LocalResourceMismatchError,
  PortBusyError,
} from '../../../sandbox/sandbox-errors.js';
import { type Sandbox, startSandbox } from '../../../sandbox/start-sandbox.js';
import { injectedSandboxResources } from '../../setup/local-engines.js';

const ITEM_KEY = { pk: 'AGENCY#CA0000000', sk: 'PROFILE' };
const OBJECT_KEY = 'agency/CA0000000/kept.txt';

async function writeSample(sandbox: Sandbox): Promise<void> {
  const clients = createLocalClients(sandbox.engines.config);
  const { tableName } = sandbox.engines.config.dynamodb;
  await clients.documentClient.send(
    new PutCommand({ TableName: tableName, Item: { ...ITEM_KEY, name: 'Kept' } }),
  );
  await clients.s3.send(
    new PutObjectCommand({ Bucket: sandbox.engines.config.s3.evidenceBucket, Key: OBJECT_KEY, Body: 'kept' }),
  );
  clients.destroy();
}

async function readSample(sandbox: Sandbox): Promise<{ item: unknown; object: string }> {
  const clients = createLocalClients(sandbox.engines.config);
  const { Item: item } = await clients.documentClient.send(
    new GetCommand({ TableName: sandbox.engines.config.dynamodb.tableName, Key: ITEM_KEY }),
  );
  const object = await clients.s3
    .send(new GetObjectCommand({ Bucket: sandbox.engines.config.s3.evidenceBucket, Key: OBJECT_KEY }))
    .then(
      (stored) => stored.Body?.transformToString() ?? '',
      (error: Error) => error.name,
    );
  clients.destroy();
  return { item, object };
}

describe('Sandbox: data folder', () => {
  let dataDirectory: string;
  const resources = injectedSandboxResources();

  beforeEach(async () => {
    dataDirectory = await mkdtemp(join(tmpdir(), 'clets-sandbox-data-'));
  });

  afterEach(async () => {
    await rm(dataDirectory, { recursive: true, force: true });
  });

  it('keeps items and objects across a restart', async () => {
    // Prepare
    const first = await startSandbox({ dataDirectory, resources });
    await writeSample(first);
    await first.stop();

    // Act
    const second = await startSandbox({ dataDirectory, resources });
    const sample = await readSample(second);
    await second.stop();

    // Assess
    expect(sample).toEqual({ item: { ...ITEM_KEY, name: 'Kept' }, object: 'kept' });
  });

  it('starts empty, with the table and bucket recreated, when fresh', async () => {
    // Prepare
    const first = await startSandbox({ dataDirectory, resources });
    await writeSample(first);
    await first.stop();

    // Act
    const fresh = await startSandbox({ dataDirectory, resources, fresh: true });
    const sample = await readSample(fresh);
    const health = await fetch(new URL('/health', fresh.frontDoor.url)).then((response) => response.status);
    await fresh.stop();

    // Assess
    expect(sample).toEqual({ item: undefined, object: 'NoSuchKey' });
    expect(health).toBe(200);
  });

  it('refuses a folder another running sandbox holds, and takes over one left by a stopped process', async () => {
    // Prepare
    const running = await startSandbox({ dataDirectory, resources });

    // Act
    const second = startSandbox({ dataDirectory, resources });

    // Assess
    await expect(second).rejects.toBeInstanceOf(DataFolderError);
    await expect(second).rejects.toThrow(`in use by another sandbox (process ${process.pid})`);
    await running.stop();

    // Prepare: a lock naming a process that no longer exists (pids are at most 2^22 on Linux).
    await writeFile(join(dataDirectory, 'sandbox.lock'), '4194305\n');

    // Act
    const afterCrash = await startSandbox({ dataDirectory, resources });
    await afterCrash.stop();
  });

  it('releases the folder after a start that failed on a busy DynamoDB port', async () => {
    // Prepare
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const busyPort = (busy.address() as AddressInfo).port;

    // Act
    const failed = startSandbox({ dataDirectory, resources, dynamodbPort: busyPort });
    await expect(failed).rejects.toBeInstanceOf(PortBusyError);
    busy.close();
    const retry = await startSandbox({ dataDirectory, resources });
    const health = await fetch(new URL('/health', retry.frontDoor.url)).then((response) => response.status);
    await retry.stop();

    // Assess: the store the failed start had opened was closed, so the retry in the same process could open it.
    expect(health).toBe(200);
  });

  it('refuses a kept table whose key design differs from the template, naming the way out', async () => {
    // Prepare: a table made when the design had no agency index.
    const olderDesign = {
      ...resources,
      auditTable: {
        ...resources.auditTable,
        GlobalSecondaryIndexes: resources.auditTable.GlobalSecondaryIndexes?.filter(
          (index) => index.IndexName !== 'collection-index',
        ),
      },
    };
    const old = await startSandbox({ dataDirectory, resources: olderDesign });
    await old.stop();

    // Act
    const start = startSandbox({ dataDirectory, resources });

    // Assess
    await expect(start).rejects.toBeInstanceOf(LocalResourceMismatchError);
    await expect(start).rejects.toThrow('npm start -- --fresh');
  });
});
