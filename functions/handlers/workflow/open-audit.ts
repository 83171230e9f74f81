import { openAudit } from '../../services/audit-lifecycle.js';
import { AuditStepEvent, parseWorkflowEvent } from './workflow-events.js';

/** Audit lifecycle: opens the audit and notifies the agency. */
export async function handler(event: unknown) {
  const { auditId } = parseWorkflowEvent(AuditStepEvent, event);
  return openAudit(auditId);
}
