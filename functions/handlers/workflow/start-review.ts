import { startReview } from '../../services/audit-lifecycle.js';
import { AuditStepEvent, parseWorkflowEvent } from './workflow-events.js';

/** Audit lifecycle: moves the audit into review. */
export async function handler(event: unknown) {
  const { auditId } = parseWorkflowEvent(AuditStepEvent, event);
  return startReview(auditId);
}
