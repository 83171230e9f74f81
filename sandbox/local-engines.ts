import type { EventEmitter } from 'node:events';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import type { S3ClientConfig } from '@aws-sdk/client-s3';
import dynalite from 'dynalite';
import S3rver from 's3rver';
import {
  createLocalClients,
  dynamoDbClientConfig,
  LOCAL_CREDENTIALS,
  LOCAL_EVIDENCE_BUCKET,
  LOCAL_REGION,
  LOCAL_STAGE,
  LOCAL_TABLE_NAME,
  type LocalEnginesConfig,
  localEngineEnvironment,
  s3ClientConfig,
} from './engine-config.js';
import { closeServer, LOOPBACK_HOST, listenOnLoopback } from './listen-on-loopback.js';
import { allowBrowserUploads, ensureLocalBucket, ensureLocalTable } from './provision-local-resources.js';
import { synthesizeSandboxResources } from './synthesize-resources.js';
import type { SandboxResourceDefinitions } from './template-resources.js';

export interface LocalEnginesOptions {
  /**
   * Folder that keeps the data across restarts (LevelDB under `dynamodb/`, files under `s3/`). Without one,
   * DynamoDB data lives in memory and S3 data in a temporary folder, both gone at stop: what tests want.
   */
  readonly dataDirectory?: string;
  /** 0 (the default) takes any free port. */
  readonly dynamodbPort?: number;
  readonly s3Port?: number;
  /** Reported as STAGE to handlers and by the health check. */
  readonly stage?: string;
  /** What to create; synthesized from the stack when not given (a test worker gets it from the global setup). */
  readonly resources?: SandboxResourceDefinitions;
}

export interface LocalEngines {
  readonly config: LocalEnginesConfig;
  readonly clientConfig: { readonly dynamodb: DynamoDBClientConfig; readonly s3: S3ClientConfig };
  /** Environment variables that point handler modules at these engines. */
  environment(): Record<string, string>;
  /**
   * Calls `listener` with each S3 event notification s3rver emits (`{ Records: [...] }`, as S3 sends to a
   * notification target). The listener runs inside s3rver's request: it must not throw or block. Returns the
   * unsubscribe.
   */
  onS3Event(listener: (notification: unknown) => void): () => void;
  /**
   * Points the bucket's CORS rules (the template's, methods and headers as deployed) at the origin that serves
   * the upload page, as the stack points them at its portal: browsers may then POST files to the local S3.
   */
  allowUploadsFrom(origin: string): Promise<void>;
  /** Closes both engines (flushing the DynamoDB store) and removes temporary data. Safe to call twice. */
  stop(): Promise<void>;
}

const endpointOf = (port: number) => `http://${LOOPBACK_HOST}:${port}`;

async function storageFolders(dataDirectory: string | undefined) {
  if (dataDirectory === undefined) {
    return { dynamodbPath: undefined, s3Directory: await mkdtemp(join(tmpdir(), 'clets-sandbox-s3-')) };
  }
  const folders = { dynamodbPath: join(dataDirectory, 'dynamodb'), s3Directory: join(dataDirectory, 's3') };
  await Promise.all([
    mkdir(folders.dynamodbPath, { recursive: true }),
    mkdir(folders.s3Directory, { recursive: true }),
  ]);
  return folders;
}

/**
 * Starts the local DynamoDB (dynalite) and S3 (s3rver) engines on the loopback interface, and creates the audit
 * table and the evidence bucket from the synthesized template. Resolves once both answer and both resources
 * exist; a busy port rejects with a PortBusyError, after closing whatever had started.
 */
export async function startLocalEngines(options: LocalEnginesOptions = {}): Promise<LocalEngines> {
  const resources = options.resources ?? (await synthesizeSandboxResources());
  const { dynamodbPath, s3Directory } = await storageFolders(options.dataDirectory);

  // Tables become ACTIVE at once: nothing to gain from waiting locally.
  const dynamodbServer = dynalite({
    path: dynamodbPath,
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  const s3Engine = new S3rver({ directory: s3Directory, silent: true, vhostBuckets: false });
  // Our own HTTP server around s3rver's request handler: s3rver.run() lets a busy port crash the process.
  const s3Server = createServer(s3Engine.callback());
  // s3rver is a Koa application, so an EventEmitter; its 'event' carries S3 event notifications.
  const s3Events = s3Engine as unknown as EventEmitter;

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      await Promise.allSettled([closeDynalite(dynamodbServer), closeServer(s3Server)]);
      s3Engine.logger.close();
      if (options.dataDirectory === undefined) await rm(s3Directory, { recursive: true, force: true });
    })();
    return stopping;
  };

  try {
    const [dynamodbPort, s3Port] = await listenOnBoth(
      listenOnLoopback(dynamodbServer, options.dynamodbPort ?? 0, 'dynamodb'),
      listenOnLoopback(s3Server, options.s3Port ?? 0, 's3'),
    );
    const config: LocalEnginesConfig = {
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
      stage: options.stage ?? LOCAL_STAGE,
      dynamodb: { endpoint: endpointOf(dynamodbPort), port: dynamodbPort, tableName: LOCAL_TABLE_NAME },
      s3: { endpoint: endpointOf(s3Port), port: s3Port, evidenceBucket: LOCAL_EVIDENCE_BUCKET },
    };
    const clients = createLocalClients(config);
    try {
      await Promise.all([
        ensureLocalTable(clients.dynamoDb, config.dynamodb.tableName, resources.auditTable),
        ensureLocalBucket(clients.s3, config.s3.evidenceBucket, resources.evidenceBucket),
      ]);
    } finally {
      clients.destroy();
    }
    return {
      config,
      clientConfig: { dynamodb: dynamoDbClientConfig(config), s3: s3ClientConfig(config) },
      environment: () => localEngineEnvironment(config),
      onS3Event(listener) {
        s3Events.on('event', listener);
        return () => s3Events.off('event', listener);
      },
      async allowUploadsFrom(origin) {
        const uploadClients = createLocalClients(config);
        try {
          await allowBrowserUploads(
            uploadClients.s3,
            config.s3.evidenceBucket,
            resources.evidenceBucket,
            origin,
          );
        } finally {
          uploadClients.destroy();
        }
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * dynalite closes its LevelDB store only from a listening server's close(). When its port was busy the server
 * never listened, so it listens on a throwaway port first: otherwise the store stays locked for this process.
 */
async function closeDynalite(server: Server): Promise<void> {
  if (!server.listening) await listenOnLoopback(server, 0, 'dynamodb');
  await closeServer(server);
}

/** Waits for both listens to settle (so none is left half-open) and reports the first failure. */
async function listenOnBoth(...listens: [Promise<number>, Promise<number>]): Promise<[number, number]> {
  const [first, second] = await Promise.allSettled(listens);
  if (first.status === 'rejected') throw first.reason;
  if (second.status === 'rejected') throw second.reason;
  return [first.value, second.value];
}
