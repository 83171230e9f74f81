/**
 * What handlers ask of Step Functions. In AWS it is the SFN API; in the sandbox, the local workflow runner
 * implements the same interface, so handlers cannot tell them apart.
 */
export interface LifecycleInput {
  readonly auditId: string;
}

/** The input of a follow-up execution: it resumes the audit's remediation phase where the last one left it. */
export interface FollowUpInput {
  readonly auditId: string;
  readonly executionName: string;
}

/** A follow-up execution's input carries this field; the workflow's first state routes on its presence. */
export const FOLLOW_UP_FIELD = 'followUp';

export interface WorkflowClient {
  /**
   * Starts the audit's lifecycle execution, named by the audit id. Starting it again is a no-op
   * (`started: false`), so a retried scheduling step cannot start two.
   */
  startAuditLifecycle(input: LifecycleInput): Promise<{ started: boolean }>;
  /**
   * Starts a follow-up lifecycle execution for an audit whose remediation outlasts one execution. Starting the
   * same name again is a no-op (`started: false`), so a retried hand-off cannot start two.
   */
  continueAuditLifecycle(input: FollowUpInput): Promise<{ started: boolean }>;
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
