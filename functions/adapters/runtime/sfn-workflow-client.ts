import { randomUUID } from 'node:crypto';
import {
  ExecutionAlreadyExists,
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  type SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import {
  FOLLOW_UP_FIELD,
  type FollowUpInput,
  type LifecycleInput,
  type WorkflowClient,
  workflowErrors,
} from './workflow-client.js';

const TOKEN_GONE = new Set(['TaskDoesNotExist', 'TaskTimedOut', 'InvalidToken']);

/** The WorkflowClient over the Step Functions API. */
export class SfnWorkflowClient implements WorkflowClient {
  constructor(
    private readonly client: SFNClient,
    private readonly lifecycleStateMachineArn: string,
    private readonly scheduleStateMachineArn?: string,
  ) {}

  async startScheduleRun(requestedBy: string): Promise<{ executionName: string }> {
    if (!this.scheduleStateMachineArn)
      throw new Error('This function is not configured to start scheduling runs');
    const executionName = `manual-${randomUUID()}`;
    await this.client.send(
      new StartExecutionCommand({
        stateMachineArn: this.scheduleStateMachineArn,
        name: executionName,
        input: JSON.stringify({ trigger: 'manual', requestedBy }),
      }),
    );
    return { executionName };
  }

  async startAuditLifecycle(input: LifecycleInput): Promise<{ started: boolean }> {
    return this.startLifecycleExecution(input.auditId, { auditId: input.auditId });
  }

  async continueAuditLifecycle(input: FollowUpInput): Promise<{ started: boolean }> {
    return this.startLifecycleExecution(input.executionName, {
      auditId: input.auditId,
      [FOLLOW_UP_FIELD]: { phase: 'remediation' },
    });
  }

  private async startLifecycleExecution(name: string, input: Record<string, unknown>) {
    try {
      await this.client.send(
        new StartExecutionCommand({
          stateMachineArn: this.lifecycleStateMachineArn,
          name,
          input: JSON.stringify(input),
        }),
      );
      return { started: true };
    } catch (error) {
      // Same name, same input: Step Functions answers with the running execution; a different input, or a
      // finished execution, answers ExecutionAlreadyExists. Either way the audit already has its execution.
      if (error instanceof ExecutionAlreadyExists || (error as Error).name === 'ExecutionAlreadyExists') {
        return { started: false };
      }
      throw error;
    }
  }

  async sendTaskSuccess(taskToken: string, output: Record<string, unknown>): Promise<void> {
    await this.withTokenErrors(() =>
      this.client.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) })),
    );
  }

  async sendTaskFailure(taskToken: string, error: string, cause: string): Promise<void> {
    await this.withTokenErrors(() =>
      this.client.send(new SendTaskFailureCommand({ taskToken, error, cause })),
    );
  }

  private async withTokenErrors(call: () => Promise<unknown>): Promise<void> {
    try {
      await call();
    } catch (error) {
      if (error instanceof Error && TOKEN_GONE.has(error.name)) {
        throw Object.assign(new Error('The workflow is no longer waiting for this task'), {
          name: workflowErrors.taskTokenInvalid,
          cause: error,
        });
      }
      throw error;
    }
  }
}
