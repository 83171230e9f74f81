import { planRemediationNotice } from '../../services/remediation-phase.js';
import { parseWorkflowEvent, RemediationPlanStepEvent } from './workflow-events.js';

/** Audit lifecycle: when the remediation wait next wakes, and whether to hand over to a follow-up execution. */
export async function handler(event: unknown) {
  const { auditId, executionName, loops } = parseWorkflowEvent(RemediationPlanStepEvent, event);
  return planRemediationNotice(auditId, executionName, loops);
}
