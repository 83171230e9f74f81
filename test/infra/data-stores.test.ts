import { readFileSync } from 'node:fs';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Key } from 'aws-cdk-lib/aws-kms';
import { beforeAll, describe, expect, it } from 'vitest';
import { tableDesign } from '../../functions/adapters/dynamodb/table-design.js';
import { EvidenceBucket } from '../../lib/constructs/evidence-bucket.js';
import { projectPaths } from '../../lib/project-paths.js';
import { synthesizeStack } from '../support/synthesize.js';

let template: Template;
beforeAll(() => {
  ({ template } = synthesizeStack({
    evidenceRetentionYears: 5,
    uploadOrigin: 'https://audits.agency.ca.gov',
  }));
});

describe('Construct: EncryptionKeys', () => {
  it('creates two customer-managed keys, both rotating and retained', () => {
    template.resourceCountIs('AWS::KMS::Key', 2);
    const keys = template.findResources('AWS::KMS::Key');
    for (const key of Object.values(keys)) {
      expect(key.Properties.EnableKeyRotation).toBe(true);
      expect(key.DeletionPolicy).toBe('Retain');
    }
  });
});

describe('Construct: AuditTable', () => {
  it('is on-demand, with point-in-time recovery and deletion protection, encrypted with a customer key', () => {
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        DeletionProtectionEnabled: true,
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: Match.anyValue() },
      }),
    });
  });

  it('takes its keys and indexes from the shared table design', () => {
    const table = Object.values(template.findResources('AWS::DynamoDB::Table'))[0];
    expect(table?.Properties.KeySchema).toEqual([
      { AttributeName: tableDesign.partitionKey.name, KeyType: 'HASH' },
      { AttributeName: tableDesign.sortKey.name, KeyType: 'RANGE' },
    ]);
    const indexes = table?.Properties.GlobalSecondaryIndexes as { IndexName: string; KeySchema: unknown }[];
    expect(indexes.map((index) => index.IndexName).sort()).toEqual(
      Object.values(tableDesign.indexes)
        .map((index) => index.indexName)
        .sort(),
    );
    const due = indexes.find((index) => index.IndexName === tableDesign.indexes.due.indexName);
    expect(due?.KeySchema).toEqual([
      { AttributeName: 'dueShard', KeyType: 'HASH' },
      { AttributeName: 'dueAt', KeyType: 'RANGE' },
    ]);
  });

  it('is in an AWS Backup plan with an encrypted, retained vault', () => {
    template.resourceCountIs('AWS::Backup::BackupPlan', 1);
    template.hasResource('AWS::Backup::BackupVault', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({ EncryptionKeyArn: Match.anyValue() }),
    });
    const [tableId] = Object.keys(template.findResources('AWS::DynamoDB::Table'));
    const selection = Object.values(template.findResources('AWS::Backup::BackupSelection'))[0];
    expect(JSON.stringify(selection?.Properties.BackupSelection.Resources)).toContain(tableId);
  });
});

describe('Construct: EvidenceBucket', () => {
  const evidenceBucket = () => {
    const buckets = template.findResources('AWS::S3::Bucket', { Properties: { ObjectLockEnabled: true } });
    const entries = Object.entries(buckets);
    expect(entries).toHaveLength(1);
    return entries[0] as [string, { Properties: Record<string, unknown>; DeletionPolicy: string }];
  };

  it('locks every object version in compliance mode for the configured years', () => {
    const [, bucket] = evidenceBucket();
    expect(bucket.Properties.ObjectLockConfiguration).toEqual({
      ObjectLockEnabled: 'Enabled',
      Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 5 * 365 } },
    });
    expect(bucket.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(bucket.DeletionPolicy).toBe('Retain');
  });

  it('encrypts with the customer key and a bucket key, and blocks all public access', () => {
    const [, bucket] = evidenceBucket();
    expect(bucket.Properties.BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [
        {
          BucketKeyEnabled: true,
          ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: expect.anything() },
        },
      ],
    });
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
  });

  it('denies every request that does not use TLS', () => {
    const [logicalId] = evidenceBucket();
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: logicalId },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Action: 's3:*',
            Principal: { AWS: '*' },
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
  });

  it('writes server access logs to a separate, private, TLS-only log bucket', () => {
    const [, bucket] = evidenceBucket();
    const logging = bucket.Properties.LoggingConfiguration as { DestinationBucketName: { Ref: string } };
    const logBucketId = logging.DestinationBucketName.Ref;
    const logBucket = template.findResources('AWS::S3::Bucket')[logBucketId];
    expect(logBucket?.Properties.PublicAccessBlockConfiguration.BlockPublicAcls).toBe(true);
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: logBucketId },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('allows only browser POSTs from the upload page origin', () => {
    const [, bucket] = evidenceBucket();
    expect(bucket.Properties.CorsConfiguration).toEqual({
      CorsRules: [
        expect.objectContaining({
          AllowedMethods: ['POST'],
          AllowedOrigins: ['https://audits.agency.ca.gov'],
        }),
      ],
    });
  });

  it('takes exactly one upload origin, and fails synth without one', () => {
    // Prepare: the construct alone, in a stack of its own, with cdk.json's feature flags
    const { context } = JSON.parse(readFileSync(projectPaths.resolve('cdk.json'), 'utf8')) as {
      context: Record<string, unknown>;
    };
    const standalone = () => {
      const stack = new Stack(new App({ context }), 'EvidenceOnly');
      const evidence = new EvidenceBucket(stack, 'Evidence', {
        encryptionKey: new Key(stack, 'Key'),
        retentionYears: 1,
      });
      return { stack, evidence };
    };
    // Assess: no origin, no synth
    expect(() => Template.fromStack(standalone().stack)).toThrow(/call allowBrowserUploadsFrom/);
    // Assess: a second origin is refused
    const { evidence } = standalone();
    evidence.allowBrowserUploadsFrom('https://audits.agency.ca.gov');
    expect(() => evidence.allowBrowserUploadsFrom('https://other.agency.ca.gov')).toThrow(/exactly one/);
  });

  it('sends object events to EventBridge without a custom-resource function', () => {
    const [, bucket] = evidenceBucket();
    expect(bucket.Properties.NotificationConfiguration).toEqual({
      EventBridgeConfiguration: { EventBridgeEnabled: true },
    });
    template.resourceCountIs('Custom::S3BucketNotifications', 0);
  });
});

describe('Construct: AlarmTopic', () => {
  it('is encrypted with a customer key and subscribes every administrator', () => {
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'cjis-admin@example.gov',
    });
  });
});

describe('Construct: EvidenceIngestTrigger', () => {
  it('sends Object Created events under evidence/ of the evidence bucket to the ingest, with retries and a DLQ', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.s3'],
        'detail-type': ['Object Created'],
        detail: { bucket: { name: [Match.anyValue()] }, object: { key: [{ prefix: 'evidence/' }] } },
      },
      Targets: [
        Match.objectLike({
          RetryPolicy: { MaximumRetryAttempts: 8, MaximumEventAgeInSeconds: 7200 },
          DeadLetterConfig: { Arn: Match.anyValue() },
        }),
      ],
    });
  });
});
