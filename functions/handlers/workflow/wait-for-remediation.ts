import { waitForRemediation } from '../../services/remediation-phase.js';
import { CallbackStepEvent, parseWorkflowEvent } from './workflow-events.js';

/** Audit lifecycle (callback task): parks the workflow until every finding is closed. */
export async function handler(event: unknown) {
  const { auditId, taskToken } = parseWorkflowEvent(CallbackStepEvent, event);
  return waitForRemediation(auditId, taskToken);
}
