import { advancePlanningWatermark } from '../../services/planning-window.js';
import { parseWorkflowEvent, WatermarkStepEvent } from './workflow-events.js';

/** Schedule audits: records that the window is planned. */
export async function handler(event: unknown) {
  const { to } = parseWorkflowEvent(WatermarkStepEvent, event);
  return advancePlanningWatermark(to);
}
