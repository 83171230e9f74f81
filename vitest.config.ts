import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
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
      include: ['functions/**', 'lib/**', 'workflows/**', 'sandbox/**'],
    },
  },
});
