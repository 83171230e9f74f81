import { planSchedulingWindow } from '../../services/planning-window.js';

/** Schedule audits: the window since the last successful run, and the enrollment shards to plan. Takes no input. */
export async function handler() {
  return planSchedulingWindow();
}
