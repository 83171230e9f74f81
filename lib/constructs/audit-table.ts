import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import { BackupPlan, BackupPlanRule, BackupResource, BackupVault } from 'aws-cdk-lib/aws-backup';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { type KeyAttribute, tableDesign } from '../../functions/adapters/dynamodb/table-design.js';

const attributeType = (key: KeyAttribute) => ({
  name: key.name,
  type: key.type === 'S' ? AttributeType.STRING : AttributeType.NUMBER,
});

export interface AuditTableProps {
  readonly encryptionKey: IKey;
}

/**
 * The single audit table, built from the shared table design. Point-in-time recovery covers mistakes of
 * the last 35 days; an AWS Backup plan keeps monthly recovery points for a year beyond that, since the
 * audit trail must outlive a three-year audit cycle's worth of questions.
 */
export class AuditTable extends Construct {
  readonly table: Table;

  constructor(scope: Construct, id: string, props: AuditTableProps) {
    super(scope, id);
    this.table = new Table(this, 'Table', {
      partitionKey: attributeType(tableDesign.partitionKey),
      sortKey: attributeType(tableDesign.sortKey),
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      encryption: TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: props.encryptionKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const index of Object.values(tableDesign.indexes)) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: attributeType(index.partitionKey),
        sortKey: attributeType(index.sortKey),
        projectionType: ProjectionType.ALL,
      });
    }

    const vault = new BackupVault(this, 'BackupVault', {
      encryptionKey: props.encryptionKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const plan = new BackupPlan(this, 'BackupPlan', {
      backupVault: vault,
      backupPlanRules: [BackupPlanRule.daily(), BackupPlanRule.monthly1Year()],
    });
    const selection = plan.addSelection('AuditTable', {
      resources: [BackupResource.fromDynamoDbTable(this.table)],
    });
    Validations.of(selection).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
      reason:
        'The AWS Backup service role needs the AWS-maintained backup policy: it tracks every service Backup supports and is scoped by the selection to this table.',
    });
  }
}
