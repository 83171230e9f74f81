import { ArnFormat, Stack } from 'aws-cdk-lib';
import type { Construct } from 'constructs';

/**
 * State machines get fixed names, so their ARNs can be written before they exist. Functions that start or
 * answer them are told the ARN through the environment; referencing the state machine itself would make
 * a cycle (the state machine's definition already references those functions).
 */
export const stateMachineNames = (stage: string) => ({
  auditLifecycle: `CletsAudit-${stage}-AuditLifecycle`,
  scheduleAudits: `CletsAudit-${stage}-ScheduleAudits`,
  dailyDigest: `CletsAudit-${stage}-DailyDigest`,
});

export function stateMachineArnFor(scope: Construct, name: string): string {
  return Stack.of(scope).formatArn({
    service: 'states',
    resource: 'stateMachine',
    resourceName: name,
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });
}
