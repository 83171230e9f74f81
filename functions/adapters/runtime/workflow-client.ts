/**
 * What handlers ask of Step Functions. In AWS it is the SFN API; in the sandbox, the local workflow runner
 * implements the same interface, so handlers cannot tell them apart.
 */
export interface LifecycleInput {
  readonly auditId: string;
}

export interface WorkflowClient {
  /**
   * Starts the audit's lifecycle execution, named by the audit id. Starting it again is a no-op
   * (`started: false`), so a retried scheduling step cannot start two.
   */
  startAuditLifecycle(input: LifecycleInput): Promise<{ started: boolean }>;
  /** Starts a scheduling run now (an administrator's manual run); the daily one is started by the scheduler. */
  startScheduleRun(requestedBy: string): Promise<{ executionName: string }>;
  /** Completes a waiting callback task. */
  sendTaskSuccess(taskToken: string, output: Record<string, unknown>): Promise<void>;
  /** Fails a waiting callback task with a named error (e.g. AuditCancelled), which the workflow's Catch routes. */
  sendTaskFailure(taskToken: string, error: string, cause: string): Promise<void>;
}

/** Error names shared by handlers and the workflow definitions' Retry/Catch blocks. */
export const workflowErrors = {
  auditCancelled: 'AuditCancelled',
  /** A callback token that no longer waits (already completed, timed out, or its execution ended). */
  taskTokenInvalid: 'TaskTokenInvalid',
} as const;
