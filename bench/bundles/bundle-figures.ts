import { median, ratio } from '../statistics.js';
import { renderTextTable } from '../text-table.js';

/** Part 7 target: a function's own code may add at most 15 % to the SDK floor, in bytes and in load time. */
export const TARGET_RATIO = 1.15;

export interface BundleMeasurement {
  readonly bundleBytes: number;
  readonly sourceMapBytes: number;
  readonly loadMilliseconds: { readonly median: number; readonly samples: readonly number[] };
}

export interface FunctionFigures {
  readonly name: string;
  readonly entry: string;
  readonly sdkPackages: readonly string[];
  readonly bundle: BundleMeasurement;
  readonly bareTwin: BundleMeasurement & { readonly name: string };
  readonly ratios: { readonly bundleSize: number; readonly loadTime: number };
  readonly withinTarget: boolean;
  readonly verdict: string;
}

export function toMeasurement(bundleBytes: number, sourceMapBytes: number, samples: readonly number[]) {
  return { bundleBytes, sourceMapBytes, loadMilliseconds: { median: median(samples), samples } };
}

/**
 * Compares a function with its bare twin. A function without SDK clients has no meaningful twin (an empty
 * module), so it is reported but not judged.
 */
export function judgeAgainstTwin(
  identity: Pick<FunctionFigures, 'name' | 'entry' | 'sdkPackages'>,
  bundle: BundleMeasurement,
  bareTwin: FunctionFigures['bareTwin'],
  targetRatio = TARGET_RATIO,
): FunctionFigures {
  const ratios = {
    bundleSize: ratio(bundle.bundleBytes, bareTwin.bundleBytes),
    loadTime: ratio(bundle.loadMilliseconds.median, bareTwin.loadMilliseconds.median),
  };
  const over = [
    ...(ratios.bundleSize > targetRatio ? ['size'] : []),
    ...(ratios.loadTime > targetRatio ? ['load'] : []),
  ];
  const judged = identity.sdkPackages.length > 0;
  const verdict = !judged
    ? 'n/a (no SDK client)'
    : over.length > 0
      ? `OVER (${over.join(', ')})`
      : 'within target';
  return { ...identity, bundle, bareTwin, ratios, withinTarget: !judged || over.length === 0, verdict };
}

const kilobytes = (bytes: number) => (bytes / 1024).toFixed(1);
const milliseconds = (value: number) => value.toFixed(1);
const times = (value: number) => `${value.toFixed(2)}x`;

/** The printed section: one row per function, then which SDK packages each twin reproduces. */
export function renderBundleFigures(figures: readonly FunctionFigures[], runs: number): string[] {
  const table = renderTextTable(
    [
      { heading: 'function', align: 'left' },
      { heading: 'bundle KB', align: 'right' },
      { heading: 'twin KB', align: 'right' },
      { heading: 'ratio', align: 'right' },
      { heading: 'map KB', align: 'right' },
      { heading: 'load ms', align: 'right' },
      { heading: 'twin ms', align: 'right' },
      { heading: 'ratio', align: 'right' },
      { heading: 'verdict', align: 'left' },
    ],
    figures.map((figure) => [
      figure.name,
      kilobytes(figure.bundle.bundleBytes),
      kilobytes(figure.bareTwin.bundleBytes),
      times(figure.ratios.bundleSize),
      kilobytes(figure.bundle.sourceMapBytes),
      milliseconds(figure.bundle.loadMilliseconds.median),
      milliseconds(figure.bareTwin.loadMilliseconds.median),
      times(figure.ratios.loadTime),
      figure.verdict,
    ]),
  );
  return [
    ...table,
    '',
    `KB = 1,024 bytes of the .mjs alone (map KB: its .map); load ms = median import time of ${runs} fresh processes.`,
    `Target: bundle size and load time each at most ${TARGET_RATIO.toFixed(2)}x the bare twin's.`,
    ...figures.map((figure) => `  ${figure.name} twin: ${figure.bareTwin.name}`),
  ];
}
