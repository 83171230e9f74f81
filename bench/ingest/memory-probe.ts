import { GetObjectCommand } from '@aws-sdk/client-s3';
import { s3Client } from '../../functions/adapters/clients/s3.js';
import { digestStream } from '../../functions/adapters/s3/evidence-store.js';
import { handler as ingestEvidence } from '../../functions/handlers/ingest-evidence.js';
import { environmentNames } from '../../functions/shared/environment-names.js';
import { bindBenchRuntime, countingWorkflows, objectCreatedEvent } from './ingest-fixtures.js';

/**
 * One memory measurement in a fresh process (started by ingest-memory.ts with `--expose-gc`), holding only
 * what the ingest function holds: the handler module and its module-scope SDK clients, pointed at the
 * benchmark's engines through the environment a Lambda function gets (AWS_ENDPOINT_URL_*, TABLE_NAME,
 * EVIDENCE_BUCKET). The engines and the uploads live in the parent, so s3rver's buffers are not counted here.
 *
 * Idle is taken after the imports and one warm-up run on a tiny file (clients connected, code compiled), after
 * a full GC. Then the large object is processed while process.memoryUsage() is sampled on a timer and the
 * kernel's high-water mark (resourceUsage().maxRSS) is read before and after; finally a full GC shows what
 * stayed. Mode `handler` ingests through the handler; mode `bare-get` only streams the object through the
 * function's S3 client into the store's own digestStream, for what Node and the SDK cost without the ingest.
 * Prints one JSON line. Usage: memory-probe.ts '<MemoryProbeInput as JSON>'
 */

export type MemoryProbeMode = 'handler' | 'bare-get';

export interface MemoryProbeInput {
  readonly mode: MemoryProbeMode;
  readonly warmUpKey: string;
  readonly warmUpBytes: number;
  readonly largeKey: string;
  readonly largeBytes: number;
  readonly sampleIntervalMs: number;
}

export interface MemoryUsageFigures {
  readonly rss: number;
  readonly heapUsed: number;
  readonly external: number;
  readonly arrayBuffers: number;
}

export interface MemoryProbeResult {
  readonly mode: MemoryProbeMode;
  readonly largeBytes: number;
  /** `recorded` for an ingest that became evidence; `hashed` for a bare GET that read every byte. */
  readonly warmUpOutcome: string;
  readonly outcome: string;
  readonly milliseconds: number;
  readonly samples: number;
  readonly sampleIntervalMs: number;
  readonly afterImports: MemoryUsageFigures;
  readonly idle: MemoryUsageFigures;
  /** Each field's own maximum over the samples (not one sample's values). */
  readonly peak: MemoryUsageFigures & { readonly heapUsedPlusExternal: number };
  /** After the large object and a full GC: what the process kept. */
  readonly afterGc: MemoryUsageFigures;
  /** resourceUsage().maxRSS in bytes: the process's lifetime high-water mark, at idle and after the run. */
  readonly maxRss: { readonly atIdle: number; readonly after: number };
  readonly mailsSent: number;
}

const usage = (): MemoryUsageFigures => {
  const { rss, heapUsed, external, arrayBuffers } = process.memoryUsage();
  return { rss, heapUsed, external, arrayBuffers };
};
const maxRssBytes = () => process.resourceUsage().maxRSS * 1024;
const pause = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

function fullGc(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('the memory probe needs --expose-gc for a settled idle baseline');
  gc();
  // Lets finalizers and freed external buffers settle before the second pass.
  return pause(100).then(() => gc());
}

/** The work being measured, on one object: the whole ingest, or only the GET streamed into sha256. */
async function processObject(
  mode: MemoryProbeMode,
  bucket: string,
  key: string,
  expectedBytes: number,
): Promise<string> {
  if (mode === 'handler') return (await ingestEvidence(objectCreatedEvent(bucket, key))).outcome;
  const object = await s3Client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  const digest = await digestStream(object.Body as AsyncIterable<Uint8Array>);
  return digest.sizeBytes === expectedBytes
    ? 'hashed'
    : `short (${digest.sizeBytes} of ${expectedBytes} bytes)`;
}

async function main(): Promise<void> {
  const [json] = process.argv.slice(2);
  if (!json) throw new Error("usage: memory-probe.ts '<MemoryProbeInput as JSON>'");
  const input = JSON.parse(json) as MemoryProbeInput;
  const bucket = process.env[environmentNames.evidenceBucket];
  if (!bucket) throw new Error(`${environmentNames.evidenceBucket} is not set`);
  const afterImports = usage();

  // Table and bucket through the function's own clients (from the environment); only what Lambda would
  // reach outside the engines is stood in for.
  const runtime = bindBenchRuntime({ workflows: countingWorkflows() });
  const warmUpOutcome = await processObject(input.mode, bucket, input.warmUpKey, input.warmUpBytes);

  await fullGc();
  const idle = usage();
  const maxRssAtIdle = maxRssBytes();

  const peak = { ...idle, heapUsedPlusExternal: idle.heapUsed + idle.external };
  let samples = 0;
  const sample = () => {
    const now = usage();
    samples += 1;
    peak.rss = Math.max(peak.rss, now.rss);
    peak.heapUsed = Math.max(peak.heapUsed, now.heapUsed);
    peak.external = Math.max(peak.external, now.external);
    peak.arrayBuffers = Math.max(peak.arrayBuffers, now.arrayBuffers);
    peak.heapUsedPlusExternal = Math.max(peak.heapUsedPlusExternal, now.heapUsed + now.external);
  };
  const timer = setInterval(sample, input.sampleIntervalMs);
  const started = performance.now();
  let outcome: string;
  try {
    outcome = await processObject(input.mode, bucket, input.largeKey, input.largeBytes);
  } finally {
    clearInterval(timer);
  }
  const milliseconds = performance.now() - started;
  sample();
  const maxRssAfter = maxRssBytes();
  await fullGc();

  const result: MemoryProbeResult = {
    mode: input.mode,
    largeBytes: input.largeBytes,
    warmUpOutcome,
    outcome,
    milliseconds,
    samples,
    sampleIntervalMs: input.sampleIntervalMs,
    afterImports,
    idle,
    peak,
    afterGc: usage(),
    maxRss: { atIdle: maxRssAtIdle, after: maxRssAfter },
    mailsSent: runtime.mailsSent(),
  };
  process.stdout.write(JSON.stringify(result));
}

main().then(
  // The SDK clients keep sockets alive; the measurement is done, so the process need not wait for them.
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
