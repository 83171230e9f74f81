import { type CfnResource, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { type BundlingOptions, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { tableDesign } from '../../functions/adapters/dynamodb/table-design.js';
import { EVIDENCE_KEY_PREFIX, REPORT_KEY_PREFIX } from '../../functions/adapters/s3/evidence-keys.js';
import { environmentNames } from '../../functions/shared/environment-names.js';
import { projectPaths } from '../project-paths.js';
import type { NoticeSending } from './notice-templates.js';

export interface HouseFunctionProps {
  /** Path of the handler module, relative to the project root (e.g. `functions/handlers/health-check.ts`). */
  readonly entry: string;
  /** The exported function Lambda calls. */
  readonly handlerExport: string;
  readonly description: string;
  readonly timeout: Duration;
  readonly memorySize: number;
  /** Asynchronously invoked functions (events, schedules) get an encrypted dead-letter queue. */
  readonly invokedAsynchronously: boolean;
  /** Encrypts the log group and the dead-letter queue. */
  readonly operationsKey: IKey;
  readonly stage: string;
  /** Points every SDK client at FIPS 140 endpoints (GovCloud and FedRAMP deployments). */
  readonly useFipsEndpoints: boolean;
}

export type TableAccess = 'read' | 'readWrite';

export type BucketAccess = 'head' | 'read' | 'write' | 'readWrite';

// Scan is deliberately absent: every access pattern is a GetItem or a Query, and IAM keeps it that way.
const TABLE_READ_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
];
const TABLE_WRITE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];

/** How every function is bundled; the benchmark bundles with the same options, so its figures are the deployed ones. */
export const houseBundlingOptions: BundlingOptions = {
  format: OutputFormat.ESM,
  target: 'node24',
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  mainFields: ['module', 'main'],
  // Bundle the SDK too: the deployed code runs exactly the SDK the tests ran, and tree-shaking keeps it small.
  externalModules: [],
  // Some CommonJS dependencies call require(); give the ESM bundle one.
  banner: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);",
};

/**
 * NodejsFunction with the defaults every function here gets: Node 24 on arm64, a minified ESM bundle with
 * source maps (SDK included, so the deployed code runs the SDK version the tests ran), an encrypted log
 * group kept a year, X-Ray tracing, explicit timeout and memory, and a dead-letter queue when invoked
 * asynchronously. `useTable` / `useBucket` grant access and inject the matching variable in one call, so a
 * function is never told of a resource it may not touch, nor granted one it is not told about.
 */
export class HouseFunction extends NodejsFunction {
  readonly deadLetterQueueOrUndefined: Queue | undefined;

  constructor(scope: Construct, id: string, props: HouseFunctionProps) {
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: RetentionDays.ONE_YEAR,
      encryptionKey: props.operationsKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Our own role instead of AWSLambdaBasicExecutionRole, whose logs:* on every log group is wider than needed.
    const role = new Role(scope, `${id}Role`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${id}`,
    });
    role.addToPolicy(
      new PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [logGroup.logGroupArn],
      }),
    );
    const deadLetterQueue = props.invokedAsynchronously
      ? new Queue(scope, `${id}DeadLetters`, {
          encryption: QueueEncryption.KMS,
          encryptionMasterKey: props.operationsKey,
          enforceSSL: true,
          retentionPeriod: Duration.days(14),
        })
      : undefined;

    super(scope, id, {
      entry: projectPaths.resolve(props.entry),
      handler: props.handlerExport,
      projectRoot: projectPaths.root,
      depsLockFilePath: projectPaths.resolve('package-lock.json'),
      description: props.description,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      timeout: props.timeout,
      memorySize: props.memorySize,
      tracing: Tracing.ACTIVE,
      role,
      logGroup,
      deadLetterQueue,
      environment: {
        [environmentNames.stage]: props.stage,
        NODE_OPTIONS: '--enable-source-maps',
        ...(props.useFipsEndpoints ? { AWS_USE_FIPS_ENDPOINT: 'true' } : {}),
      },
      bundling: houseBundlingOptions,
    });
    this.deadLetterQueueOrUndefined = deadLetterQueue;
    this.acknowledgeHouseDecisions(role, props.invokedAsynchronously);
  }

  /** Grants table access (base table and each declared index, by name) and tells the function the table's name. */
  useTable(table: ITable, access: TableAccess): this {
    const indexArns = Object.values(tableDesign.indexes).map(
      (index) => `${table.tableArn}/index/${index.indexName}`,
    );
    this.addToRolePolicy(
      new PolicyStatement({
        actions: access === 'read' ? TABLE_READ_ACTIONS : [...TABLE_READ_ACTIONS, ...TABLE_WRITE_ACTIONS],
        resources: [table.tableArn, ...indexArns],
      }),
    );
    if (access === 'read') table.encryptionKey?.grantDecrypt(this);
    else {
      table.encryptionKey?.grantEncryptDecrypt(this);
      Validations.of(this.role as Role).acknowledge(
        ...['kms:GenerateDataKey*', 'kms:ReEncrypt*'].map((action) => ({
          id: `AwsSolutions-IAM5[Action::${action}]`,
          reason:
            'Writing to a table encrypted with a customer key takes the KMS data-key actions, granted on that one key only.',
        })),
      );
    }
    this.addEnvironment(environmentNames.tableName, table.tableName);
    return this;
  }

  /**
   * Grants evidence bucket access and tells the function the bucket's name. Object access is confined to the
   * evidence/ prefix and never includes delete, retention, legal-hold, tagging or ACL actions: evidence is
   * written once (Object Lock keeps it) and read, nothing else.
   * - head: s3:ListBucket on the bucket (HeadBucket), no object access;
   * - read: GetObject/GetObjectVersion under evidence/, and kms:Decrypt on the bucket's key;
   * - write: PutObject under evidence/ (what a presigned POST signed by this role may do), and
   *   kms:GenerateDataKey on the bucket's key, which SSE-KMS needs to encrypt a single-request upload; the
   *   function is also told the key's ARN (EVIDENCE_KEY_ARN) to pin in its POST policies;
   * - readWrite: both of the above.
   */
  useBucket(bucket: IBucket, access: BucketAccess): this {
    if (access === 'head') {
      // HeadBucket is authorised by s3:ListBucket on the bucket itself; no object access is given.
      this.addToRolePolicy(
        new PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucket.bucketArn] }),
      );
    } else {
      const objects = bucket.arnForObjects(`${EVIDENCE_KEY_PREFIX}*`);
      const reads = access === 'read' || access === 'readWrite';
      const writes = access === 'write' || access === 'readWrite';
      const actions = [
        ...(reads ? ['s3:GetObject', 's3:GetObjectVersion'] : []),
        ...(writes ? ['s3:PutObject'] : []),
      ];
      this.addToRolePolicy(new PolicyStatement({ actions, resources: [objects] }));
      if (reads) bucket.encryptionKey?.grantDecrypt(this);
      if (writes && bucket.encryptionKey) {
        // Not grantEncrypt: S3 asks KMS for a data key on the uploader's behalf; Encrypt and ReEncrypt are unused.
        bucket.encryptionKey.grant(this, 'kms:GenerateDataKey');
        // Presigned POST policies pin this key, so an upload cannot name another.
        this.addEnvironment(environmentNames.evidenceKeyArn, bucket.encryptionKey.keyArn);
      }
      const bucketId = Stack.of(bucket).getLogicalId(bucket.node.defaultChild as CfnResource);
      Validations.of(this.role as Role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${EVIDENCE_KEY_PREFIX}*]`,
        reason:
          'Every upload gets a fresh key under evidence/<ORI>/<audit>/<request>/, so the evidence prefix is the narrowest resource that covers the objects to verify, download or presign an upload for.',
      });
    }
    this.addEnvironment(environmentNames.evidenceBucket, bucket.bucketName);
    return this;
  }

  /**
   * Lets the function store close-out reports and read them back: PutObject, GetObject and GetObjectVersion
   * under reports/ of the evidence bucket only (never delete, retention, legal-hold or ACL actions; the
   * bucket's default Object Lock retention keeps every report version), kms:GenerateDataKey on the bucket's
   * key to write under SSE-KMS and kms:Decrypt to read, and tells the function the bucket's name.
   */
  useReports(bucket: IBucket): this {
    this.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:GetObject', 's3:GetObjectVersion', 's3:PutObject'],
        resources: [bucket.arnForObjects(`${REPORT_KEY_PREFIX}*`)],
      }),
    );
    if (bucket.encryptionKey) {
      bucket.encryptionKey.grant(this, 'kms:GenerateDataKey');
      bucket.encryptionKey.grantDecrypt(this);
    }
    const bucketId = Stack.of(bucket).getLogicalId(bucket.node.defaultChild as CfnResource);
    Validations.of(this.role as Role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${REPORT_KEY_PREFIX}*]`,
      reason:
        'Each report gets fresh keys under reports/<ORI>/<audit>/<generatedAt>/, so the reports prefix is the narrowest resource that covers the files to store and presign.',
    });
    this.addEnvironment(environmentNames.evidenceBucket, bucket.bucketName);
    return this;
  }

  /**
   * Lets the function start executions of, and/or answer callback tasks of, a state machine known by ARN
   * (an ARN built from the machine's fixed name, which avoids a function ↔ state machine dependency cycle),
   * and tells it the ARN.
   */
  useStateMachine(
    stateMachineArn: string,
    environmentName: string,
    abilities: readonly ('start' | 'respond')[],
  ): this {
    const actions = [
      ...(abilities.includes('start') ? ['states:StartExecution'] : []),
      // Task tokens carry no resource ARN of their own; IAM checks these actions against the state machine.
      ...(abilities.includes('respond')
        ? ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat']
        : []),
    ];
    this.addToRolePolicy(new PolicyStatement({ actions, resources: [stateMachineArn] }));
    this.addEnvironment(environmentName, stateMachineArn);
    return this;
  }

  /**
   * Lets the function send the notice templates through the sender identity, as the sender address only (a
   * domain identity would otherwise allow any address of the domain), with the notices' configuration set,
   * and tells it the sender address and the configuration set. A templated SES v2 SendEmail is authorized
   * against the identity, the configuration set and the template, so the grant names each of them.
   */
  useMail(identityArn: string, senderAddress: string, notices: NoticeSending): this {
    this.addToRolePolicy(
      new PolicyStatement({
        actions: ['ses:SendEmail'],
        resources: [identityArn, notices.configurationSetArn, ...notices.templateArns],
        conditions: { StringEquals: { 'ses:FromAddress': senderAddress } },
      }),
    );
    this.addEnvironment(environmentNames.senderAddress, senderAddress);
    this.addEnvironment(environmentNames.sesConfigurationSet, notices.configurationSetName);
    return this;
  }

  private acknowledgeHouseDecisions(role: Role, invokedAsynchronously: boolean): void {
    Validations.of(role).acknowledge(
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'X-Ray tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions, so CDK grants them on "*".',
      },
      {
        id: 'NIST.800.53.R5-IAMNoInlinePolicy',
        reason:
          "Each function has its own role whose inline policy names only that function's log group, table, indexes, bucket and key; an inline policy lives and dies with its role and cannot be attached elsewhere.",
      },
    );
    Validations.of(this).acknowledge(
      {
        id: 'NIST.800.53.R5-LambdaInsideVPC',
        reason:
          'Functions call only AWS APIs (DynamoDB, S3, SES, Step Functions) over TLS with IAM-signed requests and reach no private network resource; a VPC would add NAT or endpoint cost without narrowing what they can reach.',
      },
      {
        id: 'NIST.800.53.R5-LambdaConcurrency',
        reason:
          'Reserved concurrency fails deployment in accounts whose concurrency quota is still the new-account default of 10; load is bounded by the callers (Step Functions, EventBridge, API throttling).',
      },
    );
    if (!invokedAsynchronously) {
      Validations.of(this).acknowledge({
        id: 'NIST.800.53.R5-LambdaDLQ',
        reason:
          'Invoked synchronously only, so the caller receives every error; a dead-letter queue applies to asynchronous invocations.',
      });
    }
  }
}
