import { planEnrollmentShard } from '../../services/scheduling.js';
import { parseWorkflowEvent, ShardStepEvent } from './workflow-events.js';

/** Schedule audits: plans one shard of the active enrollments for the window. */
export async function handler(event: unknown) {
  const { window, shard } = parseWorkflowEvent(ShardStepEvent, event);
  return planEnrollmentShard(window, shard);
}
