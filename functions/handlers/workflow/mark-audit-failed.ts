import { markAuditFailed } from '../../services/audit-lifecycle.js';
import { FailureStepEvent, parseWorkflowEvent } from './workflow-events.js';

/** Audit lifecycle, failure path: marks the audit failed with the error that ended its workflow. */
export async function handler(event: unknown) {
  const { auditId, failure } = parseWorkflowEvent(FailureStepEvent, event);
  return markAuditFailed(auditId, failure.Error ?? 'UnknownError', failure.Cause ?? '');
}
