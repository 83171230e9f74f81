import { waitForReview } from '../../services/audit-lifecycle.js';
import { CallbackStepEvent, parseWorkflowEvent } from './workflow-events.js';

/** Audit lifecycle (callback task): parks the workflow until the reviewer is done. */
export async function handler(event: unknown) {
  const { auditId, taskToken } = parseWorkflowEvent(CallbackStepEvent, event);
  return waitForReview(auditId, taskToken);
}
