/**
 * Names of the environment variables the infrastructure injects into functions. The CDK function
 * construct writes them and each handler's config module reads them, both through these constants.
 */
export const environmentNames = {
  stage: 'STAGE',
  tableName: 'TABLE_NAME',
  evidenceBucket: 'EVIDENCE_BUCKET',
  alarmTopicArn: 'ALARM_TOPIC_ARN',
  timeZone: 'DEFAULT_TIME_ZONE',
} as const;

export type EnvironmentName = (typeof environmentNames)[keyof typeof environmentNames];
