import type { Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';
import {
  ClientClassNotFoundError,
  detectSdkPackages,
  packageOfInput,
} from '../../../bench/bundles/sdk-packages.js';

/** A metafile with just the inputs and import edges the detection reads. */
function metafileOf(inputs: Record<string, readonly string[]>): Metafile {
  return {
    inputs: Object.fromEntries(
      Object.entries(inputs).map(([path, imports]) => [
        path,
        {
          bytes: 1,
          imports: imports.map((imported) => ({ path: imported, kind: 'import-statement' as const })),
        },
      ]),
    ),
    outputs: {},
  };
}

const DYNAMODB_INDEX = 'node_modules/@aws-sdk/client-dynamodb/dist-es/index.js';
const DYNAMODB_CLASS = 'node_modules/@aws-sdk/client-dynamodb/dist-es/DynamoDBClient.js';
const DOCUMENT_INDEX = 'node_modules/@aws-sdk/lib-dynamodb/dist-es/index.js';
const S3_INDEX = 'node_modules/@aws-sdk/client-s3/dist-es/index.js';
const S3_CLASS = 'node_modules/@aws-sdk/client-s3/dist-es/S3Client.js';

describe('Function: packageOfInput', () => {
  it.each([
    ['node_modules/@aws-sdk/client-s3/dist-es/S3Client.js', '@aws-sdk/client-s3'],
    ['node_modules/zod/v4/classic/schemas.js', 'zod'],
    ['node_modules/@aws-sdk/lib-dynamodb/node_modules/@smithy/core/dist-es/index.js', '@smithy/core'],
    ['functions/handlers/health-check.ts', undefined],
  ])('%s belongs to %s', (inputPath, expected) => {
    expect(packageOfInput(inputPath)).toBe(expected);
  });
});

describe('Function: detectSdkPackages', () => {
  it('lists the SDK packages our own modules import, with each service client class', () => {
    // Prepare
    const metafile = metafileOf({
      'functions/adapters/clients/s3.ts': [S3_INDEX],
      'functions/handlers/upload.ts': ['functions/adapters/clients/s3.ts', 'node_modules/zod/index.js'],
      [S3_INDEX]: [S3_CLASS],
      [S3_CLASS]: [],
      'node_modules/zod/index.js': [],
    });
    // Act
    const packages = detectSdkPackages(metafile);
    // Assess
    expect(packages).toEqual([{ packageName: '@aws-sdk/client-s3', clientClass: 'S3Client' }]);
  });

  it('ignores clients the SDK imports for itself (credential providers’ nested clients)', () => {
    // Prepare
    const ssoIndex = 'node_modules/@aws-sdk/client-sso/dist-es/index.js';
    const metafile = metafileOf({
      'functions/adapters/clients/s3.ts': [S3_INDEX],
      [S3_INDEX]: [S3_CLASS, 'node_modules/@aws-sdk/credential-provider-sso/dist-es/index.js'],
      [S3_CLASS]: [],
      'node_modules/@aws-sdk/credential-provider-sso/dist-es/index.js': [ssoIndex],
      [ssoIndex]: ['node_modules/@aws-sdk/client-sso/dist-es/SSOClient.js'],
      'node_modules/@aws-sdk/client-sso/dist-es/SSOClient.js': [],
    });
    // Act
    const names = detectSdkPackages(metafile).map((use) => use.packageName);
    // Assess
    expect(names).toEqual(['@aws-sdk/client-s3']);
  });

  it('adds the DynamoDB client a DocumentClient wraps, and knows the presigned POST helper', () => {
    // Prepare
    const presignedPost = 'node_modules/@aws-sdk/s3-presigned-post/dist-es/index.js';
    const metafile = metafileOf({
      'functions/adapters/uploads.ts': [DOCUMENT_INDEX, presignedPost, S3_INDEX],
      [DOCUMENT_INDEX]: [DYNAMODB_INDEX],
      [DYNAMODB_INDEX]: [DYNAMODB_CLASS],
      [DYNAMODB_CLASS]: [],
      [presignedPost]: [],
      [S3_INDEX]: [S3_CLASS],
      [S3_CLASS]: [],
    });
    // Act
    const packages = detectSdkPackages(metafile);
    // Assess
    expect(packages).toEqual([
      { packageName: '@aws-sdk/client-dynamodb', clientClass: 'DynamoDBClient' },
      { packageName: '@aws-sdk/client-s3', clientClass: 'S3Client' },
      { packageName: '@aws-sdk/lib-dynamodb' },
      { packageName: '@aws-sdk/s3-presigned-post' },
    ]);
  });

  it('fails loudly when a client package has no dist-es/*Client.js input to name its class', () => {
    // Prepare: as if mainFields had picked the single-file CommonJS build
    const cjsIndex = 'node_modules/@aws-sdk/client-sesv2/dist-cjs/index.js';
    const metafile = metafileOf({ 'functions/adapters/clients/ses.ts': [cjsIndex], [cjsIndex]: [] });
    // Act / Assess
    expect(() => detectSdkPackages(metafile)).toThrow(ClientClassNotFoundError);
  });
});
