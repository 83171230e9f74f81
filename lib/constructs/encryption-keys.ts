import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

/**
 * Customer-managed keys, split by what they protect:
 * - `dataKey` encrypts what may hold criminal-justice information: the audit table and the evidence bucket.
 *   Only the functions that handle evidence or audit records are granted it.
 * - `operationsKey` encrypts operational plumbing: log groups, the alarm topic, dead-letter queues.
 * Both rotate yearly (CJIS SC-12/SC-13 ask for managed, rotated keys) and are retained on stack deletion,
 * since destroying a key destroys every record encrypted with it.
 */
export class EncryptionKeys extends Construct {
  readonly dataKey: Key;
  readonly operationsKey: Key;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.dataKey = new Key(this, 'DataKey', {
      description: 'CLETS audit: audit records and evidence',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.operationsKey = new Key(this, 'OperationsKey', {
      description: 'CLETS audit: logs, alarm topic and dead-letter queues',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // CloudWatch Logs encrypts log groups with the key itself, so its regional principal needs use of it.
    this.operationsKey.grantEncryptDecrypt(
      new ServicePrincipal(`logs.${Stack.of(this).region}.amazonaws.com`),
    );
  }
}
