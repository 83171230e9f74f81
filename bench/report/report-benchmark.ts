import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { runCli } from '../../cli/run-cli.js';
import { buildCloseOutReport } from '../../functions/reports/build-close-out-report.js';
import { verifyReport } from '../../functions/reports/verify-report.js';
import { buildCloseOutAudit } from '../../test/support/close-out-audit.js';
import type { Benchmark, BenchmarkContext, BenchmarkOutcome } from '../benchmark.js';
import { judgeStep, renderReportFigures, TARGET_VERIFY_SECONDS } from './report-figures.js';

/**
 * 200 requests, every fifth flagged once and resubmitted, two reminders each: about 3,000 trail events, built
 * with the domain's lifecycle functions and the real hash chain (test/support/close-out-audit.ts).
 */
const SHAPE = { requests: 200, flagEvery: 5, remindersPerRequest: 2, hostileText: false } as const;
const RUNS = 5;

const discard = () =>
  new Writable({
    write(_chunk, _encoding, done) {
      done();
    },
  });

function timed<T>(work: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = work();
  return { value, ms: performance.now() - start };
}

async function runReportBenchmark(context: BenchmarkContext): Promise<BenchmarkOutcome> {
  const fixture = timed(() => buildCloseOutAudit(SHAPE));
  const input = fixture.value;
  const builds = Array.from({ length: RUNS }, () => timed(() => buildCloseOutReport(input)));
  const files = builds[0]?.value ?? [];
  const folderBytes = new Map(files.map((file) => [file.name, Buffer.from(file.body, 'utf8')]));

  const verifications = Array.from({ length: RUNS }, () => timed(() => verifyReport(folderBytes)));
  const failed = verifications.find((run) => !run.value.ok);
  if (failed && !failed.value.ok)
    throw new Error(`The benchmark's report does not verify: ${failed.value.problem}`);

  // What an auditor runs: the CLI reading the folder from disk, in this process (no tsx start-up in the figure).
  const folder = join(context.outDirectory, 'report', `${input.bundle.audit.auditId}`);
  await rm(folder, { recursive: true, force: true });
  await mkdir(folder, { recursive: true });
  await Promise.all(files.map((file) => writeFile(join(folder, file.name), file.body, 'utf8')));
  const cliMs: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    const exitCode = await runCli(['verify-report', folder], {
      io: { stdout: discard(), stderr: discard() },
      env: {},
    });
    cliMs.push(performance.now() - start);
    if (exitCode !== 0) throw new Error(`clets-audit verify-report ${folder} exited ${exitCode}`);
  }

  const steps = [
    judgeStep({ step: 'build (buildCloseOutReport)', judged: false, samplesMs: builds.map((run) => run.ms) }),
    judgeStep({
      step: 'verify in memory (verifyReport)',
      judged: true,
      samplesMs: verifications.map((run) => run.ms),
    }),
    judgeStep({ step: 'verify-report <dir> (CLI, reads the folder)', judged: true, samplesMs: cliMs }),
  ];
  const sizes = files.map((file) => ({ name: file.name, bytes: Buffer.byteLength(file.body, 'utf8') }));
  const shape = {
    requests: input.bundle.requests.length,
    evidence: input.bundle.evidence.length,
    notices: input.bundle.notices.length,
    trailEvents: input.trail.length,
  };
  context.print(
    `Audit of ${shape.requests} requests, ${shape.evidence} files, ${shape.notices} notices, ${shape.trailEvents.toLocaleString('en-US')} trail events (fixture built in ${fixture.ms.toFixed(0)} ms); ${RUNS} runs of each step in one process.`,
  );
  for (const line of renderReportFigures(steps, sizes)) context.print(line);
  context.print(`Report folder written to ${folder}`);
  return {
    withinTarget: steps.every((step) => step.withinTarget),
    figures: { targetVerifySeconds: TARGET_VERIFY_SECONDS, shape, runs: RUNS, steps, files: sizes },
  };
}

export const reportBenchmark: Benchmark = {
  name: 'report',
  title: 'Close-out report of a 200-request audit: build, offline verification (target < 2 s), file sizes',
  run: runReportBenchmark,
};
