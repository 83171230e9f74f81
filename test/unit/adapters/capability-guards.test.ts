import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectPaths } from '../../../lib/project-paths.js';

/** Every TypeScript source under a folder, recursively. */
function sources(folder: string): { path: string; text: string }[] {
  return readdirSync(projectPaths.resolve(folder), { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.ts'))
    .map((path) => ({
      path: join(folder, path),
      text: readFileSync(projectPaths.resolve(join(folder, path)), 'utf8'),
    }));
}

describe('Capability guards: what the local engines cannot do, the code does not use', () => {
  const functionSources = sources('functions');

  it.each([
    ['Scan (every access pattern is a GetItem or a Query)', /\bScan(Command|Input)\b/],
    ['transactions (dynalite has none; single-item conditions are used instead)', /\bTransact(Write|Get)/],
    ['PartiQL (dynalite has none)', /\bExecuteStatement|BatchExecuteStatement/],
    ['TTL (never relied on for correctness)', /\bTimeToLive\b/],
  ])('uses no %s', (_what, pattern) => {
    const offenders = functionSources
      .filter((source) => pattern.test(source.text))
      .map((source) => source.path);
    expect(offenders).toEqual([]);
  });

  it('keeps the domain free of AWS, the environment and the clock', () => {
    const offenders = sources('functions/domain').filter((source) =>
      /@aws-sdk|process\.env|Date\.now\(\)|new Date\(\)/.test(source.text),
    );
    expect(offenders.map((source) => source.path)).toEqual([]);
  });
});
