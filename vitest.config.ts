import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Resolve packages to their CommonJS builds in vitest's own process (where the global setup runs): pushing
  // the AWS SDK's ESM build through Vite's transform there costs seconds per run for no benefit.
  environments: { __vitest__: { resolve: { mainFields: ['main'] } } },
  test: {
    include: ['test/**/*.test.ts'],
    // One pair of local engines (dynalite, s3rver) for the whole run, created from the synthesized template.
    globalSetup: ['test/setup/local-engines.global.ts'],
    environment: 'node',
    // Synth-heavy and engine-backed files need more than the 5 s default.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    env: {
      // aws-cdk-lib's built-in CloudFormation validation plugin costs seconds per process; cdk-nag runs instead.
      CDK_VALIDATION: 'false',
    },
    coverage: {
      provider: 'v8',
      include: ['functions/**', 'lib/**', 'workflows/**', 'sandbox/**', 'cli/**'],
    },
  },
});
