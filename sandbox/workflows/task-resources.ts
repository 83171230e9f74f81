/**
 * What a Task state's `Resource` asks for, as far as the local runner is concerned. The partition is left
 * open (`aws`, `aws-us-gov`): the same definition deploys to GovCloud.
 */
export type TaskResourceKind =
  /** `arn:aws:states:::lambda:invoke`: input `{FunctionName, Payload}`, result `{Payload, StatusCode}`. */
  | 'lambdaInvoke'
  /** `arn:aws:states:::lambda:invoke.waitForTaskToken`: invoke, then wait for SendTaskSuccess/Failure. */
  | 'lambdaCallback'
  /** A function ARN as the resource (the older integration): the input is the event, the result the output. */
  | 'lambdaFunction'
  /** `arn:aws:states:::sns:publish`: the failure path's alarm; kept in memory locally. */
  | 'snsPublish'
  /** A Wait state the runner rewrote into a Task, so that it waits on the virtual clock. */
  | 'virtualWait';

/** The Resource the runner gives the Task that replaces a Wait state; never sent to AWS. */
export const VIRTUAL_WAIT_RESOURCE = 'arn:aws:states:::sandbox:virtualWait';

const patterns: readonly [RegExp, TaskResourceKind][] = [
  [/^arn:[\w-]+:states:::lambda:invoke$/, 'lambdaInvoke'],
  [/^arn:[\w-]+:states:::lambda:invoke\.waitForTaskToken$/, 'lambdaCallback'],
  [/^arn:[\w-]+:lambda:[\w-]+:\d{12}:function:[\w-]+(:[\w$-]+)?$/, 'lambdaFunction'],
  [/^arn:[\w-]+:states:::sns:publish$/, 'snsPublish'],
  [/^arn:aws:states:::sandbox:virtualWait$/, 'virtualWait'],
];

/** The kind of a Task resource, or undefined when the local runner cannot emulate it. */
export function taskResourceKind(resource: string): TaskResourceKind | undefined {
  return patterns.find(([pattern]) => pattern.test(resource))?.[1];
}

/** `arn:aws:lambda:<region>:<account>:function:<name>[:qualifier]` → `<name>`; undefined for anything else. */
export function functionNameFromArn(arnOrName: string): string | undefined {
  const match = /^arn:[\w-]+:lambda:[\w-]+:\d{12}:function:([\w-]+)(?::[\w$-]+)?$/.exec(arnOrName);
  if (match) return match[1];
  return /^[\w-]+$/.test(arnOrName) ? arnOrName : undefined;
}
