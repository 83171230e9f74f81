import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Repository } from '../../functions/adapters/dynamodb/repository.js';
import type { EvidenceObjectStore } from '../../functions/adapters/s3/evidence-store.js';
import type { EvidenceRequest } from '../../functions/domain/schemas/evidence.js';
import { handler as ingestEvidence } from '../../functions/handlers/ingest-evidence.js';
import { authorizeUpload } from '../../functions/services/evidence-intake.js';
import {
  benchOri,
  createOpenAudit,
  declarationFor,
  type OpenAudit,
  objectCreatedEvent,
  pdfLikeBytes,
  postUpload,
} from './ingest-fixtures.js';
import { runPool } from './worker-pool.js';

export interface ThroughputShape {
  readonly audits: number;
  readonly requestsPerAudit: number;
  /** Uploads (authorize + POST) and ingests in flight at once. */
  readonly concurrency: number;
  /** Each file's size is drawn uniformly from this range (bytes). */
  readonly fileBytes: { readonly min: number; readonly max: number };
}

export interface StageTimings {
  readonly wallMilliseconds: number;
  /** One per item, in the order the items ran. */
  readonly latenciesMilliseconds: readonly number[];
  /** DynamoDB requests the stage sent, by command. */
  readonly dynamoDbRequests: RequestCounts;
}

export interface ThroughputRun {
  readonly shape: ThroughputShape;
  readonly uploads: number;
  readonly totalBytes: number;
  readonly seedMilliseconds: number;
  readonly upload: StageTimings;
  readonly ingest: StageTimings & {
    readonly recorded: number;
    readonly rejected: number;
    /** Ingests that threw on their first delivery, by error name and message. */
    readonly failures: readonly IngestFailure[];
    /** The failed ingests delivered once more after the stage (not timed), as EventBridge retries. */
    readonly retried: { readonly recorded: number; readonly rejected: number; readonly failed: number };
  };
  /** What the table holds afterwards, read back audit by audit. */
  readonly check: {
    readonly evidenceRecorded: number;
    readonly requestsSubmitted: number;
    readonly auditsCollecting: number;
    readonly trailsValid: number;
    /** sendTaskSuccess calls: one per audit whose last request came in. */
    readonly evidencePhasesResumed: number;
  };
}

export interface IngestFailure {
  readonly name: string;
  readonly message: string;
}

interface Upload {
  readonly open: OpenAudit;
  readonly request: EvidenceRequest;
  readonly fileName: string;
  readonly sizeBytes: number;
}

interface Uploaded {
  readonly key: string;
  readonly completedAt: number;
}

export interface ThroughputDependencies {
  readonly repository: Repository;
  readonly store: EvidenceObjectStore;
  /** sendTaskSuccess calls so far (the counting workflow client bound for the run). */
  readonly evidencePhasesResumed: () => number;
  /** DynamoDB requests sent so far, by command (see countDynamoDbRequests). */
  readonly dynamoDbRequests: () => RequestCounts;
}

export type RequestCounts = Readonly<Record<string, number>>;

/**
 * Counts the requests `client` sends, by command, from now on (document-client commands count as the
 * DynamoDB command they become; SDK retries of one request count once). Returns the running totals.
 */
export function countDynamoDbRequests(client: DynamoDBClient): () => RequestCounts {
  const counts: Record<string, number> = {};
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const command = context.commandName ?? 'unknown';
      counts[command] = (counts[command] ?? 0) + 1;
      return next(args);
    },
    { step: 'initialize', name: 'benchDynamoDbRequestCounter' },
  );
  return () => ({ ...counts });
}

/** Requests sent between two snapshots, by command, most frequent first. */
export function requestsBetween(before: RequestCounts, after: RequestCounts): RequestCounts {
  return Object.fromEntries(
    Object.entries(after)
      .map(([command, count]): [string, number] => [command, count - (before[command] ?? 0)])
      .filter(([, count]) => count > 0)
      .sort((a, b) => b[1] - a[1]),
  );
}

const requirementIds = (count: number) =>
  Array.from({ length: count }, (_unused, index) => `bench-item-${String(index + 1).padStart(2, '0')}`);

/** A deterministic spread of sizes in [min, max]: the files differ, the run is repeatable. */
function sizeFor(index: number, range: ThroughputShape['fileBytes']): number {
  const span = range.max - range.min + 1;
  return range.min + ((index * 2_654_435_761) % span);
}

const failureOf = (error: unknown): IngestFailure =>
  error instanceof Error
    ? { name: error.name, message: error.message }
    : { name: 'UnknownError', message: String(error) };

/**
 * Seeds `audits` open audits of `requestsPerAudit` requests, uploads one PDF-looking file per request through
 * authorizeUpload and a real multipart POST to the local S3 engine, then hands each stored object to the ingest
 * handler as its EventBridge event, in the order the uploads completed (as S3 would emit them). Both stages run
 * `concurrency` at a time. Files are generated before the clock starts; each upload is timed from its
 * authorize call to the POST's 204, each ingest from the handler call to its result or error. An ingest that
 * throws is delivered once more after the stage, as EventBridge would retry it; the retries are not timed.
 */
export async function runIngestThroughput(
  shape: ThroughputShape,
  dependencies: ThroughputDependencies,
): Promise<ThroughputRun> {
  const { repository, store } = dependencies;
  const seedStarted = performance.now();
  const opened: OpenAudit[] = [];
  for (let index = 0; index < shape.audits; index++) {
    opened.push(
      await createOpenAudit(repository, benchOri('BNCH', index), requirementIds(shape.requestsPerAudit)),
    );
  }
  const seedMilliseconds = performance.now() - seedStarted;

  // An agency uploads an audit's files together: the work list is audit by audit.
  const uploads: Upload[] = opened.flatMap((open, auditIndex) =>
    open.requests.map((request, index) => ({
      open,
      request,
      fileName: `${request.requirementId} signed ${index + 1}.pdf`,
      sizeBytes: sizeFor(auditIndex * shape.requestsPerAudit + index, shape.fileBytes),
    })),
  );
  const files = uploads.map((upload) => pdfLikeBytes(upload.sizeBytes));
  const totalBytes = files.reduce((sum, file) => sum + file.byteLength, 0);

  const uploadLatencies: number[] = [];
  const beforeUploads = dependencies.dynamoDbRequests();
  const uploadStarted = performance.now();
  const uploaded = await runPool(uploads, shape.concurrency, async (upload, index): Promise<Uploaded> => {
    const bytes = files[index] as Buffer;
    const started = performance.now();
    const post = await authorizeUpload(
      declarationFor(upload.open, upload.request, bytes, upload.fileName),
      store,
    );
    await postUpload(post, bytes, upload.fileName);
    const completedAt = performance.now();
    uploadLatencies.push(completedAt - started);
    return { key: post.key, completedAt };
  });
  const uploadWall = performance.now() - uploadStarted;
  const beforeIngests = dependencies.dynamoDbRequests();

  const arrival = [...uploaded].sort((a, b) => a.completedAt - b.completedAt);
  const ingestLatencies: number[] = [];
  const failures: IngestFailure[] = [];
  const failedKeys: string[] = [];
  let recorded = 0;
  let rejected = 0;
  const ingestStarted = performance.now();
  await runPool(arrival, shape.concurrency, async ({ key }) => {
    const started = performance.now();
    try {
      const result = await ingestEvidence(objectCreatedEvent(store.bucket, key));
      if (result.outcome === 'recorded') recorded += 1;
      else rejected += 1;
    } catch (error) {
      failures.push(failureOf(error));
      failedKeys.push(key);
    }
    ingestLatencies.push(performance.now() - started);
  });
  const ingestWall = performance.now() - ingestStarted;
  const afterIngests = dependencies.dynamoDbRequests();

  const retried = { recorded: 0, rejected: 0, failed: 0 };
  for (const key of failedKeys) {
    try {
      const result = await ingestEvidence(objectCreatedEvent(store.bucket, key));
      retried[result.outcome === 'recorded' ? 'recorded' : 'rejected'] += 1;
    } catch {
      retried.failed += 1;
    }
  }

  return {
    shape,
    uploads: uploads.length,
    totalBytes,
    seedMilliseconds,
    upload: {
      wallMilliseconds: uploadWall,
      latenciesMilliseconds: uploadLatencies,
      dynamoDbRequests: requestsBetween(beforeUploads, beforeIngests),
    },
    ingest: {
      wallMilliseconds: ingestWall,
      latenciesMilliseconds: ingestLatencies,
      dynamoDbRequests: requestsBetween(beforeIngests, afterIngests),
      recorded,
      rejected,
      failures,
      retried,
    },
    check: await readBack(repository, opened, dependencies.evidencePhasesResumed()),
  };
}

async function readBack(
  repository: Repository,
  opened: readonly OpenAudit[],
  evidencePhasesResumed: number,
): Promise<ThroughputRun['check']> {
  let evidenceRecorded = 0;
  let requestsSubmitted = 0;
  let auditsCollecting = 0;
  let trailsValid = 0;
  for (const { audit } of opened) {
    const bundle = await repository.audits.getAuditBundle(audit.auditId);
    evidenceRecorded += bundle?.evidence.length ?? 0;
    requestsSubmitted += (bundle?.requests ?? []).filter((request) => request.status === 'submitted').length;
    if (bundle?.audit.status === 'collecting') auditsCollecting += 1;
    if ((await repository.trail.verify(audit.auditId)).valid) trailsValid += 1;
  }
  return { evidenceRecorded, requestsSubmitted, auditsCollecting, trailsValid, evidencePhasesResumed };
}
