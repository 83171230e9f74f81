import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { severityPolicyToList } from '../functions/domain/remediation/severity-policy.js';
import { environmentNames } from '../functions/shared/environment-names.js';
import { AuditLifecycleWorkflow } from '../workflows/audit-lifecycle.js';
import { DailyDigestWorkflow } from '../workflows/daily-digest.js';
import { ScheduleAuditsWorkflow } from '../workflows/schedule-audits.js';
import { stateMachineArnFor, stateMachineNames } from '../workflows/workflow-names.js';
import type { DeploymentConfig } from './config/deployment-config.js';
import { AdminApi } from './constructs/admin-api.js';
import { AgencyPortal } from './constructs/agency-portal.js';
import { AlarmTopic } from './constructs/alarm-topic.js';
import { AuditTable } from './constructs/audit-table.js';
import { DeliveryEventTrigger } from './constructs/delivery-event-trigger.js';
import { EncryptionKeys } from './constructs/encryption-keys.js';
import { EvidenceBucket } from './constructs/evidence-bucket.js';
import { EvidenceIngestTrigger } from './constructs/evidence-ingest-trigger.js';
import { HouseFunction } from './constructs/house-function.js';
import { NoticeTemplates } from './constructs/notice-templates.js';
import { type FunctionName, type FunctionSpec, functionCatalog } from './function-catalog.js';

export interface CletsAuditStackProps extends StackProps {
  readonly config: DeploymentConfig;
}

/** Composes the product's constructs; each concern lives in its own construct under lib/constructs. */
export class CletsAuditStack extends Stack {
  readonly keys: EncryptionKeys;
  readonly auditTable: AuditTable;
  readonly evidence: EvidenceBucket;
  readonly alarms: AlarmTopic;
  readonly noticeTemplates: NoticeTemplates;
  readonly functions: Record<FunctionName, HouseFunction>;
  readonly adminApi: AdminApi;
  readonly agencyPortal: AgencyPortal;
  readonly workflows: {
    readonly auditLifecycle: AuditLifecycleWorkflow;
    readonly scheduleAudits: ScheduleAuditsWorkflow;
    readonly dailyDigest: DailyDigestWorkflow;
  };

  constructor(scope: Construct, id: string, props: CletsAuditStackProps) {
    super(scope, id, props);
    const { config } = props;

    this.keys = new EncryptionKeys(this, 'Keys');
    this.auditTable = new AuditTable(this, 'AuditTable', { encryptionKey: this.keys.dataKey });
    this.evidence = new EvidenceBucket(this, 'EvidenceStore', {
      encryptionKey: this.keys.dataKey,
      retentionYears: config.evidenceRetentionYears,
    });
    this.alarms = new AlarmTopic(this, 'Alarms', {
      encryptionKey: this.keys.operationsKey,
      subscriberEmails: config.adminEmails,
    });
    this.noticeTemplates = new NoticeTemplates(this, 'NoticeTemplates', { stage: config.stage });

    const machineNames = stateMachineNames(config.stage);
    const lifecycleArn = stateMachineArnFor(this, machineNames.auditLifecycle);
    const scheduleArn = stateMachineArnFor(this, machineNames.scheduleAudits);
    const senderIdentityArn = this.formatArn({
      service: 'ses',
      resource: 'identity',
      resourceName: config.senderDomain ?? config.senderAddress,
    });
    // Run-time settings every function may read (functions/adapters/runtime/settings.ts); PUBLIC_BASE_URL is
    // added once the agency portal, whose endpoint it may be, exists.
    const settingsEnvironment = {
      [environmentNames.timeZone]: config.timeZone,
      [environmentNames.adminEmails]: config.adminEmails.join(','),
      [environmentNames.uploadLinkLifetimeDays]: String(config.uploadLinkLifetimeDays),
      [environmentNames.maxUploadBytes]: String(config.maxUploadBytes),
      [environmentNames.remediationDays]: severityPolicyToList(config.remediationDays),
    };

    const functions = {} as Record<FunctionName, HouseFunction>;
    for (const [name, spec] of Object.entries(functionCatalog) as [FunctionName, FunctionSpec][]) {
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
      if (spec.access.reports) fn.useReports(this.evidence.bucket);
      if (spec.access.lifecycle)
        fn.useStateMachine(lifecycleArn, environmentNames.lifecycleStateMachineArn, spec.access.lifecycle);
      if (spec.access.schedule)
        fn.useStateMachine(scheduleArn, environmentNames.scheduleStateMachineArn, ['start']);
      if (spec.access.email) fn.useMail(senderIdentityArn, config.senderAddress, this.noticeTemplates);
      for (const [variable, value] of Object.entries(settingsEnvironment)) fn.addEnvironment(variable, value);
      functions[name] = fn;
    }
    this.functions = functions;

    new EvidenceIngestTrigger(this, 'EvidenceIngest', {
      bucket: this.evidence.bucket,
      ingest: functions.IngestEvidence,
    });
    new DeliveryEventTrigger(this, 'DeliveryEvents', {
      recorder: functions.RecordDeliveryEvent,
      configurationSetName: this.noticeTemplates.configurationSetName,
    });

    this.adminApi = new AdminApi(this, 'AdminHttpApi', {
      handler: functions.AdminApi,
      alarmTopic: this.alarms.topic,
      logKey: this.keys.operationsKey,
      stage: config.stage,
    });

    // The portal comes after the functions (it integrates one of them); its base URL then goes back to every
    // function (links in email point at it) and to the bucket's CORS rule. Both are references to the API, which
    // references neither, so there is no cycle.
    this.agencyPortal = new AgencyPortal(this, 'AgencyPortalHttpApi', {
      handler: functions.AgencyPortal,
      alarmTopic: this.alarms.topic,
      logKey: this.keys.operationsKey,
      stage: config.stage,
      publicOrigin: config.uploadOrigin,
    });
    for (const fn of Object.values(functions)) {
      fn.addEnvironment(environmentNames.publicBaseUrl, this.agencyPortal.baseUrl);
    }
    this.evidence.allowBrowserUploadsFrom(this.agencyPortal.baseUrl);

    this.workflows = {
      auditLifecycle: new AuditLifecycleWorkflow(this, 'AuditLifecycle', {
        stateMachineName: machineNames.auditLifecycle,
        alarmTopic: this.alarms.topic,
        logKey: this.keys.operationsKey,
        functions: {
          openAudit: functions.OpenAudit,
          planNextNotice: functions.PlanNextNotice,
          waitForEvidence: functions.WaitForEvidence,
          recordNoticesDue: functions.RecordNoticesDue,
          startReview: functions.StartReview,
          waitForReview: functions.WaitForReview,
          startRemediation: functions.StartRemediation,
          planRemediationNotice: functions.PlanRemediationNotice,
          waitForRemediation: functions.WaitForRemediation,
          recordRemediationNoticesDue: functions.RecordRemediationNoticesDue,
          continueInFollowUp: functions.ContinueInFollowUp,
          closeAudit: functions.CloseAudit,
          markAuditFailed: functions.MarkAuditFailed,
        },
      }),
      scheduleAudits: new ScheduleAuditsWorkflow(this, 'ScheduleAudits', {
        stateMachineName: machineNames.scheduleAudits,
        alarmTopic: this.alarms.topic,
        logKey: this.keys.operationsKey,
        timeZone: config.timeZone,
        functions: {
          planSchedulingWindow: functions.PlanSchedulingWindow,
          planEnrollmentShard: functions.PlanEnrollmentShard,
          advancePlanningWatermark: functions.AdvancePlanningWatermark,
        },
      }),
      dailyDigest: new DailyDigestWorkflow(this, 'DailyDigest', {
        stateMachineName: machineNames.dailyDigest,
        alarmTopic: this.alarms.topic,
        logKey: this.keys.operationsKey,
        timeZone: config.timeZone,
        sendDailyDigest: functions.SendDailyDigest,
      }),
    };

    new CfnOutput(this, 'TableName', { value: this.auditTable.table.tableName });
    new CfnOutput(this, 'EvidenceBucketName', { value: this.evidence.bucket.bucketName });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarms.topic.topicArn });
    new CfnOutput(this, 'HealthCheckFunctionName', { value: functions.HealthCheck.functionName });
    new CfnOutput(this, 'AuditLifecycleStateMachineArn', {
      value: this.workflows.auditLifecycle.stateMachine.stateMachineArn,
    });
    new CfnOutput(this, 'ScheduleAuditsStateMachineArn', {
      value: this.workflows.scheduleAudits.stateMachine.stateMachineArn,
    });
    new CfnOutput(this, 'DailyDigestStateMachineArn', {
      value: this.workflows.dailyDigest.stateMachine.stateMachineArn,
    });
  }
}
