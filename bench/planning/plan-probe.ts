import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { planDueOccurrences } from '../../functions/domain/index.js';
import { buildSyntheticFleet } from './synthetic-enrollments.js';

/**
 * One measurement in a fresh process (started by planning-benchmark.ts, pinned to one core when the host
 * allows): build the seeded fleet, then time one planDueOccurrences call over the window. Only the call is
 * timed; building the fleet stands in for reading enrollments from the table, which is measured elsewhere.
 * Prints one JSON line. Usage: plan-probe.ts <agencies> <perAgency> <seed> <fromIso> <toIso>
 */

export interface ProbeResult {
  readonly enrollments: number;
  readonly occurrences: number;
  readonly wallMilliseconds: number;
  readonly fleetBuildMilliseconds: number;
  /** Cores this process may run on: 1 when pinned. */
  readonly availableCores: number;
  /** sha256 over every occurrence's id, opening and deadline: equal digests mean equal plans. */
  readonly digest: string;
}

function digestOf(occurrences: ReturnType<typeof planDueOccurrences>): string {
  const hash = createHash('sha256');
  for (const occurrence of occurrences) {
    hash.update(`${occurrence.occurrenceId} ${occurrence.opensAt} ${occurrence.dueAt}\n`);
  }
  return hash.digest('hex').slice(0, 16);
}

function main(): void {
  const [agencies, perAgency, seed, from, to] = process.argv.slice(2);
  if (!agencies || !perAgency || !seed || !from || !to) {
    throw new Error('usage: plan-probe.ts <agencies> <perAgency> <seed> <fromIso> <toIso>');
  }
  const buildStarted = performance.now();
  const fleet = buildSyntheticFleet({
    agencyCount: Number(agencies),
    perAgency: Number(perAgency),
    seed: Number(seed),
  });
  const fleetBuildMilliseconds = performance.now() - buildStarted;

  const started = performance.now();
  const occurrences = planDueOccurrences(fleet, from, to);
  const wallMilliseconds = performance.now() - started;

  const result: ProbeResult = {
    enrollments: fleet.length,
    occurrences: occurrences.length,
    wallMilliseconds,
    fleetBuildMilliseconds,
    availableCores: availableParallelism(),
    digest: digestOf(occurrences),
  };
  process.stdout.write(JSON.stringify(result));
}

main();
