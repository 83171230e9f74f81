import { recordRemediationNoticesDue } from '../../services/remediation-phase.js';
import { AuditStepEvent, parseWorkflowEvent } from './workflow-events.js';

/** Audit lifecycle: send the remediation tasks' notices now due. */
export async function handler(event: unknown) {
  const { auditId } = parseWorkflowEvent(AuditStepEvent, event);
  return recordRemediationNoticesDue(auditId);
}
