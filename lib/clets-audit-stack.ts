import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { DeploymentConfig } from './config/deployment-config.js';
import { AlarmTopic } from './constructs/alarm-topic.js';
import { AuditTable } from './constructs/audit-table.js';
import { EncryptionKeys } from './constructs/encryption-keys.js';
import { EvidenceBucket } from './constructs/evidence-bucket.js';
import { HouseFunction } from './constructs/house-function.js';
import { type FunctionName, functionCatalog } from './function-catalog.js';

export interface CletsAuditStackProps extends StackProps {
  readonly config: DeploymentConfig;
}

/** Composes the product's constructs; each concern lives in its own construct under lib/constructs. */
export class CletsAuditStack extends Stack {
  readonly keys: EncryptionKeys;
  readonly auditTable: AuditTable;
  readonly evidence: EvidenceBucket;
  readonly alarms: AlarmTopic;
  readonly functions: Record<FunctionName, HouseFunction>;

  constructor(scope: Construct, id: string, props: CletsAuditStackProps) {
    super(scope, id, props);
    const { config } = props;

    this.keys = new EncryptionKeys(this, 'Keys');
    this.auditTable = new AuditTable(this, 'AuditTable', { encryptionKey: this.keys.dataKey });
    this.evidence = new EvidenceBucket(this, 'EvidenceStore', {
      encryptionKey: this.keys.dataKey,
      retentionYears: config.evidenceRetentionYears,
      uploadOrigin: config.uploadOrigin,
    });
    this.alarms = new AlarmTopic(this, 'Alarms', {
      encryptionKey: this.keys.operationsKey,
      subscriberEmails: config.adminEmails,
    });

    const functions = {} as Record<FunctionName, HouseFunction>;
    for (const [name, spec] of Object.entries(functionCatalog) as [
      FunctionName,
      (typeof functionCatalog)[FunctionName],
    ][]) {
      const fn = new HouseFunction(this, name, {
        entry: spec.entry,
        handlerExport: spec.handlerExport,
        description: spec.description,
        timeout: Duration.seconds(spec.timeoutSeconds),
        memorySize: spec.memorySize,
        invokedAsynchronously: spec.invokedAsynchronously,
        operationsKey: this.keys.operationsKey,
        stage: config.stage,
        useFipsEndpoints: config.useFipsEndpoints,
      });
      if (spec.access.table) fn.useTable(this.auditTable.table, spec.access.table);
      if (spec.access.evidenceBucket) fn.useBucket(this.evidence.bucket, spec.access.evidenceBucket);
      functions[name] = fn;
    }
    this.functions = functions;

    new CfnOutput(this, 'TableName', { value: this.auditTable.table.tableName });
    new CfnOutput(this, 'EvidenceBucketName', { value: this.evidence.bucket.bucketName });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarms.topic.topicArn });
    new CfnOutput(this, 'HealthCheckFunctionName', { value: functions.HealthCheck.functionName });
  }
}
