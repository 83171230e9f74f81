import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type CfnBucket,
  HttpMethods,
  ObjectLockRetention,
  ObjectOwnership,
  StorageClass,
} from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export interface EvidenceBucketProps {
  readonly encryptionKey: IKey;
  /** Default Object Lock retention, in years, for every evidence object version. */
  readonly retentionYears: number;
}

/**
 * Where evidence lives. Every object version is locked in compliance mode for the configured years, so
 * nobody, the account root included, can alter or delete evidence before then; versioning keeps every
 * resubmission. Server access logs go to a separate bucket so evidence access can be reviewed.
 */
export class EvidenceBucket extends Construct {
  readonly bucket: Bucket;
  readonly accessLogBucket: Bucket;
  private uploadOrigin: string | undefined;

  constructor(scope: Construct, id: string, props: EvidenceBucketProps) {
    super(scope, id);

    // S3 server access logging can only deliver to a bucket encrypted with S3-managed keys (SSE-S3).
    this.accessLogBucket = new Bucket(this, 'AccessLogs', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [
        {
          id: 'archive-access-logs',
          transitions: [
            { storageClass: StorageClass.GLACIER_INSTANT_RETRIEVAL, transitionAfter: Duration.days(90) },
          ],
          noncurrentVersionExpiration: Duration.days(30),
        },
      ],
    });

    this.bucket = new Bucket(this, 'Evidence', {
      encryption: BucketEncryption.KMS,
      encryptionKey: props.encryptionKey,
      bucketKeyEnabled: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      objectLockEnabled: true,
      objectLockDefaultRetention: ObjectLockRetention.compliance(Duration.days(365 * props.retentionYears)),
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.accessLogBucket,
      serverAccessLogsPrefix: 'evidence/',
      // CORS: one POST-only rule, added by allowBrowserUploadsFrom once the upload page's origin is known.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Object Created events reach EventBridge (and so the ingest function). Set on the bucket resource
    // itself rather than through `eventBridgeEnabled`, which would deploy a custom-resource Lambda to do it.
    (this.bucket.node.defaultChild as CfnBucket).notificationConfiguration = {
      eventBridgeConfiguration: { eventBridgeEnabled: true },
    };

    this.node.addValidation({
      validate: () =>
        this.uploadOrigin === undefined
          ? [
              'The evidence bucket allows no browser upload: call allowBrowserUploadsFrom with the upload page origin.',
            ]
          : [],
    });

    Validations.of(this.accessLogBucket).acknowledge({
      id: 'NIST.800.53.R5-S3DefaultEncryptionKMS',
      reason:
        'S3 server access logs can only be delivered to a bucket encrypted with S3-managed keys (SSE-S3).',
    });
    for (const bucket of [this.bucket, this.accessLogBucket]) {
      Validations.of(bucket).acknowledge({
        id: 'NIST.800.53.R5-S3BucketReplicationEnabled',
        reason:
          'Cross-region replication needs a second-region bucket and key that each operator chooses; integrity is held by versioning and Object Lock in compliance mode.',
      });
    }
  }

  /**
   * Lets browsers on the upload page's origin POST uploads (presigned POSTs) straight to the bucket: POST only,
   * from that one origin. Given after construction because the origin may be the portal API's own endpoint,
   * which exists only once the API does. The origin may be a token (an unresolved endpoint).
   */
  allowBrowserUploadsFrom(origin: string): void {
    if (this.uploadOrigin !== undefined) {
      throw new Error(
        'The evidence bucket already has its upload origin: it allows browser uploads from exactly one, the upload page origin.',
      );
    }
    this.uploadOrigin = origin;
    this.bucket.addCorsRule({
      allowedMethods: [HttpMethods.POST],
      allowedOrigins: [origin],
      exposedHeaders: ['ETag', 'x-amz-version-id'],
      maxAge: 3000,
    });
  }
}
