import type { AslDefinition } from '../../../sandbox/workflows/asl-definition.js';

/*
 * Small state machines shaped like the product's (CDK's LambdaInvoke rendering, a callback wait with a
 * timeout loop, a Map over shards, an alarm on the failure path), written by hand so the runner is tested
 * independently of the real workflows.
 */

export const fn = (name: string) => `arn:aws:lambda:us-gov-west-1:123456789012:function:${name}`;

const invoke = (functionName: string, extra: Record<string, unknown> = {}) => ({
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke',
  Parameters: { FunctionName: fn(functionName), 'Payload.$': '$' },
  ...extra,
});

/** One Lambda task, its result selected out of the Invoke envelope as CDK's outputPath would. */
export const singleLambda: AslDefinition = {
  StartAt: 'Add Numbers',
  States: {
    'Add Numbers': {
      ...invoke('Adder'),
      ResultSelector: { 'sum.$': '$.Payload.sum', 'status.$': '$.StatusCode' },
      ResultPath: '$.result',
      End: true,
    },
  },
};

/**
 * The evidence wait: plan the next notice, park on a callback whose timeout comes from the input; a timeout
 * sends a reminder and waits again; a cancellation marks the audit failed and raises an alarm.
 */
export const callbackLoop: AslDefinition = {
  StartAt: 'Plan Next Notice',
  TimeoutSeconds: 300 * 86_400,
  States: {
    'Plan Next Notice': {
      ...invoke('PlanNextNotice'),
      ResultPath: '$.notice',
      OutputPath: '$',
      ResultSelector: { 'waitSeconds.$': '$.Payload.waitSeconds' },
      Next: 'Wait For Evidence',
    },
    'Wait For Evidence': {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Parameters: {
        FunctionName: fn('WaitForEvidence'),
        Payload: { 'taskToken.$': '$$.Task.Token', 'auditId.$': '$.auditId' },
      },
      TimeoutSecondsPath: '$.notice.waitSeconds',
      ResultPath: '$.evidence',
      Catch: [
        { ErrorEquals: ['States.Timeout'], ResultPath: null, Next: 'Send Reminder' },
        { ErrorEquals: ['AuditCancelled'], ResultPath: '$.failure', Next: 'Mark Audit Failed' },
      ],
      Next: 'Close Audit',
    },
    'Send Reminder': { ...invoke('SendReminder'), ResultPath: null, Next: 'Plan Next Notice' },
    'Close Audit': {
      ...invoke('CloseAudit'),
      ResultSelector: { 'closed.$': '$.Payload.closed' },
      ResultPath: '$.close',
      End: true,
    },
    'Mark Audit Failed': { ...invoke('MarkAuditFailed'), ResultPath: null, Next: 'Raise Alarm' },
    'Raise Alarm': {
      Type: 'Task',
      Resource: 'arn:aws:states:::sns:publish',
      Parameters: {
        TopicArn: 'arn:aws:sns:us-gov-west-1:123456789012:Alarms',
        Subject: 'Audit workflow failed',
        'Message.$': "States.Format('Audit {} failed: {}', $.auditId, $.failure.Error)",
      },
      ResultPath: null,
      Next: 'Failed',
    },
    Failed: { Type: 'Fail', Error: 'AuditWorkflowFailed', Cause: 'See the alarm.' },
  },
};

/** A Map over the eight shards, a Choice on each shard's result, and a Retry on a throttled step. */
export const shardedPlanning: AslDefinition = {
  StartAt: 'Plan Window',
  States: {
    'Plan Window': { ...invoke('PlanWindow'), OutputPath: '$.Payload', Next: 'Plan Shards' },
    'Plan Shards': {
      Type: 'Map',
      ItemsPath: '$.shards',
      MaxConcurrency: 4,
      ItemSelector: { 'shard.$': '$$.Map.Item.Value', 'window.$': '$.window' },
      ItemProcessor: {
        ProcessorConfig: { Mode: 'INLINE' },
        StartAt: 'Plan Shard',
        States: {
          'Plan Shard': {
            ...invoke('PlanShard'),
            OutputPath: '$.Payload',
            Retry: [{ ErrorEquals: ['Throttled'], IntervalSeconds: 30, MaxAttempts: 2, BackoffRate: 2 }],
            Next: 'Anything Planned?',
          },
          'Anything Planned?': {
            Type: 'Choice',
            Choices: [{ Variable: '$.planned', NumericGreaterThan: 0, Next: 'Planned' }],
            Default: 'Nothing Planned',
          },
          Planned: { Type: 'Pass', End: true },
          'Nothing Planned': { Type: 'Pass', Result: { shard: 'none' }, End: true },
        },
      },
      ResultPath: '$.shardResults',
      End: true,
    },
  },
};

/** A Wait longer than the execution's own TimeoutSeconds: the execution times out first. */
export const outlivesItsTimeout: AslDefinition = {
  StartAt: 'Wait A Day',
  TimeoutSeconds: 3_600,
  States: {
    'Wait A Day': { Type: 'Wait', Seconds: 86_400, Next: 'Done' },
    Done: { Type: 'Succeed' },
  },
};

/** Waits on the virtual clock: a fixed number of seconds, then until a timestamp from the input. */
export const twoWaits: AslDefinition = {
  StartAt: 'Wait An Hour',
  States: {
    'Wait An Hour': { Type: 'Wait', Seconds: 3_600, Next: 'Wait Until Due' },
    'Wait Until Due': { Type: 'Wait', TimestampPath: '$.dueAt', Next: 'Note The Time' },
    'Note The Time': { ...invoke('NoteTheTime'), OutputPath: '$.Payload', End: true },
  },
};
