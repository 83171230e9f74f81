import { cpus } from 'node:os';
import { join } from 'node:path';
import { projectPaths } from '../lib/project-paths.js';
import { benchmarks } from './benchmarks.js';
import { BenchUsageError, parseBenchOptions } from './cli-options.js';
import type { BenchResults } from './results-file.js';
import { writeBenchResults } from './results-file.js';

/** Functions deploy on Lambda's Node 24; figures from another major are still printed, with a warning. */
const DEPLOYED_NODE_MAJOR = 24;

const outDirectory = projectPaths.resolve('bench/out');
const resultsPath = join(outDirectory, 'bench-results.json');

async function main(): Promise<number> {
  const options = parseBenchOptions(
    process.argv.slice(2),
    benchmarks.map((benchmark) => benchmark.name),
  );
  const machine = {
    node: process.version,
    platform: process.platform,
    arch: process.arch,
    cpu: `${cpus().length} x ${cpus()[0]?.model ?? 'unknown CPU'}`,
  };
  console.log(
    `clets-audit bench — Node ${machine.node} (${process.execPath}), ${machine.platform}/${machine.arch}, ${machine.cpu}`,
  );
  if (Number(process.versions.node.split('.')[0]) !== DEPLOYED_NODE_MAJOR) {
    console.log(
      `WARNING: Lambda runs Node ${DEPLOYED_NODE_MAJOR}; run through npm (node@24 devDependency) for comparable figures.`,
    );
  }

  const results: BenchResults = { generatedAt: new Date().toISOString(), machine, benchmarks: {} };
  for (const benchmark of benchmarks.filter((candidate) => options.selected.includes(candidate.name))) {
    console.log(`\n== ${benchmark.name}: ${benchmark.title}`);
    const outcome = await benchmark.run({
      outDirectory,
      nodeBinary: process.execPath,
      print: (line) => console.log(line),
    });
    results.benchmarks[benchmark.name] = outcome;
  }
  await writeBenchResults(resultsPath, results);
  console.log(`\nFigures written to ${resultsPath}`);

  const missed = Object.entries(results.benchmarks).filter(([, outcome]) => !outcome.withinTarget);
  if (missed.length > 0) console.log(`Over target: ${missed.map(([name]) => name).join(', ')}`);
  return options.check && missed.length > 0 ? 1 : 0;
}

main().then(
  (exitCode) => {
    process.exitCode = exitCode;
  },
  (error: unknown) => {
    console.error(error instanceof BenchUsageError ? error.message : error);
    process.exitCode = 2;
  },
);
