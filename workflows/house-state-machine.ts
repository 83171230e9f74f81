import { type Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  DefinitionBody,
  type IChainable,
  LogLevel,
  StateMachine,
  StateMachineType,
} from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { acknowledgeStateMachineRole } from './state-machine-acknowledgements.js';

export interface HouseStateMachineProps {
  readonly stateMachineName: string;
  readonly definition: IChainable;
  readonly timeout: Duration;
  readonly logKey: IKey;
  /** The functions its tasks invoke (for the cdk-nag acknowledgements of its role). */
  readonly invokedFunctions: readonly IFunction[];
}

/**
 * A Standard state machine with the house defaults: a fixed name, a timeout, X-Ray tracing, and every
 * execution event logged to an encrypted log group kept a year, without execution data.
 */
export function createHouseStateMachine(scope: Construct, props: HouseStateMachineProps): StateMachine {
  const stateMachine = new StateMachine(scope, 'StateMachine', {
    stateMachineName: props.stateMachineName,
    stateMachineType: StateMachineType.STANDARD,
    definitionBody: DefinitionBody.fromChainable(props.definition),
    timeout: props.timeout,
    tracingEnabled: true,
    logs: {
      destination: new LogGroup(scope, 'Logs', {
        retention: RetentionDays.ONE_YEAR,
        encryptionKey: props.logKey,
        removalPolicy: RemovalPolicy.RETAIN,
      }),
      level: LogLevel.ALL,
      // Execution data holds task tokens (which can complete a task): keep it out of the logs.
      includeExecutionData: false,
    },
  });
  acknowledgeStateMachineRole(stateMachine, props.invokedFunctions);
  return stateMachine;
}
