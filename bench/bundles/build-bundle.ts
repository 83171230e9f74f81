import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import { build, type Metafile } from 'esbuild';
import { bundleFileName, toEsbuildOptions } from './esbuild-options.js';

export interface BundleRequest {
  readonly entryPath: string;
  /** Folder the bundle and its map are written to, like a CDK asset folder. */
  readonly outDirectory: string;
  /** Working directory NodejsFunction runs esbuild in (its projectRoot); tsconfig and imports resolve from it. */
  readonly projectRoot: string;
  readonly bundling: BundlingOptions;
}

export interface BuiltBundle {
  readonly bundlePath: string;
  /** Size of the bundle file alone: what Lambda parses at INIT. */
  readonly bundleBytes: number;
  /** Size of the linked source map, read at INIT only with --enable-source-maps. */
  readonly sourceMapBytes: number;
  readonly metafile: Metafile;
}

export async function buildBundle(request: BundleRequest): Promise<BuiltBundle> {
  const bundlePath = join(request.outDirectory, bundleFileName(request.bundling));
  const result = await build({
    ...toEsbuildOptions(request.bundling),
    entryPoints: [request.entryPath],
    outfile: bundlePath,
    absWorkingDir: request.projectRoot,
    metafile: true,
    logLevel: 'warning',
  });
  const [bundleStat, sourceMapStat] = await Promise.all([
    stat(bundlePath),
    stat(`${bundlePath}.map`).catch(() => undefined),
  ]);
  return {
    bundlePath,
    bundleBytes: bundleStat.size,
    sourceMapBytes: sourceMapStat?.size ?? 0,
    metafile: result.metafile,
  };
}
