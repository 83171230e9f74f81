/**
 * Names of the environment variables the infrastructure injects into functions. The CDK function
 * construct writes them and each handler's config module reads them, both through these constants.
 */
export const environmentNames = {
  stage: 'STAGE',
  tableName: 'TABLE_NAME',
  evidenceBucket: 'EVIDENCE_BUCKET',
  /** The evidence CMK's ARN, pinned in upload POST policies (functions that presign uploads). */
  evidenceKeyArn: 'EVIDENCE_KEY_ARN',
  alarmTopicArn: 'ALARM_TOPIC_ARN',
  timeZone: 'DEFAULT_TIME_ZONE',
  adminEmails: 'ADMIN_EMAILS',
  uploadLinkLifetimeDays: 'UPLOAD_LINK_LIFETIME_DAYS',
  maxUploadBytes: 'MAX_UPLOAD_BYTES',
  /** Days to remediate a finding, by severity: critical,high,medium,low (e.g. 15,30,60,90). */
  remediationDays: 'REMEDIATION_DAYS',
  publicBaseUrl: 'PUBLIC_BASE_URL',
  senderAddress: 'SENDER_ADDRESS',
  sesConfigurationSet: 'SES_CONFIGURATION_SET',
  lifecycleStateMachineArn: 'LIFECYCLE_STATE_MACHINE_ARN',
  scheduleStateMachineArn: 'SCHEDULE_STATE_MACHINE_ARN',
} as const;

export type EnvironmentName = (typeof environmentNames)[keyof typeof environmentNames];
