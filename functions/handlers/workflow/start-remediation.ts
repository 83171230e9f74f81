import { beginRemediation } from '../../services/remediation-phase.js';
import { AuditStepEvent, parseWorkflowEvent } from './workflow-events.js';

/** Audit lifecycle: after review, move an audit with findings into remediation and tell the agency. */
export async function handler(event: unknown) {
  const { auditId } = parseWorkflowEvent(AuditStepEvent, event);
  return beginRemediation(auditId);
}
