import type { Benchmark } from './benchmark.js';
import { bundlesBenchmark } from './bundles/bundles-benchmark.js';
import { digestBenchmark } from './digest/digest-benchmark.js';
import { ingestBenchmark } from './ingest/ingest-benchmark.js';
import { lifecycleBenchmark } from './lifecycle/lifecycle-benchmark.js';
import { planningBenchmark } from './planning/planning-benchmark.js';
import { reportBenchmark } from './report/report-benchmark.js';

/** Every benchmark module, in the order `npm run bench` runs them. Add new ones here. */
export const benchmarks: readonly Benchmark[] = [
  bundlesBenchmark,
  planningBenchmark,
  lifecycleBenchmark,
  ingestBenchmark,
  digestBenchmark,
  reportBenchmark,
];
