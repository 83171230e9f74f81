import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCletsAuditApp } from '../../lib/build-app.js';

describe('Construct: HouseFunction bundling', () => {
  it('bundles a real function into a minified ESM file with a source map', () => {
    // Prepare: a full synth, bundling included (the only test that pays for esbuild)
    const { app, stack } = buildCletsAuditApp();
    // Act
    const assembly = app.synth();
    // Assess
    const artifact = assembly.getStackByName(stack.stackName);
    const assetDirs = readdirSync(assembly.directory).filter((name) => name.startsWith('asset.'));
    const bundles = assetDirs
      .map((dir) => join(assembly.directory, dir))
      .filter((dir) => existsSync(join(dir, 'index.mjs')));
    expect(bundles.length).toBeGreaterThanOrEqual(1);
    for (const dir of bundles) {
      expect(existsSync(join(dir, 'index.mjs.map'))).toBe(true);
      // Minified: no indentation-formatted lines dominate; a crude but robust check is size per line.
      const size = statSync(join(dir, 'index.mjs')).size;
      expect(size).toBeGreaterThan(10_000);
    }
    expect(artifact.template.Resources).toBeDefined();
    // Bundling every function (17 and counting) takes 30-40 s alone on two cores, more beside other suites.
  }, 240_000);
});
