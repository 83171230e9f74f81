import { Duration } from 'aws-cdk-lib';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { Schedule } from 'aws-cdk-lib/aws-scheduler';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Errors, type StateMachine, Succeed, TaskInput } from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { createDailyStartSchedule } from './daily-start-schedule.js';
import { createHouseStateMachine } from './house-state-machine.js';
import { addHouseRetry, alarmThenFail } from './task-policies.js';

export interface DailyDigestWorkflowProps {
  readonly stateMachineName: string;
  readonly sendDailyDigest: IFunction;
  readonly alarmTopic: ITopic;
  readonly logKey: IKey;
  /** IANA zone of the daily run's 07:00. */
  readonly timeZone: string;
}

/** The digest goes out at 07:00 local, an hour after the 06:00 scheduling run has opened the day's audits. */
export const DIGEST_HOUR = 7;
export const DIGEST_TIMEOUT = Duration.minutes(30);

/**
 * The administrators' daily digest: one task reads the open work from the due index, composes the digest and
 * sends it once for the day (the notice is recorded under the day, so a retried task does not send twice).
 * A failure past the task's retries alerts the alarm topic and fails the run.
 */
export class DailyDigestWorkflow extends Construct {
  readonly stateMachine: StateMachine;
  readonly schedule: Schedule;
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: DailyDigestWorkflowProps) {
    super(scope, id);
    const failurePath = alarmThenFail(
      this,
      'Digest',
      props.alarmTopic,
      'Daily digest failed',
      'Sending the daily digest failed past its retries',
    );
    const send = new LambdaInvoke(this, 'Send Digest', {
      lambdaFunction: props.sendDailyDigest,
      payload: TaskInput.fromObject({}),
      resultSelector: {
        'date.$': '$.Payload.date',
        'sent.$': '$.Payload.sent',
        'openItems.$': '$.Payload.openItems',
        'itemsRead.$': '$.Payload.itemsRead.total',
      },
      resultPath: '$.digest',
      retryOnServiceExceptions: false,
    });
    addHouseRetry(send);
    send.addCatch(failurePath.startState, { errors: [Errors.ALL], resultPath: '$.failure' });

    this.stateMachine = createHouseStateMachine(this, {
      stateMachineName: props.stateMachineName,
      definition: send.next(new Succeed(this, 'Digest Done')),
      timeout: DIGEST_TIMEOUT,
      logKey: props.logKey,
      invokedFunctions: [props.sendDailyDigest],
    });
    ({ schedule: this.schedule, deadLetterQueue: this.deadLetterQueue } = createDailyStartSchedule(this, {
      stateMachine: this.stateMachine,
      hour: DIGEST_HOUR,
      timeZone: props.timeZone,
      description: 'Sends the administrators’ daily digest every morning',
      roleDescription: 'Starts the daily digest run',
      logKey: props.logKey,
    }));
  }
}
