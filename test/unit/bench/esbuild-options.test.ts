import { OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { describe, expect, it } from 'vitest';
import { houseBundlingOptions } from '../../../bench/bundle-options.js';
import {
  bundleFileName,
  toEsbuildOptions,
  UnreplicatedBundlingOptionError,
} from '../../../bench/bundles/esbuild-options.js';

describe('Function: toEsbuildOptions', () => {
  it('turns the house bundling options into the esbuild settings NodejsFunction passes as flags', () => {
    expect(toEsbuildOptions(houseBundlingOptions)).toEqual({
      bundle: true,
      platform: 'node',
      target: 'node24',
      format: 'esm',
      minify: true,
      sourcemap: 'linked',
      sourcesContent: false,
      external: [],
      mainFields: ['module', 'main'],
      banner: { js: houseBundlingOptions.banner },
    });
    expect(bundleFileName(houseBundlingOptions)).toBe('index.mjs');
  });

  it.each([
    ['nodeModules', { nodeModules: ['sharp'] }],
    ['esbuildArgs', { esbuildArgs: { '--tree-shaking': 'false' } }],
    ['sourceMapMode', { sourceMapMode: 'inline' }],
  ])('refuses %s, which it does not replicate, instead of measuring a different bundle', (_name, extra) => {
    expect(() => toEsbuildOptions({ ...houseBundlingOptions, ...extra } as never)).toThrow(
      UnreplicatedBundlingOptionError,
    );
  });

  it('refuses to guess the runtime-derived target or the feature-flag-dependent externals', () => {
    expect(() => toEsbuildOptions({ ...houseBundlingOptions, target: undefined })).toThrow(
      UnreplicatedBundlingOptionError,
    );
    expect(() => toEsbuildOptions({ ...houseBundlingOptions, externalModules: undefined })).toThrow(
      UnreplicatedBundlingOptionError,
    );
  });

  it('bundles CommonJS into index.js when the format is not ESM, as NodejsFunction does', () => {
    const commonJs = { ...houseBundlingOptions, format: OutputFormat.CJS };
    expect(toEsbuildOptions(commonJs).format).toBe('cjs');
    expect(bundleFileName(commonJs)).toBe('index.js');
  });
});
