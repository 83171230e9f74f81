import { Duration } from 'aws-cdk-lib';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import {
  type Chain,
  Errors,
  Fail,
  JitterType,
  JsonPath,
  TaskInput,
  type TaskStateBase,
} from 'aws-cdk-lib/aws-stepfunctions';
import { SnsPublish } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type { Construct } from 'constructs';

/**
 * Errors a retry can fix: Lambda's own transient failures, DynamoDB throttling that outlasted the
 * repository's backoff, and optimistic-locking conflicts (each step re-reads before it writes).
 */
export const RETRYABLE_ERRORS = [
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
  'Lambda.ClientExecutionTimeoutException',
  'PersistenceThrottledError',
  'VersionConflictError',
];

/** Backoff with full jitter, bounded: about 2 + 4 + 8 s (randomised) before the step is given up on. */
export function addHouseRetry(task: TaskStateBase): void {
  task.addRetry({
    errors: RETRYABLE_ERRORS,
    interval: Duration.seconds(2),
    backoffRate: 2,
    maxAttempts: 3,
    maxDelay: Duration.seconds(30),
    jitterStrategy: JitterType.FULL,
  });
}

/** Publishes a short alarm (no payload data, only names and ids) to the operational alarm topic, then fails. */
export function alarmThenFail(
  scope: Construct,
  id: string,
  topic: ITopic,
  subject: string,
  failCause: string,
): Chain {
  const publish = new SnsPublish(scope, `${id} Alarm`, {
    topic,
    subject,
    message: TaskInput.fromObject({
      workflow: subject,
      execution: JsonPath.stringAt('$$.Execution.Id'),
      error: JsonPath.stringAt('$.failure.Error'),
    }),
    resultPath: JsonPath.DISCARD,
  });
  // A failing alarm must not hide the original failure: publishing is retried, then the run fails anyway.
  publish.addRetry({
    errors: [Errors.ALL],
    maxAttempts: 3,
    interval: Duration.seconds(2),
    backoffRate: 2,
    jitterStrategy: JitterType.FULL,
  });
  const fail = new Fail(scope, `${id} Failed`, { error: 'WorkflowFailed', cause: failCause });
  publish.addCatch(fail, { errors: [Errors.ALL], resultPath: JsonPath.DISCARD });
  return publish.next(fail);
}
