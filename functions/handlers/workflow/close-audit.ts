import { closeAudit } from '../../services/audit-lifecycle.js';
import { AuditStepEvent, parseWorkflowEvent } from './workflow-events.js';

/** Audit lifecycle: closes the audit. */
export async function handler(event: unknown) {
  const { auditId } = parseWorkflowEvent(AuditStepEvent, event);
  return closeAudit(auditId);
}
