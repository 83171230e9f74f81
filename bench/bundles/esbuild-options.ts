import type { BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { BuildOptions } from 'esbuild';

/** Options the bench turns into esbuild settings, the same way NodejsFunction turns them into esbuild CLI flags. */
const TRANSLATED_OPTIONS = new Set<string>([
  'format',
  'target',
  'minify',
  'sourceMap',
  'sourcesContent',
  'externalModules',
  'bundleAwsSDK',
  'define',
  'keepNames',
  'banner',
  'footer',
  'mainFields',
]);

/** Options that never change the bundle's bytes (Docker settings, logging, asset hashing). */
const OPTIONS_WITHOUT_EFFECT_ON_BUNDLE = new Set<string>([
  // BundlingOptions extends DockerRunOptions: `platform` is Docker's, NodejsFunction always passes --platform=node.
  'platform',
  'logLevel',
  'metafile',
  'esbuildVersion',
  'forceDockerBundling',
  'dockerImage',
  'buildArgs',
  'assetHash',
  'bundlingFileAccess',
  'environment',
  'user',
  'volumes',
  'volumesFrom',
  'workingDirectory',
  'entrypoint',
  'network',
  'securityOpt',
]);

export class UnreplicatedBundlingOptionError extends Error {
  override readonly name = 'UnreplicatedBundlingOptionError';
}

/**
 * The esbuild JS API options equivalent to the flags NodejsFunction (aws-cdk-lib/aws-lambda-nodejs
 * bundling.js, buildEsbuildArgs) derives from `bundling`, so the bench measures the bytes that deploy.
 * An option the bench does not know how to replicate is an error rather than silently ignored: otherwise a
 * change to the deployed options would leave the bench measuring a different bundle.
 */
export function toEsbuildOptions(bundling: BundlingOptions): BuildOptions {
  const unreplicated = Object.entries(bundling)
    .filter(([, value]) => value !== undefined)
    .map(([key]) => key)
    .filter((key) => !TRANSLATED_OPTIONS.has(key) && !OPTIONS_WITHOUT_EFFECT_ON_BUNDLE.has(key));
  if (unreplicated.length > 0) {
    throw new UnreplicatedBundlingOptionError(
      `The bench cannot replicate bundling option(s) ${unreplicated.join(', ')}; teach bench/bundles/esbuild-options.ts how NodejsFunction passes them to esbuild.`,
    );
  }
  if (bundling.target === undefined) {
    throw new UnreplicatedBundlingOptionError(
      'Bundling options have no `target`; NodejsFunction would derive it from the runtime, so set it explicitly (e.g. node24).',
    );
  }
  const external = bundling.externalModules ?? (bundling.bundleAwsSDK ? [] : undefined);
  if (external === undefined) {
    throw new UnreplicatedBundlingOptionError(
      'Bundling options leave `externalModules` to the CDK default, which depends on a feature flag; set it explicitly.',
    );
  }
  return {
    bundle: true,
    platform: 'node',
    target: bundling.target,
    // Without --format, esbuild bundles for platform node as CommonJS, as NodejsFunction does.
    format: bundling.format === 'esm' ? 'esm' : 'cjs',
    minify: bundling.minify ?? false,
    // NodejsFunction passes a bare --sourcemap: a linked .map file beside the bundle.
    sourcemap: bundling.sourceMap ? 'linked' : false,
    sourcesContent: bundling.sourcesContent ?? true,
    external,
    ...(bundling.define ? { define: bundling.define } : {}),
    ...(bundling.keepNames ? { keepNames: true } : {}),
    ...(bundling.banner ? { banner: { js: bundling.banner } } : {}),
    ...(bundling.footer ? { footer: { js: bundling.footer } } : {}),
    ...(bundling.mainFields ? { mainFields: bundling.mainFields } : {}),
  };
}

/** The file name NodejsFunction gives the bundle inside the asset. */
export function bundleFileName(bundling: BundlingOptions): string {
  return bundling.format === 'esm' ? 'index.mjs' : 'index.js';
}
