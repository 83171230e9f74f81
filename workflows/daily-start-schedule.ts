import { Duration, TimeZone, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Schedule, ScheduleExpression, ScheduleTargetInput, TimeWindow } from 'aws-cdk-lib/aws-scheduler';
import { StepFunctionsStartExecution } from 'aws-cdk-lib/aws-scheduler-targets';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';

export interface DailyStartScheduleProps {
  readonly stateMachine: IStateMachine;
  /** Local wall time of the daily start, in `timeZone`. */
  readonly hour: number;
  readonly timeZone: string;
  /** What the schedule does, for its description and its role's. */
  readonly description: string;
  readonly roleDescription: string;
  /** Encrypts the dead-letter queue (the operations key). */
  readonly logKey: IKey;
}

export interface DailyStartSchedule {
  readonly schedule: Schedule;
  readonly deadLetterQueue: Queue;
}

/**
 * The house daily start of a workflow: EventBridge Scheduler at a local wall time (a schedule time zone, so DST
 * moves the UTC instant, not the local time), within a 15-minute flexible window, three delivery retries over
 * at most two hours, then an encrypted dead-letter queue. Created in the workflow's own construct, with the
 * same ids in each, so both daily workflows get the same shape.
 */
export function createDailyStartSchedule(
  scope: Construct,
  props: DailyStartScheduleProps,
): DailyStartSchedule {
  const deadLetterQueue = new Queue(scope, 'ScheduleDeadLetters', {
    encryption: QueueEncryption.KMS,
    encryptionMasterKey: props.logKey,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  Validations.of(deadLetterQueue).acknowledge({
    id: 'AwsSolutions-SQS3',
    reason:
      'This queue is the dead-letter queue of the daily schedule’s target; a dead-letter queue needs none of its own.',
  });
  // Our own role for the schedule's target, so its (inline, start-this-machine-only) policy is ours to vouch for.
  const schedulerRole = new Role(scope, 'SchedulerRole', {
    assumedBy: new ServicePrincipal('scheduler.amazonaws.com'),
    description: props.roleDescription,
  });
  Validations.of(schedulerRole).acknowledge({
    id: 'NIST.800.53.R5-IAMNoInlinePolicy',
    reason:
      'The scheduler role’s inline policy allows only starting this state machine and writing to its dead-letter queue.',
  });
  const schedule = new Schedule(scope, 'Daily', {
    description: props.description,
    schedule: ScheduleExpression.cron({
      minute: '0',
      hour: String(props.hour),
      timeZone: TimeZone.of(props.timeZone),
    }),
    timeWindow: TimeWindow.flexible(Duration.minutes(15)),
    target: new StepFunctionsStartExecution(props.stateMachine, {
      input: ScheduleTargetInput.fromObject({ trigger: 'daily' }),
      role: schedulerRole,
      deadLetterQueue,
      retryAttempts: 3,
      maxEventAge: Duration.hours(2),
    }),
  });
  return { schedule, deadLetterQueue };
}
