import { continueInFollowUp } from '../../services/remediation-phase.js';
import { FollowUpStepEvent, parseWorkflowEvent } from './workflow-events.js';

/** Audit lifecycle: hand the remediation phase to a follow-up execution. */
export async function handler(event: unknown) {
  const { auditId, executionName } = parseWorkflowEvent(FollowUpStepEvent, event);
  return continueInFollowUp(auditId, executionName);
}
