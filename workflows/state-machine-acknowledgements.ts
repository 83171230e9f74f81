import { type CfnResource, Stack, Validations } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';

/** The cdk-nag findings every state machine role here carries, each with its reason. */
export function acknowledgeStateMachineRole(
  stateMachine: StateMachine,
  invokedFunctions: readonly IFunction[],
): void {
  const stack = Stack.of(stateMachine);
  Validations.of(stateMachine.role).acknowledge(
    {
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Step Functions logging (logs:CreateLogDelivery and related) and X-Ray tracing actions support no resource-level permissions, so CDK grants them on "*".',
    },
    {
      id: 'NIST.800.53.R5-IAMNoInlinePolicy',
      reason:
        'The state machine has its own role whose inline policy names only its functions, topic and key.',
    },
    ...invokedFunctions.map((fn) => ({
      id: `AwsSolutions-IAM5[Resource::<${stack.getLogicalId(fn.node.defaultChild as CfnResource)}.Arn>:*]`,
      reason:
        'Invoking a task function is granted on the function and its qualified versions (ARN:*), as Lambda requires for qualified invocations; nothing else.',
    })),
  );
}
