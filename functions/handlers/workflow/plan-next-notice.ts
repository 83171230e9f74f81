import { planNextNotice } from '../../services/audit-lifecycle.js';
import { AuditStepEvent, parseWorkflowEvent } from './workflow-events.js';

/** Audit lifecycle: when the evidence wait should next wake up. */
export async function handler(event: unknown) {
  const { auditId } = parseWorkflowEvent(AuditStepEvent, event);
  return planNextNotice(auditId);
}
