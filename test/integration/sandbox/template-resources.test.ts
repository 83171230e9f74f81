import { describe, expect, it } from 'vitest';
import { TemplateResourceError } from '../../../sandbox/sandbox-errors.js';
import { readSandboxResources } from '../../../sandbox/template-resources.js';

const keySchema = [
  { AttributeName: 'pk', KeyType: 'HASH' },
  { AttributeName: 'sk', KeyType: 'RANGE' },
];

/** A template shaped like a synth's output, with the properties the sandbox reads and some it ignores. */
const template = {
  Resources: {
    Table: {
      Type: 'AWS::DynamoDB::Table',
      Properties: {
        KeySchema: keySchema,
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
        ],
        BillingMode: 'PAY_PER_REQUEST',
        GlobalSecondaryIndexes: [
          { IndexName: 'by-sk', KeySchema: keySchema.slice(1), Projection: { ProjectionType: 'ALL' } },
        ],
        SSESpecification: { SSEEnabled: true, KMSMasterKeyId: { 'Fn::GetAtt': ['Key', 'Arn'] } },
      },
    },
    Bucket: {
      Type: 'AWS::S3::Bucket',
      Properties: {
        ObjectLockEnabled: true,
        CorsConfiguration: {
          CorsRules: [
            {
              AllowedMethods: ['POST'],
              AllowedOrigins: ['https://audits.example.gov'],
              ExposedHeaders: ['ETag'],
              MaxAge: 60,
            },
          ],
        },
      },
    },
  },
};

describe('Function: readSandboxResources', () => {
  it('turns the table key design into CreateTable input and CORS rules into the S3 API shape', () => {
    // Act
    const resources = readSandboxResources(template, { auditTable: 'Table', evidenceBucket: 'Bucket' });

    // Assess
    expect(resources).toEqual({
      auditTable: {
        KeySchema: keySchema,
        AttributeDefinitions: template.Resources.Table.Properties.AttributeDefinitions,
        BillingMode: 'PAY_PER_REQUEST',
        GlobalSecondaryIndexes: template.Resources.Table.Properties.GlobalSecondaryIndexes,
      },
      evidenceBucket: {
        corsRules: [
          {
            AllowedMethods: ['POST'],
            AllowedOrigins: ['https://audits.example.gov'],
            ExposeHeaders: ['ETag'],
            MaxAgeSeconds: 60,
          },
        ],
      },
    });
  });

  it('names the logical id when the resource is missing or of another type', () => {
    expect(() => readSandboxResources(template, { auditTable: 'Bucket', evidenceBucket: 'Bucket' })).toThrow(
      new TemplateResourceError(
        'The synthesized template has no AWS::DynamoDB::Table with logical id Bucket; the sandbox cannot create it locally.',
      ),
    );
  });

  it('refuses a key design that depends on a CloudFormation function, naming the property', () => {
    // Prepare
    const withToken = structuredClone(template) as {
      Resources: Record<string, { Properties: Record<string, unknown> }>;
    };
    (withToken.Resources.Table?.Properties.KeySchema as unknown[])[0] = {
      AttributeName: { Ref: 'KeyName' },
      KeyType: 'HASH',
    };

    // Act
    const read = () => readSandboxResources(withToken, { auditTable: 'Table', evidenceBucket: 'Bucket' });

    // Assess
    expect(read).toThrow(TemplateResourceError);
    expect(read).toThrow(
      /AWS::DynamoDB::Table Table in the synthesized template cannot be created locally \(KeySchema\.0\.AttributeName: /,
    );
  });
});
