import { describe, expect, it } from 'vitest';
import {
  memoryFigures,
  peakRssAboveIdle,
  percentile,
  renderIngestFigures,
  throughputFigures,
} from '../../../bench/ingest/ingest-figures.js';
import { requestsBetween, type ThroughputRun } from '../../../bench/ingest/ingest-throughput.js';
import type { MemoryProbeResult } from '../../../bench/ingest/memory-probe.js';
import { runPool } from '../../../bench/ingest/worker-pool.js';

const MIB = 1024 * 1024;

/** A probe run: idle at 100 MiB RSS and 20 MiB heap + external, peaks given in MiB above idle. */
function probeRun(
  above: { rss: number; heapPlusExternal: number; arrayBuffers?: number },
  overrides: Partial<MemoryProbeResult> = {},
): MemoryProbeResult {
  const idle = { rss: 100 * MIB, heapUsed: 15 * MIB, external: 5 * MIB, arrayBuffers: 2 * MIB };
  return {
    mode: 'handler',
    largeBytes: 100 * MIB,
    warmUpOutcome: 'recorded',
    outcome: 'recorded',
    milliseconds: 2000,
    samples: 500,
    sampleIntervalMs: 2,
    afterImports: idle,
    idle,
    peak: {
      rss: idle.rss + above.rss * MIB,
      heapUsed: idle.heapUsed,
      external: idle.external + above.heapPlusExternal * MIB,
      arrayBuffers: idle.arrayBuffers + (above.arrayBuffers ?? 0) * MIB,
      heapUsedPlusExternal: idle.heapUsed + idle.external + above.heapPlusExternal * MIB,
    },
    afterGc: idle,
    maxRss: { atIdle: 300 * MIB, after: 300 * MIB },
    mailsSent: 0,
    ...overrides,
  };
}

const row = (runs: MemoryProbeResult[], judged = true) => ({
  subject: 'ingest handler',
  mode: 'handler' as const,
  judged,
  fileBytes: 100 * MIB,
  runs,
});

describe('Function: percentile', () => {
  it('takes the nearest-rank sample, whatever the order', () => {
    const samples = Array.from({ length: 20 }, (_unused, index) => 20 - index);
    expect(percentile(samples, 50)).toBe(10);
    expect(percentile(samples, 95)).toBe(19);
    expect(percentile(samples, 100)).toBe(20);
  });

  it('refuses no samples and a p outside (0, 100]', () => {
    expect(() => percentile([], 50)).toThrow(RangeError);
    expect(() => percentile([1], 0)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });
});

describe('Function: runPool', () => {
  it('keeps at most `concurrency` items in flight and returns results in item order', async () => {
    // Prepare
    let inFlight = 0;
    let most = 0;
    // Act
    const results = await runPool([30, 5, 20, 1, 10, 2], 3, async (delay, index) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, delay));
      inFlight -= 1;
      return index * 10;
    });
    // Assess
    expect(most).toBe(3);
    expect(results).toEqual([0, 10, 20, 30, 40, 50]);
  });

  it('rejects with the first failure once the items in flight have finished, starting no more', async () => {
    const started: number[] = [];
    const finished: number[] = [];
    const run = runPool([0, 1, 2, 3, 4, 5], 2, async (item) => {
      started.push(item);
      await new Promise((resolve) => setTimeout(resolve, item === 0 ? 1 : 20));
      if (item === 0) throw new Error('boom');
      finished.push(item);
    });
    await expect(run).rejects.toThrow('boom');
    expect(started).toEqual([0, 1]);
    expect(finished).toEqual([1]);
  });

  it('refuses a concurrency below 1', async () => {
    await expect(runPool([1], 0, async () => undefined)).rejects.toThrow(RangeError);
  });
});

describe('Function: peakRssAboveIdle', () => {
  it('takes the kernel high-water mark only when the work raised it', () => {
    const notRaised = probeRun({ rss: 40, heapPlusExternal: 40 });
    const raised = probeRun(
      { rss: 40, heapPlusExternal: 40 },
      { maxRss: { atIdle: 120 * MIB, after: 150 * MIB } },
    );
    expect(peakRssAboveIdle(notRaised)).toBe(40);
    expect(peakRssAboveIdle(raised)).toBe(50);
  });
});

describe('Function: memoryFigures', () => {
  it('judges the worst run against the target, RSS and heap + external each', () => {
    // Act
    const figures = memoryFigures(
      row([
        probeRun({ rss: 40, heapPlusExternal: 50 }),
        probeRun({ rss: 45, heapPlusExternal: 64 }),
        probeRun({ rss: 50, heapPlusExternal: 52 }),
      ]),
    );
    // Assess: the median is under 64, the worst run is not
    expect(figures.peakHeapUsedPlusExternalAboveIdleMiB).toEqual({ median: 52, max: 64, runs: [50, 64, 52] });
    expect(figures.peakRssAboveIdleMiB.max).toBe(50);
    expect(figures).toMatchObject({ withinTarget: false, verdict: 'OVER (heap+external)' });
  });

  it('is within target when every run stays under it, and reports what was kept after GC', () => {
    const kept = probeRun(
      { rss: 60, heapPlusExternal: 63.9 },
      { afterGc: { rss: 160 * MIB, heapUsed: 16 * MIB, external: 5 * MIB, arrayBuffers: 2 * MIB } },
    );
    const figures = memoryFigures(row([probeRun({ rss: 30, heapPlusExternal: 30 }), kept]));
    expect(figures).toMatchObject({ withinTarget: true, verdict: 'within target', runs: 2 });
    expect(figures.keptAfterGcMiB.max).toBe(1);
  });

  it('fails a run whose ingest did not record, whatever its memory', () => {
    const figures = memoryFigures(row([probeRun({ rss: 1, heapPlusExternal: 1 }, { outcome: 'rejected' })]));
    expect(figures).toMatchObject({ withinTarget: false, verdict: 'FAILED (recorded/rejected)' });
  });

  it('does not judge the bare-GET reference, only reports it', () => {
    const bare = probeRun(
      { rss: 90, heapPlusExternal: 90 },
      { mode: 'bare-get', outcome: 'hashed', warmUpOutcome: 'hashed' },
    );
    const figures = memoryFigures({ ...row([bare], false), mode: 'bare-get' });
    expect(figures).toMatchObject({ withinTarget: true, verdict: 'reference, not judged' });
  });
});

function throughputRun(overrides: Partial<ThroughputRun['ingest']> = {}): ThroughputRun {
  const stage = (latencies: number[], requests: Record<string, number>) => ({
    wallMilliseconds: 2000,
    latenciesMilliseconds: latencies,
    dynamoDbRequests: requests,
  });
  return {
    shape: { audits: 2, requestsPerAudit: 2, concurrency: 2, fileBytes: { min: 10, max: 20 } },
    uploads: 4,
    totalBytes: 60,
    seedMilliseconds: 100,
    upload: stage([10, 20, 30, 40], { GetItemCommand: 12 }),
    ingest: {
      ...stage([100, 200, 300, 400], { QueryCommand: 20, GetItemCommand: 8 }),
      recorded: 3,
      rejected: 0,
      failures: [{ name: 'VersionConflictError', message: 'Audit changed' }],
      retried: { recorded: 1, rejected: 0, failed: 0 },
      ...overrides,
    },
    check: {
      evidenceRecorded: 4,
      requestsSubmitted: 4,
      auditsCollecting: 2,
      trailsValid: 2,
      evidencePhasesResumed: 2,
    },
  };
}

describe('Function: throughputFigures', () => {
  it('computes rates, percentiles and requests per item, and counts a recorded retry as complete', () => {
    const figures = throughputFigures(throughputRun());
    expect(figures.ingest).toMatchObject({
      perSecond: 2,
      latencyMs: { p50: 200, p95: 400, max: 400 },
      dynamoDbRequestsPerItem: 7,
      firstAttemptErrors: [{ name: 'VersionConflictError', count: 1, example: 'Audit changed' }],
    });
    expect(figures.upload.dynamoDbRequestsPerItem).toBe(3);
    expect(figures.complete).toBe(true);
  });

  it('is incomplete when a retried ingest fails again', () => {
    const figures = throughputFigures(throughputRun({ retried: { recorded: 0, rejected: 0, failed: 1 } }));
    expect(figures.complete).toBe(false);
  });

  it('prints both stages and the memory rows', () => {
    const lines = renderIngestFigures(
      throughputFigures(throughputRun()),
      [memoryFigures(row([probeRun({ rss: 40, heapPlusExternal: 50 })]))],
      2,
    );
    expect(lines).toContainEqual(expect.stringMatching(/^ingest \(handler\)\s+4\s+2\.00\s+2\.0\s+200\.0/));
    expect(lines).toContainEqual(
      expect.stringMatching(/^ingest handler\s+100 MiB\s+1\s+2\.00\s+100\.0\s+40\.0 \/ 40\.0/),
    );
    expect(lines).toContainEqual(expect.stringContaining('1 × VersionConflictError'));
  });
});

describe('Function: requestsBetween', () => {
  it('subtracts two snapshots, drops commands not sent, most frequent first', () => {
    expect(
      requestsBetween(
        { GetItemCommand: 5, PutItemCommand: 2 },
        { GetItemCommand: 6, PutItemCommand: 2, QueryCommand: 3 },
      ),
    ).toEqual({ QueryCommand: 3, GetItemCommand: 1 });
  });
});
