import type { ItemStore } from './item-store.js';
import { keys } from './keys.js';

export interface PlanningWatermark {
  /** Every occurrence whose request opens before this instant has been planned. */
  readonly plannedThrough: string;
  readonly updatedAt: string;
}

/**
 * The daily planner's watermark. It only moves forward: advancing to an earlier instant (a late retry of an
 * old run) is ignored, so a catch-up run and a retried run cannot undo each other.
 */
export class SchedulerState {
  constructor(private readonly store: ItemStore) {}

  async getWatermark(): Promise<PlanningWatermark | undefined> {
    const item = await this.store.get<ReturnType<typeof keys.schedulerWatermark> & PlanningWatermark>(
      keys.schedulerWatermark(),
    );
    return item ? { plannedThrough: item.plannedThrough, updatedAt: item.updatedAt } : undefined;
  }

  /** Resolves true when the watermark moved, false when it was already at or past `plannedThrough`. */
  async advanceWatermark(plannedThrough: string, now: string): Promise<boolean> {
    const updated = await this.store.updateIf(
      keys.schedulerWatermark(),
      { set: { plannedThrough, updatedAt: now, entity: 'SchedulerWatermark' } },
      {
        expression: 'attribute_not_exists(plannedThrough) OR plannedThrough < :next',
        values: { ':next': plannedThrough },
      },
    );
    return updated !== undefined;
  }
}
