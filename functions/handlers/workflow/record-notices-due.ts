import { recordNoticesDue } from '../../services/audit-lifecycle.js';
import { AuditStepEvent, parseWorkflowEvent } from './workflow-events.js';

/** Audit lifecycle: the evidence wait timed out, so the notices now due are recorded. */
export async function handler(event: unknown) {
  const { auditId } = parseWorkflowEvent(AuditStepEvent, event);
  return recordNoticesDue(auditId);
}
