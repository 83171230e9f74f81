import { median } from '../statistics.js';
import { renderTextTable } from '../text-table.js';
import type { ThroughputRun } from './ingest-throughput.js';
import type { MemoryProbeMode, MemoryProbeResult } from './memory-probe.js';

/** Ingest memory must not follow the file's size: under this much above idle, RSS and heap + external. */
export const TARGET_MEMORY_MIB = 64;

const MIB = 1024 * 1024;
const toMiB = (bytes: number) => bytes / MIB;

/** Nearest-rank percentile (p in (0, 100]): always one of the samples, never an interpolation. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new RangeError('percentile of no samples');
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile needs 0 < p <= 100, got ${p}`);
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.ceil((p / 100) * sorted.length) - 1] as number;
}

// Throughput

export interface StageFigures {
  readonly items: number;
  readonly wallSeconds: number;
  readonly perSecond: number;
  readonly latencyMs: { readonly p50: number; readonly p95: number; readonly max: number };
  /** DynamoDB requests per item (the stage's total over its items), and the stage's counts by command. */
  readonly dynamoDbRequestsPerItem: number;
  readonly dynamoDbRequests: Readonly<Record<string, number>>;
}

export interface FailureGroup {
  readonly name: string;
  readonly count: number;
  readonly example: string;
}

export interface ThroughputFigures {
  readonly audits: number;
  readonly requestsPerAudit: number;
  readonly concurrency: number;
  readonly fileBytes: { readonly min: number; readonly max: number; readonly mean: number };
  readonly seedSeconds: number;
  readonly upload: StageFigures;
  readonly ingest: StageFigures & {
    readonly recorded: number;
    readonly rejected: number;
    /** Ingests that threw on first delivery, grouped by error name. */
    readonly firstAttemptErrors: readonly FailureGroup[];
    readonly retried: ThroughputRun['ingest']['retried'];
  };
  readonly check: ThroughputRun['check'];
  /**
   * Every upload recorded (on first delivery or its retry) and nothing rejected; read back, every request
   * submitted and every audit collecting, its trail verifying and its workflow resumed exactly once.
   */
  readonly complete: boolean;
}

function stageFigures(items: number, timings: ThroughputRun['upload']): StageFigures {
  const wallSeconds = timings.wallMilliseconds / 1000;
  return {
    items,
    wallSeconds,
    perSecond: items / wallSeconds,
    latencyMs: {
      p50: percentile(timings.latenciesMilliseconds, 50),
      p95: percentile(timings.latenciesMilliseconds, 95),
      max: Math.max(...timings.latenciesMilliseconds),
    },
    dynamoDbRequestsPerItem:
      Object.values(timings.dynamoDbRequests).reduce((sum, count) => sum + count, 0) / items,
    dynamoDbRequests: timings.dynamoDbRequests,
  };
}

function groupFailures(failures: ThroughputRun['ingest']['failures']): FailureGroup[] {
  const groups = new Map<string, FailureGroup>();
  for (const failure of failures) {
    const group = groups.get(failure.name);
    groups.set(failure.name, {
      name: failure.name,
      count: (group?.count ?? 0) + 1,
      example: group?.example ?? failure.message,
    });
  }
  return [...groups.values()].sort((a, b) => b.count - a.count);
}

export function throughputFigures(run: ThroughputRun): ThroughputFigures {
  const { check, ingest, shape } = run;
  const complete =
    ingest.recorded + ingest.retried.recorded === run.uploads &&
    ingest.rejected + ingest.retried.rejected === 0 &&
    ingest.retried.failed === 0 &&
    check.evidenceRecorded === run.uploads &&
    check.requestsSubmitted === run.uploads &&
    check.auditsCollecting === shape.audits &&
    check.trailsValid === shape.audits &&
    check.evidencePhasesResumed === shape.audits;
  return {
    audits: shape.audits,
    requestsPerAudit: shape.requestsPerAudit,
    concurrency: shape.concurrency,
    fileBytes: { ...shape.fileBytes, mean: Math.round(run.totalBytes / run.uploads) },
    seedSeconds: run.seedMilliseconds / 1000,
    upload: stageFigures(run.uploads, run.upload),
    ingest: {
      ...stageFigures(run.uploads, run.ingest),
      recorded: ingest.recorded,
      rejected: ingest.rejected,
      firstAttemptErrors: groupFailures(ingest.failures),
      retried: ingest.retried,
    },
    check,
    complete,
  };
}

// Memory

/** One row of the memory table: one kind of work on one file size, measured in several fresh processes. */
export interface MemoryRow {
  readonly subject: string;
  readonly mode: MemoryProbeMode;
  /** Only the ingest is judged; the bare GET is the reference floor of Node and the SDK. */
  readonly judged: boolean;
  readonly fileBytes: number;
  readonly runs: readonly MemoryProbeResult[];
}

export interface Spread {
  readonly median: number;
  readonly max: number;
  readonly runs: readonly number[];
}

export interface MemoryFigures {
  readonly subject: string;
  readonly mode: MemoryProbeMode;
  readonly judged: boolean;
  readonly fileMiB: number;
  readonly runs: number;
  readonly seconds: Spread;
  readonly idleRssMiB: Spread;
  /**
   * Highest RSS during the work above idle, per run: the sampled peak, or the kernel's high-water mark when
   * the work raised it (it catches a spike between two samples).
   */
  readonly peakRssAboveIdleMiB: Spread;
  readonly peakHeapUsedPlusExternalAboveIdleMiB: Spread;
  readonly peakArrayBuffersAboveIdleMiB: Spread;
  /** heapUsed + external above idle after the work and a full GC: what the process kept. */
  readonly keptAfterGcMiB: Spread;
  /** Runs in which the work set a new lifetime RSS high-water mark (otherwise startup peaked higher). */
  readonly maxRssRaisedRuns: number;
  readonly fewestSamples: number;
  readonly outcomes: readonly string[];
  readonly withinTarget: boolean;
  readonly verdict: string;
}

const spread = (values: readonly number[]): Spread => ({
  median: median(values),
  max: Math.max(...values),
  runs: values,
});

export function peakRssAboveIdle(result: MemoryProbeResult): number {
  const raised = result.maxRss.after > result.maxRss.atIdle;
  return toMiB(Math.max(result.peak.rss, raised ? result.maxRss.after : 0) - result.idle.rss);
}

const heapPlusExternal = (usage: { heapUsed: number; external: number }) => usage.heapUsed + usage.external;

/**
 * Folds a row's runs. A memory ceiling is judged on its worst run, not its median: the judged row is within
 * target when every run completed its work and the highest peak, RSS and heap + external alike, stays under
 * the target.
 */
export function memoryFigures(row: MemoryRow): MemoryFigures {
  if (row.runs.length === 0) throw new RangeError(`no runs for ${row.subject} on ${row.fileBytes} bytes`);
  const rss = spread(row.runs.map(peakRssAboveIdle));
  const heap = spread(
    row.runs.map((run) => toMiB(run.peak.heapUsedPlusExternal - heapPlusExternal(run.idle))),
  );
  const success = row.mode === 'handler' ? 'recorded' : 'hashed';
  const failed = row.runs.filter((run) => run.outcome !== success || run.warmUpOutcome !== success);
  const over = [
    ...(rss.max >= TARGET_MEMORY_MIB ? ['RSS'] : []),
    ...(heap.max >= TARGET_MEMORY_MIB ? ['heap+external'] : []),
  ];
  const withinTarget = !row.judged || (failed.length === 0 && over.length === 0);
  return {
    subject: row.subject,
    mode: row.mode,
    judged: row.judged,
    fileMiB: toMiB(row.fileBytes),
    runs: row.runs.length,
    seconds: spread(row.runs.map((run) => run.milliseconds / 1000)),
    idleRssMiB: spread(row.runs.map((run) => toMiB(run.idle.rss))),
    peakRssAboveIdleMiB: rss,
    peakHeapUsedPlusExternalAboveIdleMiB: heap,
    peakArrayBuffersAboveIdleMiB: spread(
      row.runs.map((run) => toMiB(run.peak.arrayBuffers - run.idle.arrayBuffers)),
    ),
    keptAfterGcMiB: spread(
      row.runs.map((run) => toMiB(heapPlusExternal(run.afterGc) - heapPlusExternal(run.idle))),
    ),
    maxRssRaisedRuns: row.runs.filter((run) => run.maxRss.after > run.maxRss.atIdle).length,
    fewestSamples: Math.min(...row.runs.map((run) => run.samples)),
    outcomes: [...new Set(row.runs.map((run) => run.outcome))],
    withinTarget,
    verdict:
      failed.length > 0
        ? `FAILED (${failed.map((run) => `${run.warmUpOutcome}/${run.outcome}`).join(', ')})`
        : !row.judged
          ? 'reference, not judged'
          : over.length > 0
            ? `OVER (${over.join(', ')})`
            : 'within target',
  };
}

// Printing

const fixed = (value: number, digits = 1) => value.toFixed(digits);
const grouped = (value: number) => Math.round(value).toLocaleString('en-US');
const medianAndMax = (values: Spread) => `${fixed(values.median)} / ${fixed(values.max)}`;

function renderStages(throughput: ThroughputFigures): string[] {
  const stages: [string, StageFigures][] = [
    ['authorize + POST', throughput.upload],
    ['ingest (handler)', throughput.ingest],
  ];
  return renderTextTable(
    [
      { heading: 'stage', align: 'left' },
      { heading: 'items', align: 'right' },
      { heading: 'wall s', align: 'right' },
      { heading: 'per s', align: 'right' },
      { heading: 'p50 ms', align: 'right' },
      { heading: 'p95 ms', align: 'right' },
      { heading: 'max ms', align: 'right' },
      { heading: 'DynamoDB req/item', align: 'right' },
    ],
    stages.map(([name, stage]) => [
      name,
      grouped(stage.items),
      fixed(stage.wallSeconds, 2),
      fixed(stage.perSecond),
      fixed(stage.latencyMs.p50),
      fixed(stage.latencyMs.p95),
      fixed(stage.latencyMs.max),
      fixed(stage.dynamoDbRequestsPerItem),
    ]),
  );
}

const perItem = (stage: StageFigures) =>
  Object.entries(stage.dynamoDbRequests)
    .map(([command, count]) => `${command.replace(/Command$/, '')} ${fixed(count / stage.items)}`)
    .join(', ');

function renderMemory(memory: readonly MemoryFigures[]): string[] {
  return renderTextTable(
    [
      { heading: 'work', align: 'left' },
      { heading: 'file', align: 'right' },
      { heading: 'runs', align: 'right' },
      { heading: 's', align: 'right' },
      { heading: 'idle RSS', align: 'right' },
      { heading: 'peak RSS +', align: 'right' },
      { heading: 'peak heap+ext +', align: 'right' },
      { heading: 'arrayBuffers +', align: 'right' },
      { heading: 'kept after GC', align: 'right' },
      { heading: 'verdict', align: 'left' },
    ],
    memory.map((figures) => [
      figures.subject,
      `${fixed(figures.fileMiB, 0)} MiB`,
      String(figures.runs),
      fixed(figures.seconds.median, 2),
      fixed(figures.idleRssMiB.median),
      medianAndMax(figures.peakRssAboveIdleMiB),
      medianAndMax(figures.peakHeapUsedPlusExternalAboveIdleMiB),
      medianAndMax(figures.peakArrayBuffersAboveIdleMiB),
      fixed(figures.keptAfterGcMiB.max),
      figures.verdict,
    ]),
  );
}

/** The printed section: throughput, what was read back, then memory per work and file size, and how. */
export function renderIngestFigures(
  throughput: ThroughputFigures,
  memory: readonly MemoryFigures[],
  sampleIntervalMs: number,
): string[] {
  const { ingest, check, audits } = throughput;
  const uploads = throughput.upload.items;
  const errors = ingest.firstAttemptErrors.reduce((sum, group) => sum + group.count, 0);
  const errorLines = ingest.firstAttemptErrors.map(
    (group) => `  ${group.count} × ${group.name}, e.g. "${group.example}"`,
  );
  const raised = memory.map(
    (figures) =>
      `${figures.mode} ${fixed(figures.fileMiB, 0)} MiB ${figures.maxRssRaisedRuns}/${figures.runs}`,
  );
  return [
    `Throughput: ${audits} open audits × ${throughput.requestsPerAudit} requests = ${grouped(uploads)} uploads of ${grouped(throughput.fileBytes.min)}–${grouped(throughput.fileBytes.max)} bytes (mean ${grouped(throughput.fileBytes.mean)}), ${throughput.concurrency} in flight per stage.`,
    ...renderStages(throughput),
    `DynamoDB requests per item, first delivery: ingest ${perItem(ingest)}; upload ${perItem(throughput.upload)}.`,
    `First delivery: ${ingest.recorded} recorded, ${ingest.rejected} rejected, ${errors} threw; retried once after the stage (as EventBridge would, not timed): ${ingest.retried.recorded} recorded, ${ingest.retried.rejected} rejected, ${ingest.retried.failed} threw again.`,
    ...errorLines,
    `Read back: ${check.evidenceRecorded}/${uploads} evidence recorded, ${check.requestsSubmitted}/${uploads} requests submitted, ${check.auditsCollecting}/${audits} audits collecting, ${check.evidencePhasesResumed}/${audits} workflows resumed (sendTaskSuccess), ${check.trailsValid}/${audits} trails verify — ${throughput.complete ? 'complete' : 'INCOMPLETE'}.`,
    `Seeding took ${fixed(throughput.seedSeconds, 2)} s (not timed). The engines run in this process on loopback and share its event loop with both stages: local-stack figures, not AWS ones.`,
    '',
    `Memory in MiB: fresh child process per run holding only the handler and its own SDK clients; + = above idle (after imports, a 4 KiB warm-up and a full GC); "a / b" = median / worst run. Target: the ingest under ${TARGET_MEMORY_MIB} MiB above idle in its worst run.`,
    ...renderMemory(memory),
    `process.memoryUsage() sampled every ${sampleIntervalMs} ms (at least ${Math.min(...memory.map((figures) => figures.fewestSamples))} samples per run); peak RSS takes resourceUsage().maxRSS when the work raised it (runs that did: ${raised.join(', ')}).`,
    'bare-get = GetObject through the function’s S3 client streamed into the store’s digestStream, nothing else: what Node and the SDK cost to stream an object whatever the ingest does.',
  ];
}
