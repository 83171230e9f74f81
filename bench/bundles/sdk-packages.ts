import type { Metafile } from 'esbuild';

/** One AWS SDK package a function's own code imports, as the bare twin must reproduce it. */
export interface SdkPackageUse {
  readonly packageName: string;
  /** For `@aws-sdk/client-*`: the service client class the twin constructs (e.g. `S3Client`). */
  readonly clientClass?: string;
}

/** Packages whose weight the twin reproduces: service clients and the helpers that sit on top of them. */
const TWIN_SDK_PACKAGE = /^@aws-sdk\/(client-[^/]+|lib-dynamodb|s3-presigned-post|s3-request-presigner)$/;

/** The package an input belongs to, from its last `node_modules/` segment (nested copies included). */
export function packageOfInput(inputPath: string): string | undefined {
  const segments = inputPath.split('node_modules/');
  if (segments.length < 2) return undefined;
  const [scopeOrName, name] = (segments.at(-1) ?? '').split('/');
  if (!scopeOrName) return undefined;
  return scopeOrName.startsWith('@') ? (name ? `${scopeOrName}/${name}` : undefined) : scopeOrName;
}

const isProjectSource = (inputPath: string) => !inputPath.includes('node_modules/');

/**
 * The SDK packages imported by the project's own modules, read from esbuild's metafile. Only imports made
 * by our code count: the SDK itself pulls in internal clients (credential providers' nested STS/SSO
 * clients), which belong to every twin's weight already and must not be constructed a second time.
 * `lib-dynamodb` implies the DynamoDB client it wraps.
 */
export function detectSdkPackages(metafile: Metafile): SdkPackageUse[] {
  const imported = new Set<string>();
  for (const [inputPath, input] of Object.entries(metafile.inputs)) {
    if (!isProjectSource(inputPath)) continue;
    for (const dependency of input.imports) {
      const packageName = packageOfInput(dependency.path);
      if (packageName && TWIN_SDK_PACKAGE.test(packageName)) imported.add(packageName);
    }
  }
  if (imported.has('@aws-sdk/lib-dynamodb')) imported.add('@aws-sdk/client-dynamodb');
  return [...imported]
    .sort()
    .map((packageName) =>
      packageName.startsWith('@aws-sdk/client-')
        ? { packageName, clientClass: clientClassOf(metafile, packageName) }
        : { packageName },
    );
}

export class ClientClassNotFoundError extends Error {
  override readonly name = 'ClientClassNotFoundError';
}

/**
 * Every SDK v3 client package keeps its bare client in `dist-es/<Service>Client.js` (DynamoDBClient,
 * SESv2Client, SFNClient, ...), so the bundle's inputs name the class without a hand-kept table.
 */
function clientClassOf(metafile: Metafile, packageName: string): string {
  const classFile = new RegExp(`(?:^|/)node_modules/${packageName}/dist-es/([A-Za-z0-9]+Client)\\.js$`);
  const classes = new Set(
    Object.keys(metafile.inputs)
      .map((inputPath) => classFile.exec(inputPath)?.[1])
      .filter((name): name is string => name !== undefined),
  );
  if (classes.size !== 1) {
    throw new ClientClassNotFoundError(
      `Expected one dist-es/*Client.js input for ${packageName}, found ${classes.size === 0 ? 'none' : [...classes].join(', ')}; did mainFields stop selecting the ES build?`,
    );
  }
  return [...classes][0] as string;
}
