import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface BenchResults {
  readonly generatedAt: string;
  readonly machine: {
    readonly node: string;
    readonly platform: string;
    readonly arch: string;
    readonly cpu: string;
  };
  /** Figures of each benchmark that ran, under its name. */
  readonly benchmarks: Record<string, { readonly withinTarget: boolean; readonly figures: unknown }>;
}

export async function writeBenchResults(path: string, results: BenchResults): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(results, null, 2)}\n`);
}
