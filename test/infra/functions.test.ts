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

interface PolicyStatementJson {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, unknown>;
}

/** Every statement of the inline policies attached to a catalog function's role. */
const roleStatements = (name: keyof typeof functionCatalog): PolicyStatementJson[] => {
  const role = stack.getLogicalId(stack.functions[name].role?.node.defaultChild as never);
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((policy) => JSON.stringify(policy.Properties.Roles).includes(`"${role}"`))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as PolicyStatementJson[]);
};
const actionsOf = (statement: PolicyStatementJson) => [statement.Action].flat();
const statementsFor = (name: keyof typeof functionCatalog, service: string) =>
  roleStatements(name).filter((statement) =>
    actionsOf(statement).some((action) => action.startsWith(`${service}:`)),
  );
const allActions = (name: keyof typeof functionCatalog) => roleStatements(name).flatMap(actionsOf);

/** `<evidence bucket ARN>/evidence/*`, as the template writes it. */
const evidenceObjects = () => ({
  'Fn::Join': [
    '',
    [
      { 'Fn::GetAtt': [stack.getLogicalId(stack.evidence.bucket.node.defaultChild as never), 'Arn'] },
      '/evidence/*',
    ],
  ],
});

/** `<evidence bucket ARN>/reports/*`, as the template writes it. */
const reportObjects = () => ({
  'Fn::Join': [
    '',
    [
      { 'Fn::GetAtt': [stack.getLogicalId(stack.evidence.bucket.node.defaultChild as never), 'Arn'] },
      '/reports/*',
    ],
  ],
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

describe('Evidence and email grants', () => {
  it('lets the agency portal put objects under evidence/ only: no reads, no deletes, no Scan', () => {
    const s3 = statementsFor('AgencyPortal', 's3');
    expect(s3).toEqual([{ Effect: 'Allow', Action: 's3:PutObject', Resource: evidenceObjects() }]);
    const actions = allActions('AgencyPortal');
    for (const action of ['s3:GetObject', 's3:GetObjectVersion', 's3:DeleteObject', 'dynamodb:Scan']) {
      expect(actions).not.toContain(action);
    }
    // SSE-KMS: S3 asks the bucket's key for a data key on the uploader's behalf.
    expect(statementsFor('AgencyPortal', 'kms')).toEqual([
      expect.objectContaining({
        Action: expect.arrayContaining(['kms:GenerateDataKey']),
        Resource: {
          'Fn::GetAtt': [stack.getLogicalId(stack.keys.dataKey.node.defaultChild as never), 'Arn'],
        },
      }),
    ]);
    expect(actions.filter((action) => /^(ses|states):/.test(action))).toEqual([]);
  });

  it('tells only the functions that presign uploads the evidence key ARN', () => {
    const dataKeyArn = {
      'Fn::GetAtt': [stack.getLogicalId(stack.keys.dataKey.node.defaultChild as never), 'Arn'],
    };
    for (const [name, spec] of Object.entries(functionCatalog)) {
      const { Properties } = functionResource(name as keyof typeof functionCatalog);
      const variables = (Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      const access = (spec.access as { evidenceBucket?: string }).evidenceBucket;
      if (access === 'write' || access === 'readWrite')
        expect(variables.EVIDENCE_KEY_ARN, name).toEqual(dataKeyArn);
      else expect(variables.EVIDENCE_KEY_ARN, name).toBeUndefined();
    }
  });

  it('lets the admin API read evidence objects under evidence/ only, to presign downloads', () => {
    const s3 = statementsFor('AdminApi', 's3');
    expect(s3).toEqual([
      { Effect: 'Allow', Action: ['s3:GetObject', 's3:GetObjectVersion'], Resource: evidenceObjects() },
      {
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:GetObjectVersion', 's3:PutObject'],
        Resource: reportObjects(),
      },
    ]);
    expect(allActions('AdminApi')).toContain('kms:Decrypt');
  });

  it('lets the ingest and the admin API send email through the sender identity, as the sender address only', () => {
    for (const name of ['IngestEvidence', 'AdminApi'] as const) {
      expect(statementsFor(name, 'ses'), name).toEqual([
        {
          Effect: 'Allow',
          Action: 'ses:SendEmail',
          // With the notices' configuration set and templates (test/infra/notice-templates.test.ts).
          Resource: expect.arrayContaining([
            { 'Fn::Join': ['', expect.arrayContaining([':identity/audit-notices@example.gov'])] },
          ]),
          Condition: { StringEquals: { 'ses:FromAddress': 'audit-notices@example.gov' } },
        },
      ]);
      const { Properties } = functionResource(name);
      expect(
        (Properties.Environment as { Variables: Record<string, unknown> }).Variables.SENDER_ADDRESS,
        name,
      ).toBe('audit-notices@example.gov');
    }
    for (const name of ['AgencyPortal', 'HealthCheck'] as const) {
      expect(statementsFor(name, 'ses'), name).toEqual([]);
    }
  });

  it('lets only the functions that store close-out reports write under reports/, and nothing else there', () => {
    const dataKeyArn = {
      'Fn::GetAtt': [stack.getLogicalId(stack.keys.dataKey.node.defaultChild as never), 'Arn'],
    };
    for (const name of Object.keys(functionCatalog) as (keyof typeof functionCatalog)[]) {
      const onReports = statementsFor(name, 's3').filter(
        (statement) => JSON.stringify(statement.Resource) === JSON.stringify(reportObjects()),
      );
      if (name === 'CloseAudit' || name === 'AdminApi') {
        expect(onReports, name).toEqual([
          {
            Effect: 'Allow',
            Action: ['s3:GetObject', 's3:GetObjectVersion', 's3:PutObject'],
            Resource: reportObjects(),
          },
        ]);
        const kms = statementsFor(name, 'kms').filter(
          (statement) => JSON.stringify(statement.Resource) === JSON.stringify(dataKeyArn),
        );
        const kmsActions = kms.flatMap(actionsOf);
        expect(kmsActions, name).toEqual(expect.arrayContaining(['kms:GenerateDataKey', 'kms:Decrypt']));
        const { Properties } = functionResource(name);
        expect(
          (Properties.Environment as { Variables: Record<string, unknown> }).Variables.EVIDENCE_BUCKET,
          name,
        ).toBeDefined();
      } else {
        expect(onReports, name).toEqual([]);
      }
    }
    // The close step stores reports only: it neither reads nor writes evidence.
    expect(
      statementsFor('CloseAudit', 's3').filter(
        (statement) => JSON.stringify(statement.Resource) === JSON.stringify(evidenceObjects()),
      ),
    ).toEqual([]);
  });

  it('gives no function delete, retention, legal-hold, ACL or bucket-wide object access to evidence', () => {
    for (const name of Object.keys(functionCatalog) as (keyof typeof functionCatalog)[]) {
      for (const statement of statementsFor(name, 's3')) {
        for (const action of actionsOf(statement)) {
          expect(action, name).toMatch(/^s3:(GetObject|GetObjectVersion|PutObject|ListBucket)$/);
        }
        if (!actionsOf(statement).includes('s3:ListBucket')) {
          expect([evidenceObjects(), reportObjects()], name).toContainEqual(statement.Resource);
        }
      }
    }
  });
});
