import { Duration } from 'aws-cdk-lib';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import {
  Errors,
  IntegrationPattern,
  JsonPath,
  type StateMachine,
  Succeed,
  TaskInput,
  Timeout,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { workflowErrors } from '../functions/adapters/runtime/workflow-client.js';
import { createHouseStateMachine } from './house-state-machine.js';
import { addHouseRetry, alarmThenFail } from './task-policies.js';

export interface AuditLifecycleFunctions {
  readonly openAudit: IFunction;
  readonly planNextNotice: IFunction;
  readonly waitForEvidence: IFunction;
  readonly recordNoticesDue: IFunction;
  readonly startReview: IFunction;
  readonly waitForReview: IFunction;
  readonly closeAudit: IFunction;
  readonly markAuditFailed: IFunction;
}

export interface AuditLifecycleWorkflowProps {
  readonly stateMachineName: string;
  readonly functions: AuditLifecycleFunctions;
  readonly alarmTopic: ITopic;
  readonly logKey: IKey;
}

/**
 * Stays well inside Step Functions' one-year limit; remediation that outlasts it continues in a follow-up
 * execution. Every wait below is bounded, so an execution cannot sit forever.
 */
export const LIFECYCLE_TIMEOUT = Duration.days(300);
/** How long a review may take before the workflow gives up and alerts. */
export const REVIEW_TIMEOUT = Duration.days(120);

/**
 * One execution per audit, named by the audit id: open → notify → wait for evidence (a callback task whose
 * timeout is the next notice time: on timeout the notices due are recorded and it waits again) → review
 * (a callback task) → close. An administrator's cancellation fails the waiting task with AuditCancelled,
 * which ends the run cleanly; any other failure past the retries marks the audit failed and alerts.
 */
export class AuditLifecycleWorkflow extends Construct {
  readonly stateMachine: StateMachine;

  constructor(scope: Construct, id: string, props: AuditLifecycleWorkflowProps) {
    super(scope, id);
    const { functions } = props;
    const auditPayload = TaskInput.fromObject({ auditId: JsonPath.stringAt('$.auditId') });

    const markFailed = new LambdaInvoke(this, 'Mark Audit Failed', {
      lambdaFunction: functions.markAuditFailed,
      payload: TaskInput.fromObject({
        auditId: JsonPath.stringAt('$.auditId'),
        failure: JsonPath.objectAt('$.failure'),
      }),
      resultPath: JsonPath.DISCARD,
      retryOnServiceExceptions: false,
    });
    addHouseRetry(markFailed);
    const failurePath = alarmThenFail(
      this,
      'Lifecycle',
      props.alarmTopic,
      'Audit lifecycle failed',
      'An audit workflow step failed past its retries',
    );
    markFailed.addCatch(failurePath.startState, { errors: [Errors.ALL], resultPath: '$.alarmFailure' });
    markFailed.next(failurePath);

    const cancelled = new Succeed(this, 'Cancelled', { comment: 'An administrator cancelled the audit.' });

    /** A step of this workflow: invoked with the audit id, retried on transient errors, with the two exits. */
    const step = (
      name: string,
      lambdaFunction: IFunction,
      options: { resultPath?: string; resultSelector?: Record<string, unknown> } = {},
    ) => {
      const task = new LambdaInvoke(this, name, {
        lambdaFunction,
        payload: auditPayload,
        resultSelector: options.resultSelector,
        resultPath: options.resultPath ?? JsonPath.DISCARD,
        retryOnServiceExceptions: false,
      });
      addHouseRetry(task);
      task.addCatch(cancelled, { errors: [workflowErrors.auditCancelled], resultPath: JsonPath.DISCARD });
      task.addCatch(markFailed, { errors: [Errors.ALL], resultPath: '$.failure' });
      return task;
    };

    /** A callback step: the handler stores the task token; the workflow waits until someone answers it. */
    const callback = (name: string, lambdaFunction: IFunction, timeout: Timeout) => {
      const task = new LambdaInvoke(this, name, {
        lambdaFunction,
        integrationPattern: IntegrationPattern.WAIT_FOR_TASK_TOKEN,
        payload: TaskInput.fromObject({
          auditId: JsonPath.stringAt('$.auditId'),
          taskToken: JsonPath.taskToken,
        }),
        taskTimeout: timeout,
        resultPath: JsonPath.DISCARD,
        retryOnServiceExceptions: false,
      });
      addHouseRetry(task);
      return task;
    };

    const openAudit = step('Open Audit', functions.openAudit);
    const planNextNotice = step('Plan Next Notice', functions.planNextNotice, {
      resultPath: '$.notice',
      resultSelector: { 'waitSeconds.$': '$.Payload.waitSeconds', 'hasNotice.$': '$.Payload.hasNotice' },
    });
    const waitForEvidence = callback(
      'Wait For Evidence',
      functions.waitForEvidence,
      Timeout.at('$.notice.waitSeconds'),
    );
    const recordNoticesDue = step('Record Notices Due', functions.recordNoticesDue);
    const startReview = step('Start Review', functions.startReview);
    const waitForReview = callback(
      'Wait For Review',
      functions.waitForReview,
      Timeout.duration(REVIEW_TIMEOUT),
    );
    const closeAudit = step('Close Audit', functions.closeAudit);
    const closed = new Succeed(this, 'Closed');

    // A timeout of the evidence wait is the notice clock ticking, not a failure.
    waitForEvidence.addCatch(recordNoticesDue, { errors: [Errors.TIMEOUT], resultPath: JsonPath.DISCARD });
    waitForEvidence.addCatch(cancelled, {
      errors: [workflowErrors.auditCancelled],
      resultPath: JsonPath.DISCARD,
    });
    waitForEvidence.addCatch(markFailed, { errors: [Errors.ALL], resultPath: '$.failure' });
    waitForReview.addCatch(cancelled, {
      errors: [workflowErrors.auditCancelled],
      resultPath: JsonPath.DISCARD,
    });
    waitForReview.addCatch(markFailed, { errors: [Errors.ALL], resultPath: '$.failure' });
    recordNoticesDue.next(planNextNotice);

    // With no notice left, plan-next-notice returns the idle re-check interval: the same wait applies.
    const definition = openAudit.next(planNextNotice).next(waitForEvidence);
    waitForEvidence.next(startReview).next(waitForReview).next(closeAudit).next(closed);

    this.stateMachine = createHouseStateMachine(this, {
      stateMachineName: props.stateMachineName,
      definition,
      timeout: LIFECYCLE_TIMEOUT,
      logKey: props.logKey,
      invokedFunctions: Object.values(functions),
    });
  }
}
