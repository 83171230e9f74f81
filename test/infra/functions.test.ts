import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CletsAuditStack } from '../../lib/clets-audit-stack.js';
import { functionCatalog } from '../../lib/function-catalog.js';
import { synthesizeStack } from '../support/synthesize.js';

let stack: CletsAuditStack;
let template: Template;
beforeAll(() => {
  ({ stack, template } = synthesizeStack());
});

const functionResource = (name: keyof typeof functionCatalog) => {
  const logicalId = stack.getLogicalId(stack.functions[name].node.defaultChild as never);
  const resource = template.findResources('AWS::Lambda::Function')[logicalId];
  expect(resource, `function ${name}`).toBeDefined();
  return resource as { Properties: Record<string, unknown> };
};

describe('Construct: HouseFunction', () => {
  it('runs every catalog function on Node.js 24, arm64, with X-Ray and explicit timeout and memory', () => {
    for (const [name, spec] of Object.entries(functionCatalog)) {
      const { Properties } = functionResource(name as keyof typeof functionCatalog);
      expect(Properties).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
        Timeout: spec.timeoutSeconds,
        MemorySize: spec.memorySize,
        Handler: `index.${spec.handlerExport}`,
      });
    }
  });

  it('logs to an encrypted log group kept at least a year, and retained', () => {
    const groups = template.findResources('AWS::Logs::LogGroup');
    expect(Object.keys(groups).length).toBeGreaterThanOrEqual(Object.keys(functionCatalog).length);
    for (const group of Object.values(groups)) {
      expect(group.Properties.RetentionInDays).toBeGreaterThanOrEqual(365);
      expect(group.Properties.KmsKeyId).toBeDefined();
      expect(group.DeletionPolicy).toBe('Retain');
    }
  });

  it('gives no function the AWS managed basic execution policy', () => {
    const roles = template.findResources('AWS::IAM::Role', {
      Properties: { AssumeRolePolicyDocument: Match.objectLike({}) },
    });
    for (const role of Object.values(roles)) {
      expect(JSON.stringify(role.Properties.ManagedPolicyArns ?? [])).not.toContain(
        'AWSLambdaBasicExecutionRole',
      );
    }
  });

  it('grants table access on named indexes only: never Scan, never a wildcard index', () => {
    const policies = JSON.stringify(template.findResources('AWS::IAM::Policy'));
    expect(policies).not.toContain('dynamodb:Scan');
    expect(policies).not.toContain('/index/*');
    expect(policies).toContain('/index/due-index');
  });

  it('gives the health check reads only', () => {
    const role = stack.getLogicalId(stack.functions.HealthCheck.role?.node.defaultChild as never);
    const policy = Object.values(template.findResources('AWS::IAM::Policy')).find((candidate) =>
      JSON.stringify(candidate.Properties.Roles).includes(role),
    );
    const actions = JSON.stringify(policy?.Properties.PolicyDocument);
    expect(actions).toContain('dynamodb:GetItem');
    expect(actions).not.toContain('dynamodb:PutItem');
    expect(actions).not.toContain('states:');
  });

  it('injects the table and bucket names with the grants, and the stage', () => {
    const { Properties } = functionResource('HealthCheck');
    expect(Properties.Environment).toEqual({
      Variables: expect.objectContaining({
        STAGE: 'dev',
        TABLE_NAME: expect.anything(),
        EVIDENCE_BUCKET: expect.anything(),
        NODE_OPTIONS: '--enable-source-maps',
      }),
    });
  });

  it('switches SDK clients to FIPS endpoints when configured', () => {
    const fips = synthesizeStack({ useFipsEndpoints: 'true' });
    const functions = Object.values(fips.template.findResources('AWS::Lambda::Function'));
    expect(functions.length).toBeGreaterThan(0);
    for (const fn of functions) {
      expect(fn.Properties.Environment.Variables.AWS_USE_FIPS_ENDPOINT).toBe('true');
    }
    const { Properties } = functionResource('HealthCheck');
    expect(
      (Properties.Environment as { Variables: Record<string, string> }).Variables.AWS_USE_FIPS_ENDPOINT,
    ).toBeUndefined();
  });
});
