import { Duration } from 'aws-cdk-lib';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { Schedule } from 'aws-cdk-lib/aws-scheduler';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import {
  Errors,
  JsonPath,
  Map as MapState,
  type StateMachine,
  Succeed,
  TaskInput,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { createDailyStartSchedule } from './daily-start-schedule.js';
import { createHouseStateMachine } from './house-state-machine.js';
import { addHouseRetry, alarmThenFail } from './task-policies.js';

export interface ScheduleAuditsFunctions {
  readonly planSchedulingWindow: IFunction;
  readonly planEnrollmentShard: IFunction;
  readonly advancePlanningWatermark: IFunction;
}

export interface ScheduleAuditsWorkflowProps {
  readonly stateMachineName: string;
  readonly functions: ScheduleAuditsFunctions;
  readonly alarmTopic: ITopic;
  readonly logKey: IKey;
  /** IANA zone of the daily run's 06:00. */
  readonly timeZone: string;
}

export const SCHEDULING_TIMEOUT = Duration.hours(2);

/**
 * Daily planning: the window since the last successful run → every enrollment shard planned in parallel
 * (each creates its audits idempotently and starts their lifecycles, named by audit id) → the watermark
 * moves to the window's end. A failed run leaves the watermark where it was, so the next run's window
 * covers the missed days too.
 */
export class ScheduleAuditsWorkflow extends Construct {
  readonly stateMachine: StateMachine;
  readonly schedule: Schedule;
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: ScheduleAuditsWorkflowProps) {
    super(scope, id);
    const { functions } = props;
    const failurePath = alarmThenFail(
      this,
      'Scheduling',
      props.alarmTopic,
      'Audit scheduling failed',
      'A scheduling step failed past its retries',
    );

    const planWindow = new LambdaInvoke(this, 'Plan Window', {
      lambdaFunction: functions.planSchedulingWindow,
      payload: TaskInput.fromObject({}),
      resultSelector: { 'from.$': '$.Payload.from', 'to.$': '$.Payload.to', 'shards.$': '$.Payload.shards' },
      resultPath: '$.window',
      retryOnServiceExceptions: false,
    });
    const planShard = new LambdaInvoke(this, 'Plan Shard', {
      lambdaFunction: functions.planEnrollmentShard,
      payload: TaskInput.fromJsonPathAt('$'),
      resultSelector: {
        'shard.$': '$.Payload.shard',
        'planned.$': '$.Payload.planned',
        'created.$': '$.Payload.created',
      },
      retryOnServiceExceptions: false,
    });
    const planShards = new MapState(this, 'Plan Shards', {
      itemsPath: '$.window.shards',
      maxConcurrency: 8,
      itemSelector: {
        window: { 'from.$': '$.window.from', 'to.$': '$.window.to' },
        'shard.$': '$$.Map.Item.Value',
      },
      resultPath: '$.shards',
    }).itemProcessor(planShard);
    const advance = new LambdaInvoke(this, 'Advance Watermark', {
      lambdaFunction: functions.advancePlanningWatermark,
      payload: TaskInput.fromObject({ to: JsonPath.stringAt('$.window.to') }),
      resultPath: JsonPath.DISCARD,
      retryOnServiceExceptions: false,
    });
    for (const task of [planWindow, planShard, advance]) addHouseRetry(task);
    for (const state of [planWindow, planShards, advance]) {
      state.addCatch(failurePath.startState, { errors: [Errors.ALL], resultPath: '$.failure' });
    }

    const definition = planWindow.next(planShards).next(advance).next(new Succeed(this, 'Planned'));
    this.stateMachine = createHouseStateMachine(this, {
      stateMachineName: props.stateMachineName,
      definition,
      timeout: SCHEDULING_TIMEOUT,
      logKey: props.logKey,
      invokedFunctions: Object.values(functions),
    });

    ({ schedule: this.schedule, deadLetterQueue: this.deadLetterQueue } = createDailyStartSchedule(this, {
      stateMachine: this.stateMachine,
      hour: 6,
      timeZone: props.timeZone,
      description: 'Plans the day’s audits every morning',
      roleDescription: 'Starts the daily scheduling run',
      logKey: props.logKey,
    }));
  }
}
