import type { Benchmark, BenchmarkContext, BenchmarkOutcome } from '../benchmark.js';
import { renderTextTable } from '../text-table.js';
import { runFullLifecycle } from './full-lifecycle.js';

/** Issue 5, part 7: one full lifecycle stays cheap and far from Step Functions' history limit. */
export const LIFECYCLE_TARGETS = { stateTransitions: 60, historyEvents: 300 } as const;

async function runLifecycleBenchmark(context: BenchmarkContext): Promise<BenchmarkOutcome> {
  const run = await runFullLifecycle();
  const transitionsOk = run.stateTransitions <= LIFECYCLE_TARGETS.stateTransitions;
  const eventsOk = run.historyEvents <= LIFECYCLE_TARGETS.historyEvents;
  const completed = run.status === 'SUCCEEDED' && run.requests === 20 && run.noticesRecorded === 4;
  for (const line of renderTextTable(
    [
      { heading: 'figure', align: 'left' },
      { heading: 'value', align: 'right' },
      { heading: 'target', align: 'right' },
      { heading: 'verdict', align: 'left' },
    ],
    [
      [
        'state transitions',
        String(run.stateTransitions),
        `≤ ${LIFECYCLE_TARGETS.stateTransitions}`,
        transitionsOk ? 'within target' : 'OVER',
      ],
      [
        'history events',
        String(run.historyEvents),
        `≤ ${LIFECYCLE_TARGETS.historyEvents}`,
        eventsOk ? 'within target' : 'OVER',
      ],
      [
        'execution',
        `${run.status}, ${run.requests} requests, ${run.noticesRecorded} reminders`,
        'SUCCEEDED, 20, 4',
        completed ? 'as designed' : 'UNEXPECTED',
      ],
    ],
  )) {
    context.print(line);
  }
  context.print(
    `Counted by the sandbox runner the way Step Functions bills and records them (sandbox/workflows/history-counter.ts); ${run.wallSeconds.toFixed(1)} s wall time including the synth.`,
  );
  return {
    withinTarget: transitionsOk && eventsOk && completed,
    figures: { targets: LIFECYCLE_TARGETS, ...run },
  };
}

export const lifecycleBenchmark: Benchmark = {
  name: 'lifecycle',
  title:
    'One full audit lifecycle (20 requests, 4 reminders, review, close): state transitions and history events',
  run: runLifecycleBenchmark,
};
