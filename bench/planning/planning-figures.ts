import { median } from '../statistics.js';
import { renderTextTable } from '../text-table.js';
import type { ProbeResult } from './plan-probe.js';

/** Issue 5, part 7: the daily plan of 100,000 agencies × 5 enrollments within 10 s on one core. */
export const TARGET_SECONDS = 10;

export interface PlanningWindow {
  readonly name: string;
  readonly from: string;
  readonly to: string;
  /** Only the daily window is judged; the catch-up window is reported for reference. */
  readonly judged: boolean;
}

export interface WindowFigures {
  readonly window: string;
  readonly from: string;
  readonly to: string;
  readonly enrollments: number;
  readonly occurrences: number;
  readonly wallSeconds: { readonly median: number; readonly samples: readonly number[] };
  readonly enrollmentsPerSecond: number;
  readonly fleetBuildSeconds: number;
  readonly availableCores: number;
  readonly digest: string;
  readonly withinTarget: boolean;
  readonly verdict: string;
}

/**
 * Folds the runs of one window into its figures. Every run plans the same seeded fleet, so the runs must
 * agree on the plan; a different digest means planning is not deterministic, which is a bug, not noise.
 */
export function judgeWindow(window: PlanningWindow, runs: readonly ProbeResult[]): WindowFigures {
  const [first] = runs;
  if (!first) throw new RangeError(`no runs for the ${window.name} window`);
  const digests = new Set(runs.map((run) => run.digest));
  if (digests.size > 1) {
    throw new Error(`The ${window.name} window planned differently across runs: ${[...digests].join(', ')}`);
  }
  const wallSeconds = median(runs.map((run) => run.wallMilliseconds / 1000));
  const withinTarget = !window.judged || wallSeconds <= TARGET_SECONDS;
  return {
    window: window.name,
    from: window.from,
    to: window.to,
    enrollments: first.enrollments,
    occurrences: first.occurrences,
    wallSeconds: { median: wallSeconds, samples: runs.map((run) => run.wallMilliseconds / 1000) },
    enrollmentsPerSecond: Math.round(first.enrollments / wallSeconds),
    fleetBuildSeconds: median(runs.map((run) => run.fleetBuildMilliseconds / 1000)),
    availableCores: Math.max(...runs.map((run) => run.availableCores)),
    digest: first.digest,
    withinTarget,
    verdict: !window.judged
      ? `${(wallSeconds / TARGET_SECONDS).toFixed(2)}x of ${TARGET_SECONDS} s (not judged)`
      : withinTarget
        ? `within target (${(wallSeconds / TARGET_SECONDS).toFixed(2)}x of ${TARGET_SECONDS} s)`
        : `OVER (${(wallSeconds / TARGET_SECONDS).toFixed(2)}x of ${TARGET_SECONDS} s)`,
  };
}

const grouped = (value: number) => value.toLocaleString('en-US');
const seconds = (value: number) => value.toFixed(2);

/** The printed section: one row per window, then how the numbers were taken. */
export function renderPlanningFigures(
  figures: readonly WindowFigures[],
  runs: number,
  pinning: string,
  fleet: string,
): string[] {
  const table = renderTextTable(
    [
      { heading: 'window', align: 'left' },
      { heading: 'opens in', align: 'left' },
      { heading: 'enrollments', align: 'right' },
      { heading: 'occurrences', align: 'right' },
      { heading: 'wall s', align: 'right' },
      { heading: 'enrollments/s', align: 'right' },
      { heading: 'verdict', align: 'left' },
    ],
    figures.map((figure) => [
      figure.window,
      `[${figure.from}, ${figure.to})`,
      grouped(figure.enrollments),
      grouped(figure.occurrences),
      seconds(figure.wallSeconds.median),
      grouped(figure.enrollmentsPerSecond),
      figure.verdict,
    ]),
  );
  return [
    ...table,
    '',
    `Fleet: ${fleet}.`,
    `wall s = median of ${runs} fresh processes, planDueOccurrences call only; ${pinning}.`,
    `Target: the daily (1-day) window within ${TARGET_SECONDS} s on one core; the catch-up window is reported, not judged.`,
    ...figures.map(
      (figure) =>
        `  ${figure.window}: runs ${figure.wallSeconds.samples.map(seconds).join(', ')} s; fleet built in ${seconds(figure.fleetBuildSeconds)} s (not timed); plan digest ${figure.digest}`,
    ),
  ];
}
