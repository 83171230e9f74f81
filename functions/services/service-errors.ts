import { workflowErrors } from '../adapters/runtime/workflow-client.js';

/**
 * The audit was cancelled while its workflow was running. Workflow steps throw it, and the state machines
 * route it (by name) to a clean "Cancelled" end instead of the failure path.
 */
export class AuditCancelledError extends Error {
  override readonly name = workflowErrors.auditCancelled;
  constructor(readonly auditId: string) {
    super(`Audit ${auditId} was cancelled`);
  }
}

/** The subject is in a state that does not allow the request (an audit closed, a task already done): 409. */
export class StateConflictError extends Error {
  override readonly name = 'StateConflictError';
}
