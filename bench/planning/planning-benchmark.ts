import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { projectPaths } from '../../lib/project-paths.js';
import type { Benchmark, BenchmarkContext, BenchmarkOutcome } from '../benchmark.js';
import type { ProbeResult } from './plan-probe.js';
import {
  judgeWindow,
  type PlanningWindow,
  renderPlanningFigures,
  TARGET_SECONDS,
} from './planning-figures.js';

const execFileAsync = promisify(execFile);

/** 100,000 agencies × 5 enrollments, from a fixed seed so every run plans the same fleet. */
const FLEET = { agencies: 100_000, perAgency: 5, seed: 20_260_615 } as const;

/**
 * Fresh processes per window. Three, not more: one 30-day run takes several seconds, and the spread between
 * runs on the shared 2-core machine is what the median is for.
 */
const RUNS = 3;

/** Local midnight in Los Angeles (PDT), as the daily scheduler's run would start. */
const DAILY_FROM = '2026-06-15T07:00:00.000Z';
const DAY_MS = 86_400_000;
const after = (days: number) => new Date(Date.parse(DAILY_FROM) + days * DAY_MS).toISOString();

const WINDOWS: readonly PlanningWindow[] = [
  { name: '1-day', from: DAILY_FROM, to: after(1), judged: true },
  { name: '30-day catch-up', from: DAILY_FROM, to: after(30), judged: false },
];

const PROBE_SCRIPT = projectPaths.resolve('bench/planning/plan-probe.ts');

/** `taskset -c 0` when the host has it and lets this process use core 0; otherwise no pinning. */
async function pinningPrefix(nodeBinary: string): Promise<string[]> {
  try {
    await execFileAsync('taskset', ['-c', '0', nodeBinary, '-e', '0'], { timeout: 30_000 });
    return ['taskset', '-c', '0'];
  } catch {
    return [];
  }
}

async function probe(context: BenchmarkContext, pin: readonly string[], window: PlanningWindow) {
  const node = [context.nodeBinary, '--import', 'tsx', PROBE_SCRIPT];
  const args = [String(FLEET.agencies), String(FLEET.perAgency), String(FLEET.seed), window.from, window.to];
  const [command, ...rest] = [...pin, ...node, ...args] as [string, ...string[]];
  // tsx compiles the domain sources in the child; NODE_OPTIONS is dropped so the parent's loader flags
  // cannot load it twice.
  const { NODE_OPTIONS: _ignored, ...environment } = process.env;
  try {
    const { stdout } = await execFileAsync(command, rest, {
      cwd: projectPaths.root,
      env: environment,
      timeout: 300_000,
      maxBuffer: 1024 * 1024,
    });
    return JSON.parse(stdout) as ProbeResult;
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new Error(`Planning probe for the ${window.name} window failed${stderr ? `:\n${stderr}` : ''}`, {
      cause: error,
    });
  }
}

async function runPlanningBenchmark(context: BenchmarkContext): Promise<BenchmarkOutcome> {
  const pin = await pinningPrefix(context.nodeBinary);
  const pinning =
    pin.length > 0
      ? `pinned with ${pin.join(' ')}`
      : 'NOT pinned (taskset unavailable or core 0 not allowed)';
  context.print(
    `Planning ${FLEET.agencies.toLocaleString('en-US')} agencies × ${FLEET.perAgency} enrollments, ${RUNS} fresh processes per window, ${pinning}.`,
  );

  // Windows take turns within each round, so drift in machine load hits both alike.
  const samples = new Map<string, ProbeResult[]>(WINDOWS.map((window) => [window.name, []]));
  for (let round = 0; round < RUNS; round++) {
    for (const window of WINDOWS) samples.get(window.name)?.push(await probe(context, pin, window));
  }
  const figures = WINDOWS.map((window) => judgeWindow(window, samples.get(window.name) ?? []));
  const cores = Math.max(...figures.map((figure) => figure.availableCores));
  const fleet = `${FLEET.agencies.toLocaleString('en-US')} agencies × ${FLEET.perAgency} programs (seed ${FLEET.seed}), built by bench/planning/synthetic-enrollments.ts`;
  for (const line of renderPlanningFigures(figures, RUNS, `${pinning}, child saw ${cores} core(s)`, fleet)) {
    context.print(line);
  }
  return {
    withinTarget: figures.every((figure) => figure.withinTarget),
    figures: {
      targetSeconds: TARGET_SECONDS,
      fleet: FLEET,
      runs: RUNS,
      pinning: pin.length > 0 ? pin.join(' ') : null,
      windows: figures,
    },
  };
}

export const planningBenchmark: Benchmark = {
  name: 'planning',
  title: 'planDueOccurrences over 100,000 agencies × 5 enrollments, daily and 30-day catch-up windows',
  run: runPlanningBenchmark,
};
