import { Duration } from 'aws-cdk-lib';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import {
  Choice,
  Condition,
  Errors,
  IntegrationPattern,
  JsonPath,
  Pass,
  Result,
  type StateMachine,
  Succeed,
  TaskInput,
  Timeout,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { FOLLOW_UP_FIELD, workflowErrors } from '../functions/adapters/runtime/workflow-client.js';
import { LIFECYCLE_EXECUTION_DAYS } from '../functions/domain/lifecycle/remediation-phase.js';
import { createHouseStateMachine } from './house-state-machine.js';
import { addHouseRetry, alarmThenFail } from './task-policies.js';

export interface AuditLifecycleFunctions {
  readonly openAudit: IFunction;
  readonly planNextNotice: IFunction;
  readonly waitForEvidence: IFunction;
  readonly recordNoticesDue: IFunction;
  readonly startReview: IFunction;
  readonly waitForReview: IFunction;
  readonly startRemediation: IFunction;
  readonly planRemediationNotice: IFunction;
  readonly waitForRemediation: IFunction;
  readonly recordRemediationNoticesDue: IFunction;
  readonly continueInFollowUp: IFunction;
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
export const LIFECYCLE_TIMEOUT = Duration.days(LIFECYCLE_EXECUTION_DAYS);
/** How long a review may take before the workflow gives up and alerts. */
export const REVIEW_TIMEOUT = Duration.days(120);

/**
 * One execution per audit, named by the audit id: open → notify → wait for evidence (a callback task whose
 * timeout is the next notice time: on timeout the notices due are recorded and it waits again) → review
 * (a callback task) → remediation when there are findings (a callback task whose timeout is the next task
 * notice, the same way) → close. Remediation that would outlast the execution's time limit (or grow its history
 * too long) hands over to a follow-up execution, whose input carries `followUp` and which starts at the
 * remediation loop. An administrator's cancellation fails the waiting task with AuditCancelled, which ends the
 * run cleanly; any other failure past the retries marks the audit failed and alerts.
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
      options: { resultPath?: string; resultSelector?: Record<string, unknown>; payload?: TaskInput } = {},
    ) => {
      const task = new LambdaInvoke(this, name, {
        lambdaFunction,
        payload: options.payload ?? auditPayload,
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
    const startRemediation = step('Start Remediation', functions.startRemediation, {
      resultPath: '$.remediation',
      resultSelector: { 'required.$': '$.Payload.remediation' },
    });
    const resetLoops = new Pass(this, 'Count Remediation Loops', {
      comment: 'Each execution counts its own remediation loops, to hand over before its history grows long.',
      result: Result.fromObject({ loops: 0 }),
      resultPath: '$.remediationPlan',
    });
    const planRemediationNotice = step('Plan Remediation Notice', functions.planRemediationNotice, {
      payload: TaskInput.fromObject({
        auditId: JsonPath.stringAt('$.auditId'),
        executionName: JsonPath.stringAt('$$.Execution.Name'),
        loops: JsonPath.numberAt('$.remediationPlan.loops'),
      }),
      resultSelector: {
        'waitSeconds.$': '$.Payload.waitSeconds',
        'handOff.$': '$.Payload.handOff',
        'loops.$': '$.Payload.loops',
      },
      resultPath: '$.remediationPlan',
    });
    const waitForRemediation = callback(
      'Wait For Remediation',
      functions.waitForRemediation,
      Timeout.at('$.remediationPlan.waitSeconds'),
    );
    const recordRemediationNoticesDue = step(
      'Record Remediation Notices Due',
      functions.recordRemediationNoticesDue,
    );
    const continueInFollowUp = step('Continue In Follow-up', functions.continueInFollowUp, {
      payload: TaskInput.fromObject({
        auditId: JsonPath.stringAt('$.auditId'),
        executionName: JsonPath.stringAt('$$.Execution.Name'),
      }),
    });
    const handedOver = new Succeed(this, 'Continued In Follow-up', {
      comment: 'The remediation phase goes on in a follow-up execution of this state machine.',
    });
    const closeAudit = step('Close Audit', functions.closeAudit);
    const closed = new Succeed(this, 'Closed');

    // A timeout of the evidence wait is the notice clock ticking, not a failure.
    waitForEvidence.addCatch(recordNoticesDue, { errors: [Errors.TIMEOUT], resultPath: JsonPath.DISCARD });
    // Likewise the remediation wait's: the tasks' notices are due.
    waitForRemediation.addCatch(recordRemediationNoticesDue, {
      errors: [Errors.TIMEOUT],
      resultPath: JsonPath.DISCARD,
    });
    for (const wait of [waitForEvidence, waitForReview, waitForRemediation]) {
      wait.addCatch(cancelled, { errors: [workflowErrors.auditCancelled], resultPath: JsonPath.DISCARD });
      wait.addCatch(markFailed, { errors: [Errors.ALL], resultPath: '$.failure' });
    }
    recordNoticesDue.next(planNextNotice);
    recordRemediationNoticesDue.next(planRemediationNotice);

    // With no notice left, plan-next-notice returns the idle re-check interval: the same wait applies.
    openAudit.next(planNextNotice).next(waitForEvidence);
    waitForEvidence.next(startReview).next(waitForReview).next(startRemediation);
    startRemediation.next(
      new Choice(this, 'Findings To Remediate?')
        .when(Condition.booleanEquals('$.remediation.required', true), resetLoops)
        .otherwise(closeAudit),
    );
    resetLoops.next(planRemediationNotice);
    planRemediationNotice.next(
      new Choice(this, 'Hand Over?')
        .when(Condition.booleanEquals('$.remediationPlan.handOff', true), continueInFollowUp)
        .otherwise(waitForRemediation),
    );
    continueInFollowUp.next(handedOver);
    waitForRemediation.next(closeAudit);
    closeAudit.next(closed);

    // A follow-up execution (its input carries followUp) starts at the remediation loop.
    const definition = new Choice(this, 'Follow-up Execution?')
      .when(Condition.isPresent(`$.${FOLLOW_UP_FIELD}`), resetLoops)
      .otherwise(openAudit);

    this.stateMachine = createHouseStateMachine(this, {
      stateMachineName: props.stateMachineName,
      definition,
      timeout: LIFECYCLE_TIMEOUT,
      logKey: props.logKey,
      invokedFunctions: Object.values(functions),
    });
  }
}
