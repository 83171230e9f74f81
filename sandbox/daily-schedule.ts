import { addDays, type LocalDate } from '../functions/domain/calendar/local-date.js';
import { localDateAt, zonedWallTimeToInstant } from '../functions/domain/calendar/time-zones.js';
import type { TimerQueue } from './workflows/parked-tasks.js';

export interface DailyScheduleOptions {
  readonly clock: TimerQueue;
  /** The zone the wall time is read in (the deployment's timeZone setting). */
  readonly timeZone: string;
  readonly at: { readonly hour: number; readonly minute: number };
  /** Names the timers (GET /clock lists them): `<label> <date>`. */
  readonly label?: string;
  /** Called once per local day, at the wall time, with that day's date and the instant. */
  readonly run: (date: LocalDate, at: Date) => void;
}

export interface DailySchedule {
  /** The next firing, or undefined once stopped. */
  next(): Date | undefined;
  stop(): void;
}

/**
 * The sandbox's stand-in for the EventBridge Scheduler schedule that starts schedule-audits every morning: a
 * timer on the virtual clock at a local wall time, re-armed for the next local day each time it fires. Days are
 * counted in the zone, so a DST change moves the UTC instant, not the local time, as EventBridge Scheduler does
 * with a schedule time zone.
 */
export function startDailySchedule(options: DailyScheduleOptions): DailySchedule {
  const { clock, timeZone, at } = options;
  let timer: { cancel(): void } | undefined;
  let nextAt: Date | undefined;
  let stopped = false;

  const arm = (date: LocalDate) => {
    const instant = zonedWallTimeToInstant(date, at, timeZone);
    nextAt = instant;
    timer = clock.setTimer(instant, `${options.label ?? 'daily schedule'} ${date}`, () => {
      if (stopped) return;
      arm(addDays(date, 1));
      options.run(date, instant);
    });
  };

  const now = clock.now();
  const today = localDateAt(now, timeZone);
  arm(zonedWallTimeToInstant(today, at, timeZone) > now ? today : addDays(today, 1));

  return {
    next: () => (stopped ? undefined : nextAt),
    stop() {
      stopped = true;
      timer?.cancel();
    },
  };
}
