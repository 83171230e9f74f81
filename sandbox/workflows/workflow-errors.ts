import { workflowErrors } from '../../functions/adapters/runtime/workflow-client.js';

/** A synthesized definition uses something the local runner cannot run; the message says what and where. */
export class UnsupportedDefinitionError extends Error {
  override readonly name = 'UnsupportedDefinitionError';
}

/** The definition string in the template uses a CloudFormation function the sandbox cannot resolve. */
export class UnresolvableDefinitionError extends Error {
  override readonly name = 'UnresolvableDefinitionError';
}

/** A start names a state machine the runner was not given. */
export class UnknownStateMachineError extends Error {
  override readonly name = 'UnknownStateMachineError';
}

/**
 * SendTaskSuccess/Failure with a token that no task waits on (never issued, already answered, timed out, or its
 * execution ended). Named like the error the SFN workflow client raises, so callers handle both alike.
 */
export class TaskTokenInvalidError extends Error {
  override readonly name = workflowErrors.taskTokenInvalid;
  constructor() {
    // The token itself stays out of the message: it is a credential for the waiting task.
    super(
      'The workflow is no longer waiting for this task (unknown, answered, timed out, or its execution ended).',
    );
  }
}

/** A task the runner was asked to call names a Lambda function it does not know. */
export class UnknownFunctionError extends Error {
  override readonly name = 'Lambda.ResourceNotFoundException';
}
