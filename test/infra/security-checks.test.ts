import { AwsSolutionsChecks, NIST80053R5Checks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { synthesizeStack } from '../support/synthesize.js';

describe('Security checks: cdk-nag', () => {
  const { stack } = synthesizeStack();

  it.each([
    ['AwsSolutions', () => new AwsSolutionsChecks()],
    ['NIST.800.53.R5', () => new NIST80053R5Checks()],
  ])('finds no unacknowledged %s violation in the stack', (_pack, createPack) => {
    // Act
    const report = createPack().validateScope(stack);
    // Assess: list them, so a failure says what to fix or acknowledge
    const violations = report.violations.map(
      (violation) =>
        `${violation.ruleName}: ${violation.violatingResources.map((resource) => (resource as { constructPath?: string }).constructPath ?? resource.resourceLogicalId).join(', ')}`,
    );
    expect(violations).toEqual([]);
  });
});

describe('Security checks: the packs can fail', () => {
  it('reports a bucket without TLS enforcement or access logs', async () => {
    // Prepare: a deliberately weak stack, so a green result above is not a check that cannot fail
    const { App, Stack } = await import('aws-cdk-lib');
    const { Bucket } = await import('aws-cdk-lib/aws-s3');
    const weak = new Stack(new App(), 'Weak');
    new Bucket(weak, 'Loose');
    // Act
    const report = new AwsSolutionsChecks().validateScope(weak);
    // Assess
    expect(report.violations.map((violation) => violation.ruleName)).toEqual(
      expect.arrayContaining(['AwsSolutions-S1', 'AwsSolutions-S10']),
    );
  });
});
