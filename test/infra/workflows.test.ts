import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CletsAuditStack } from '../../lib/clets-audit-stack.js';
import { resolveDefinitionString } from '../../sandbox/workflows/resolve-definition-string.js';
import { synthesizeStack } from '../support/synthesize.js';

let stack: CletsAuditStack;
let template: Template;
beforeAll(() => {
  ({ stack, template } = synthesizeStack());
});

type AslState = Record<string, unknown> & {
  Type: string;
  Retry?: { ErrorEquals: string[]; JitterStrategy?: string; MaxAttempts: number }[];
  Catch?: { ErrorEquals: string[]; Next: string }[];
};
type Asl = { StartAt: string; TimeoutSeconds?: number; States: Record<string, AslState> };

/** The state machine's definition, resolved the way the sandbox resolves it (function ARNs made local). */
function definitionOf(machine: 'auditLifecycle' | 'scheduleAudits' | 'dailyDigest'): Asl {
  const logicalId = stack.getLogicalId(stack.workflows[machine].stateMachine.node.defaultChild as never);
  const resources = template.toJSON().Resources as Record<
    string,
    { Type: string; Properties?: Record<string, unknown> }
  >;
  const resourceTypes = Object.fromEntries(
    Object.entries(resources).map(([id, resource]) => [id, resource.Type]),
  );
  return resolveDefinitionString(resources[logicalId]?.Properties?.DefinitionString, {
    region: 'us-west-2',
    resourceTypes,
  }) as unknown as Asl;
}

function allStates(asl: Asl): [string, AslState][] {
  return Object.entries(asl.States).flatMap(([name, state]) => [
    [name, state] as [string, AslState],
    ...(state.ItemProcessor ? allStates(state.ItemProcessor as Asl) : []),
  ]);
}

describe('Workflow: audit lifecycle', () => {
  it('logs every execution event to an encrypted log group, without execution data, with X-Ray on', () => {
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineName: 'CletsAudit-dev-AuditLifecycle',
      LoggingConfiguration: Match.objectLike({ Level: 'ALL', IncludeExecutionData: false }),
      TracingConfiguration: { Enabled: true },
    });
  });

  it('has a state machine timeout well under the one-year limit', () => {
    const asl = definitionOf('auditLifecycle');
    expect(asl.TimeoutSeconds).toBeGreaterThan(0);
    expect(asl.TimeoutSeconds).toBeLessThanOrEqual(320 * 86_400);
  });

  it('gives every task a bounded, jittered retry and a catch that leads to the failure path', () => {
    for (const [name, state] of allStates(definitionOf('auditLifecycle')).filter(
      ([, state]) => state.Type === 'Task',
    )) {
      expect(state.Retry, name).toBeDefined();
      for (const retry of state.Retry ?? []) {
        expect(retry.MaxAttempts, name).toBeLessThanOrEqual(6);
        expect(retry.JitterStrategy, name).toBe('FULL');
      }
      expect(
        state.Catch?.some((rule) => rule.ErrorEquals.includes('States.ALL')),
        name,
      ).toBe(true);
    }
  });

  it('waits for evidence as a callback task whose timeout is the next notice, looping through the notices', () => {
    const asl = definitionOf('auditLifecycle');
    const wait = asl.States['Wait For Evidence'];
    expect(wait?.Resource).toContain('lambda:invoke.waitForTaskToken');
    expect(wait?.TimeoutSecondsPath).toBe('$.notice.waitSeconds');
    expect(JSON.stringify(wait?.Parameters)).toContain('$$.Task.Token');
    expect(wait?.Catch?.find((rule) => rule.ErrorEquals.includes('States.Timeout'))?.Next).toBe(
      'Record Notices Due',
    );
    expect(asl.States['Record Notices Due']?.Next).toBe('Plan Next Notice');
  });

  it('moves to remediation after review when there are findings, waiting as a callback task timed by the next task notice', () => {
    const asl = definitionOf('auditLifecycle');
    expect(asl.States['Wait For Review']?.Next).toBe('Start Remediation');
    expect(asl.States['Start Remediation']?.Next).toBe('Findings To Remediate?');
    const choice = asl.States['Findings To Remediate?'] as AslState & {
      Choices: { Variable: string; BooleanEquals: boolean; Next: string }[];
      Default: string;
    };
    expect(choice.Choices).toEqual([
      { Variable: '$.remediation.required', BooleanEquals: true, Next: 'Count Remediation Loops' },
    ]);
    expect(choice.Default).toBe('Close Audit');
    const wait = asl.States['Wait For Remediation'];
    expect(wait?.Resource).toContain('lambda:invoke.waitForTaskToken');
    expect(wait?.TimeoutSecondsPath).toBe('$.remediationPlan.waitSeconds');
    expect(wait?.Catch?.find((rule) => rule.ErrorEquals.includes('States.Timeout'))?.Next).toBe(
      'Record Remediation Notices Due',
    );
    expect(asl.States['Record Remediation Notices Due']?.Next).toBe('Plan Remediation Notice');
    expect(wait?.Next).toBe('Close Audit');
  });

  it('hands long remediation to a follow-up execution, which starts at the remediation loop', () => {
    const asl = definitionOf('auditLifecycle');
    expect(asl.StartAt).toBe('Follow-up Execution?');
    const start = asl.States['Follow-up Execution?'] as AslState & {
      Choices: { Variable: string; IsPresent: boolean; Next: string }[];
      Default: string;
    };
    expect(start.Choices).toEqual([
      { Variable: '$.followUp', IsPresent: true, Next: 'Count Remediation Loops' },
    ]);
    expect(start.Default).toBe('Open Audit');
    expect(JSON.stringify(asl.States['Plan Remediation Notice']?.Parameters)).toContain('$$.Execution.Name');
    const handOver = asl.States['Hand Over?'] as AslState & { Choices: { Next: string }[]; Default: string };
    expect(handOver.Choices.map((rule) => rule.Next)).toEqual(['Continue In Follow-up']);
    expect(handOver.Default).toBe('Wait For Remediation');
    expect(asl.States['Continue In Follow-up']?.Next).toBe('Continued In Follow-up');
    expect(asl.States['Continued In Follow-up']?.Type).toBe('Succeed');
  });

  it('ends cleanly when an administrator cancels', () => {
    const asl = definitionOf('auditLifecycle');
    for (const name of [
      'Open Audit',
      'Wait For Evidence',
      'Wait For Review',
      'Start Remediation',
      'Plan Remediation Notice',
      'Wait For Remediation',
      'Close Audit',
    ]) {
      expect(asl.States[name]?.Catch?.find((rule) => rule.ErrorEquals.includes('AuditCancelled'))?.Next).toBe(
        'Cancelled',
      );
    }
    expect(asl.States.Cancelled?.Type).toBe('Succeed');
  });

  it('marks the audit failed, alerts the alarm topic, then fails', () => {
    const asl = definitionOf('auditLifecycle');
    expect(asl.States['Mark Audit Failed']?.Next).toBe('Lifecycle Alarm');
    expect(asl.States['Lifecycle Alarm']?.Resource).toContain('sns:publish');
    expect(asl.States['Lifecycle Alarm']?.Next).toBe('Lifecycle Failed');
  });
});

describe('Workflow: schedule audits', () => {
  it('plans every enrollment shard in parallel between planning the window and advancing the watermark', () => {
    const asl = definitionOf('scheduleAudits');
    expect(asl.StartAt).toBe('Plan Window');
    expect(asl.States['Plan Window']?.Next).toBe('Plan Shards');
    expect(asl.States['Plan Shards']).toMatchObject({
      Type: 'Map',
      ItemsPath: '$.window.shards',
      MaxConcurrency: 8,
    });
    expect(asl.States['Plan Shards']?.Next).toBe('Advance Watermark');
  });

  it('runs daily at 06:00 Pacific within a flexible window, with retries and a dead-letter queue', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 6 * * ? *)',
      ScheduleExpressionTimezone: 'America/Los_Angeles',
      FlexibleTimeWindow: { Mode: 'FLEXIBLE', MaximumWindowInMinutes: 15 },
      Target: Match.objectLike({
        RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 7200 },
        DeadLetterConfig: { Arn: Match.anyValue() },
      }),
    });
  });
});

describe('Workflow: daily digest', () => {
  it('sends the digest in one retried task whose failure alerts the alarm topic, then fails', () => {
    const asl = definitionOf('dailyDigest');
    expect(asl.StartAt).toBe('Send Digest');
    const send = asl.States['Send Digest'];
    expect(send?.Resource).toContain('lambda:invoke');
    expect(send?.Retry?.every((retry) => retry.JitterStrategy === 'FULL' && retry.MaxAttempts <= 3)).toBe(
      true,
    );
    expect(send?.Retry?.[0]?.ErrorEquals).toEqual(expect.arrayContaining(['VersionConflictError']));
    expect(send?.Catch?.find((rule) => rule.ErrorEquals.includes('States.ALL'))?.Next).toBe('Digest Alarm');
    expect(send?.Next).toBe('Digest Done');
    expect(asl.States['Digest Alarm']?.Resource).toContain('sns:publish');
    expect(asl.States['Digest Alarm']?.Next).toBe('Digest Failed');
    expect(asl.TimeoutSeconds).toBe(1_800);
  });

  it('has a fixed name, logs without execution data and traces', () => {
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineName: 'CletsAudit-dev-DailyDigest',
      LoggingConfiguration: Match.objectLike({ Level: 'ALL', IncludeExecutionData: false }),
      TracingConfiguration: { Enabled: true },
    });
  });

  it('runs daily at 07:00 Pacific, an hour after scheduling, within a flexible window, with retries and a dead-letter queue', () => {
    const digestMachine = stack.getLogicalId(
      stack.workflows.dailyDigest.stateMachine.node.defaultChild as never,
    );
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 7 * * ? *)',
      ScheduleExpressionTimezone: 'America/Los_Angeles',
      FlexibleTimeWindow: { Mode: 'FLEXIBLE', MaximumWindowInMinutes: 15 },
      Target: Match.objectLike({
        Arn: { Ref: digestMachine },
        RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 7200 },
        DeadLetterConfig: { Arn: Match.anyValue() },
      }),
    });
  });

  it('lets the digest function read and write the table and send email as the sender, and nothing else', () => {
    const fn = stack.getLogicalId(stack.functions.SendDailyDigest.node.defaultChild as never);
    expect(template.findResources('AWS::Lambda::Function')[fn]?.Properties).toMatchObject({
      Timeout: 120,
      MemorySize: 1024,
      Environment: { Variables: expect.objectContaining({ ADMIN_EMAILS: 'cjis-admin@example.gov' }) },
    });
    const role = stack.getLogicalId(stack.functions.SendDailyDigest.role?.node.defaultChild as never);
    const policy = Object.values(template.findResources('AWS::IAM::Policy')).find((candidate) =>
      JSON.stringify(candidate.Properties.Roles).includes(role),
    );
    const statements = JSON.stringify(policy?.Properties.PolicyDocument);
    expect(statements).toContain('dynamodb:Query');
    expect(statements).toContain('dynamodb:BatchGetItem');
    expect(statements).toContain('ses:SendEmail');
    expect(statements).not.toContain('states:');
    expect(statements).not.toContain('s3:');
  });
});

describe('Workflow wiring', () => {
  it('tells the planner the lifecycle machine by its fixed-name ARN and lets it start executions only', () => {
    const planner = stack.getLogicalId(stack.functions.PlanEnrollmentShard.node.defaultChild as never);
    const variables =
      template.findResources('AWS::Lambda::Function')[planner]?.Properties.Environment.Variables;
    expect(JSON.stringify(variables.LIFECYCLE_STATE_MACHINE_ARN)).toContain(
      'stateMachine:CletsAudit-dev-AuditLifecycle',
    );
    const role = stack.getLogicalId(stack.functions.PlanEnrollmentShard.role?.node.defaultChild as never);
    const policy = Object.values(template.findResources('AWS::IAM::Policy')).find((candidate) =>
      JSON.stringify(candidate.Properties.Roles).includes(role),
    );
    const statements = JSON.stringify(policy?.Properties.PolicyDocument);
    expect(statements).toContain('states:StartExecution');
    expect(statements).not.toContain('states:SendTaskSuccess');
  });
});
