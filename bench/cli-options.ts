export interface BenchOptions {
  /** Names of the benchmarks to run, in catalogue order. */
  readonly selected: readonly string[];
  /** Exit 1 when a benchmark misses its target (for CI). */
  readonly check: boolean;
}

export class BenchUsageError extends Error {
  override readonly name = 'BenchUsageError';
}

/**
 * Reads `--only=a,b` and `--check`. Unknown flags and unknown benchmark names are errors, so a typo in
 * CI cannot silently run nothing and pass.
 */
export function parseBenchOptions(args: readonly string[], knownNames: readonly string[]): BenchOptions {
  let only: string[] | undefined;
  let check = false;
  for (const arg of args) {
    if (arg === '--check') check = true;
    else if (arg.startsWith('--only=')) {
      only = arg
        .slice('--only='.length)
        .split(',')
        .map((name) => name.trim())
        .filter((name) => name !== '');
    } else {
      throw new BenchUsageError(
        `Unknown argument "${arg}". Usage: npm run bench -- [--only=name[,name]] [--check]`,
      );
    }
  }
  if (only === undefined) return { selected: [...knownNames], check };
  const unknown = only.filter((name) => !knownNames.includes(name));
  if (unknown.length > 0 || only.length === 0) {
    throw new BenchUsageError(
      `--only needs one or more of: ${knownNames.join(', ')} (got "${only.join(',')}"${unknown.length > 0 ? `; unknown: ${unknown.join(', ')}` : ''}).`,
    );
  }
  return { selected: knownNames.filter((name) => only.includes(name)), check };
}
