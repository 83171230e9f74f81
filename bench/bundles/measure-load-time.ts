import { execFile } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/**
 * Runs in a fresh Node process: times the dynamic import of one bundle (parse, link, evaluate; module-scope
 * client construction and environment parsing included) and checks the handler export is a function, so
 * a bundle that fails or exports nothing cannot pass as fast.
 */
const LOAD_PROBE_SCRIPT = `
const [bundleUrl, handlerExport] = process.argv.slice(1);
const started = performance.now();
const loaded = await import(bundleUrl);
const milliseconds = performance.now() - started;
if (typeof loaded[handlerExport] !== 'function') {
  console.error('export ' + handlerExport + ' of ' + bundleUrl + ' is not a function');
  process.exit(3);
}
process.stdout.write(JSON.stringify({ milliseconds }));
`;

export interface LoadTarget {
  /** Key of the samples in the result. */
  readonly id: string;
  readonly bundlePath: string;
  readonly handlerExport: string;
}

export interface LoadProbeSettings {
  readonly nodeBinary: string;
  readonly environment: Record<string, string>;
  readonly runs: number;
}

/** Milliseconds one fresh process takes to import the bundle. */
export async function probeLoadTime(target: LoadTarget, settings: LoadProbeSettings): Promise<number> {
  const args = [
    '--input-type=module',
    '-e',
    LOAD_PROBE_SCRIPT,
    pathToFileURL(target.bundlePath).href,
    target.handlerExport,
  ];
  try {
    const { stdout } = await execFileAsync(settings.nodeBinary, args, {
      env: settings.environment,
      timeout: 60_000,
    });
    const { milliseconds } = JSON.parse(stdout) as { milliseconds: number };
    return milliseconds;
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new Error(`Loading ${target.bundlePath} failed${stderr ? `:\n${stderr}` : ''}`, { cause: error });
  }
}

/**
 * `runs` load times per target, one fresh process each, one at a time (parallel runs would compete for
 * the two cores). Targets take turns within each round, so drift in machine load hits functions and twins
 * alike; a first round is discarded so every file is equally in the OS page cache.
 */
export async function sampleLoadTimes(
  targets: readonly LoadTarget[],
  settings: LoadProbeSettings,
): Promise<Map<string, number[]>> {
  const samples = new Map<string, number[]>(targets.map((target) => [target.id, []]));
  for (let round = 0; round <= settings.runs; round++) {
    for (const target of targets) {
      const milliseconds = await probeLoadTime(target, settings);
      if (round > 0) samples.get(target.id)?.push(milliseconds);
    }
  }
  return samples;
}
