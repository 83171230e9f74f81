import type { Clock } from '../functions/adapters/runtime/clock.js';
import type { TimerQueue } from './workflows/parked-tasks.js';

export interface VirtualClockOptions {
  /** Where time starts; the real time by default. */
  readonly start?: Date;
  /**
   * Awaited before each timer fires and once time has reached its target: the workflow runner's whenIdle, so a
   * handler woken by one timer finishes (and sets its next timers) before the clock moves on.
   */
  readonly settle?: () => Promise<void>;
  /** Called after each move of the clock, e.g. to keep the time across restarts. */
  readonly onMove?: (now: Date) => void;
}

export interface FiredTimer {
  readonly at: string;
  readonly label: string;
}

export interface ClockAdvance {
  readonly from: string;
  readonly to: string;
  /** Timers fired, in the order they fired (time order; equal times in the order they were set). */
  readonly fired: readonly FiredTimer[];
}

interface Timer {
  readonly at: number;
  readonly sequence: number;
  readonly label: string;
  readonly fire: () => void;
}

export class ClockError extends Error {
  override readonly name = 'ClockError';
}

/**
 * Bounds one advance, so a timer that keeps re-arming itself at the same instant cannot hang the sandbox. Far
 * above what a year of daily schedules and reminders for a realistic number of audits sets.
 */
const MAX_TIMERS_PER_ADVANCE = 1_000_000;

/**
 * The sandbox's time. It stands still until advanced, so tests and the person driving the sandbox decide when
 * reminders, timeouts and daily schedules happen; handlers read it through the runtime's Clock binding.
 * Advancing fires due timers one at a time in time order, with the clock set to each timer's instant and the
 * workflows settled in between, so every handler sees the "now" it would have seen in AWS.
 */
export class VirtualClock implements Clock, TimerQueue {
  private current: number;
  private sequence = 0;
  private timers: Timer[] = [];
  /** Advances run one after another: two callers asking at once get consistent, ordered moves. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: VirtualClockOptions = {}) {
    this.current = (options.start ?? new Date()).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  /** Fires `fire` when an advance reaches `at`; a time already past fires at the next advance. */
  setTimer(at: Date, label: string, fire: () => void): { cancel(): void } {
    const timer: Timer = { at: at.getTime(), sequence: ++this.sequence, label, fire };
    this.timers.push(timer);
    return {
      cancel: () => {
        this.timers = this.timers.filter((candidate) => candidate !== timer);
      },
    };
  }

  /** Timers not yet fired, soonest first. */
  pendingTimers(): FiredTimer[] {
    return this.sorted().map((timer) => ({ at: new Date(timer.at).toISOString(), label: timer.label }));
  }

  /** Moves time forward by `milliseconds`, or to `until`; resolves once every timer due by then has fired. */
  advance(by: number | { readonly until: Date }): Promise<ClockAdvance> {
    const next = this.queue.then(() => this.move(by));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async move(by: number | { readonly until: Date }): Promise<ClockAdvance> {
    const from = this.current;
    const target = typeof by === 'number' ? from + by : by.until.getTime();
    if (!Number.isFinite(target)) throw new ClockError('The clock can only move to a valid instant.');
    if (target < from) {
      throw new ClockError(
        `The clock only moves forward: ${new Date(target).toISOString()} is before now (${new Date(from).toISOString()}).`,
      );
    }
    const fired: FiredTimer[] = [];
    await this.settle();
    for (;;) {
      const due = this.sorted().find((timer) => timer.at <= target);
      if (!due) break;
      if (fired.length >= MAX_TIMERS_PER_ADVANCE) {
        throw new ClockError(`More than ${MAX_TIMERS_PER_ADVANCE} timers fired in one advance; stopped.`);
      }
      this.timers = this.timers.filter((timer) => timer !== due);
      this.current = Math.max(this.current, due.at);
      this.options.onMove?.(this.now());
      fired.push({ at: new Date(this.current).toISOString(), label: due.label });
      due.fire();
      await this.settle();
    }
    this.current = target;
    this.options.onMove?.(this.now());
    await this.settle();
    return { from: new Date(from).toISOString(), to: new Date(target).toISOString(), fired };
  }

  private sorted(): Timer[] {
    return [...this.timers].sort((a, b) => a.at - b.at || a.sequence - b.sequence);
  }

  private settle(): Promise<void> {
    return this.options.settle?.() ?? Promise.resolve();
  }
}
