/**
 * What bench/run.ts needs from one benchmark module. Each module measures one thing (bundles today;
 * later e.g. the sandbox audit walk-through or repository query latency), prints its own section,
 * and hands back figures for bench/out/bench-results.json plus whether it met its target.
 */
export interface Benchmark {
  /** Selects the module on the command line (`--only=bundles`) and keys its figures in the results file. */
  readonly name: string;
  /** Heading of the printed section. */
  readonly title: string;
  run(context: BenchmarkContext): Promise<BenchmarkOutcome>;
}

export interface BenchmarkContext {
  /** Git-ignored folder for anything the module builds or generates. */
  readonly outDirectory: string;
  /** Node binary for child processes: the one running the bench (Node 24 through npm run). */
  readonly nodeBinary: string;
  readonly print: (line: string) => void;
}

export interface BenchmarkOutcome {
  /** False when any figure misses its target; `--check` turns this into exit code 1. */
  readonly withinTarget: boolean;
  /** Plain JSON, written as-is under the module's name. */
  readonly figures: unknown;
}
