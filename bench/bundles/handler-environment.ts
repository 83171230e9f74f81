import { type EnvironmentName, environmentNames } from '../../functions/shared/environment-names.js';

/**
 * A plausible value for every variable the infrastructure may inject, because handlers validate their
 * environment at import time and would fail the cold start without it. Keyed by EnvironmentName, so a
 * new name in functions/shared/environment-names.ts fails type-checking here until it gets a value.
 */
const FAKE_INJECTED_VALUES: Record<EnvironmentName, string> = {
  [environmentNames.stage]: 'bench',
  [environmentNames.tableName]: 'bench-audit-table',
  [environmentNames.evidenceBucket]: 'bench-evidence-bucket',
  [environmentNames.evidenceKeyArn]:
    'arn:aws:kms:us-west-2:123456789012:key/0c5d1f2e-3a4b-4c5d-8e9f-0a1b2c3d4e5f',
  [environmentNames.alarmTopicArn]: 'arn:aws:sns:us-west-2:123456789012:bench-alarms',
  [environmentNames.timeZone]: 'America/Los_Angeles',
  [environmentNames.adminEmails]: 'cjis-admin@example.gov',
  [environmentNames.uploadLinkLifetimeDays]: '30',
  [environmentNames.maxUploadBytes]: '104857600',
  [environmentNames.publicBaseUrl]: 'https://audits.example.gov',
  [environmentNames.remediationDays]: '15,30,60,90',
  [environmentNames.senderAddress]: 'audit-notices@example.gov',
  [environmentNames.sesConfigurationSet]: 'bench-configuration-set',
  [environmentNames.lifecycleStateMachineArn]:
    'arn:aws:states:us-west-2:123456789012:stateMachine:bench-lifecycle',
  [environmentNames.scheduleStateMachineArn]:
    'arn:aws:states:us-west-2:123456789012:stateMachine:bench-schedule',
};

/**
 * The whole environment of a load-time probe. Built from scratch rather than inherited, so nothing of the
 * developer's shell changes the figures: no AWS profile or config file lookups, no NODE_COMPILE_CACHE
 * (which would make later runs skip compilation), no tsx loader from NODE_OPTIONS.
 */
export function probeEnvironment(): Record<string, string> {
  return {
    ...FAKE_INJECTED_VALUES,
    AWS_REGION: 'us-west-2',
    AWS_ACCESS_KEY_ID: 'AKIABENCHFAKEKEY0000',
    AWS_SECRET_ACCESS_KEY: 'bench-fake-secret-access-key',
    // As HouseFunction sets it in Lambda: the runtime reads the linked .map when the bundle loads.
    NODE_OPTIONS: '--enable-source-maps',
  };
}
