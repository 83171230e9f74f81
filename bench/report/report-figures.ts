import { median } from '../statistics.js';
import { renderTextTable } from '../text-table.js';

/** Issue 8, part 4: a 200-request audit's report verifies offline in under 2 s. */
export const TARGET_VERIFY_SECONDS = 2;

export interface TimedStep {
  readonly step: string;
  /** Judged against the target on its slowest run (the first one includes JIT warm-up). */
  readonly judged: boolean;
  readonly samplesMs: readonly number[];
}

export interface StepFigures {
  readonly step: string;
  readonly medianMs: number;
  readonly slowestMs: number;
  readonly samplesMs: readonly number[];
  readonly judged: boolean;
  readonly withinTarget: boolean;
}

export function judgeStep(timed: TimedStep): StepFigures {
  const slowestMs = Math.max(...timed.samplesMs);
  return {
    step: timed.step,
    medianMs: median(timed.samplesMs),
    slowestMs,
    samplesMs: timed.samplesMs,
    judged: timed.judged,
    withinTarget: !timed.judged || slowestMs <= TARGET_VERIFY_SECONDS * 1000,
  };
}

const ms = (value: number) => `${value.toFixed(1)} ms`;
const grouped = (value: number) => String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

export function renderReportFigures(
  steps: readonly StepFigures[],
  files: readonly { readonly name: string; readonly bytes: number }[],
): string[] {
  const timing = renderTextTable(
    [
      { heading: 'step', align: 'left' },
      { heading: 'median', align: 'right' },
      { heading: 'slowest', align: 'right' },
      { heading: 'verdict', align: 'left' },
    ],
    steps.map((step) => [
      step.step,
      ms(step.medianMs),
      ms(step.slowestMs),
      !step.judged
        ? 'not judged'
        : step.withinTarget
          ? `within target (< ${TARGET_VERIFY_SECONDS} s)`
          : `OVER (${TARGET_VERIFY_SECONDS} s)`,
    ]),
  );
  const sizes = renderTextTable(
    [
      { heading: 'file', align: 'left' },
      { heading: 'bytes', align: 'right' },
    ],
    [
      ...files.map((file) => [file.name, grouped(file.bytes)]),
      ['total', grouped(files.reduce((sum, file) => sum + file.bytes, 0))],
    ],
  );
  return [...timing, '', ...sizes];
}
