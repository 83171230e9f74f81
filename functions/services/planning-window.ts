import { tableDesign } from '../adapters/dynamodb/table-design.js';
import { clock, repository } from '../adapters/runtime/bindings.js';

/*
 * The scheduling run's bookkeeping: which window to plan, and recording that it was planned. Kept apart from
 * the planning itself so the steps that only do bookkeeping do not bundle the calendar and the catalog.
 */

const DAY_MS = 86_400_000;
/** After a long outage the planner catches up at most this far back, so one run stays bounded. */
const MAX_CATCH_UP_DAYS = 400;

export interface PlanningWindow {
  /** Occurrences whose request opens in [from, to) are planned. */
  readonly from: string;
  readonly to: string;
  readonly shards: number[];
}

/**
 * The window since the last successful run: from the watermark (or a day back on the very first run) to
 * now. Missed days are simply a longer window, which yields exactly what the daily runs would have.
 */
export async function planSchedulingWindow(): Promise<PlanningWindow> {
  const now = clock().now();
  const watermark = await repository().scheduler.getWatermark();
  const earliest = new Date(now.getTime() - MAX_CATCH_UP_DAYS * DAY_MS).toISOString();
  // ISO-8601 UTC instants compare correctly as strings.
  const from = watermark
    ? [watermark.plannedThrough, earliest].sort().at(-1)
    : new Date(now.getTime() - DAY_MS).toISOString();
  return {
    from: from as string,
    to: now.toISOString(),
    shards: Array.from({ length: tableDesign.enrollmentShardCount }, (_unused, shard) => shard),
  };
}

/** Records that everything opening before `to` is planned; never moves backwards. */
export async function advancePlanningWatermark(to: string): Promise<{ advanced: boolean }> {
  return { advanced: await repository().scheduler.advanceWatermark(to, clock().now().toISOString()) };
}
