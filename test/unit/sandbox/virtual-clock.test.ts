import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../sandbox/virtual-clock.js';

const START = new Date('2026-03-02T00:00:00.000Z');
const at = (hours: number) => new Date(START.getTime() + hours * 3_600_000);

describe('Class: VirtualClock', () => {
  it('stands still until advanced, then moves by the given milliseconds or to the given instant', async () => {
    // Prepare
    const clock = new VirtualClock({ start: START });

    // Act
    const still = clock.now();
    await clock.advance(3_600_000);
    const afterHour = clock.now();
    await clock.advance({ until: at(5) });

    // Assess
    expect(still).toEqual(START);
    expect(afterHour).toEqual(at(1));
    expect(clock.now()).toEqual(at(5));
  });

  it('fires due timers in time order (equal times in the order set), each at its own instant', async () => {
    // Prepare
    const clock = new VirtualClock({ start: START });
    const seen: string[] = [];
    const note = (label: string) => () => seen.push(`${label}@${clock.now().toISOString()}`);
    clock.setTimer(at(3), 'c', note('c'));
    clock.setTimer(at(1), 'a', note('a'));
    clock.setTimer(at(3), 'd', note('d'));
    clock.setTimer(at(2), 'b', note('b'));
    clock.setTimer(at(9), 'later', note('later'));
    const cancelled = clock.setTimer(at(2), 'cancelled', note('cancelled'));
    cancelled.cancel();

    // Act
    const moved = await clock.advance({ until: at(4) });

    // Assess
    expect(seen).toEqual([
      `a@${at(1).toISOString()}`,
      `b@${at(2).toISOString()}`,
      `c@${at(3).toISOString()}`,
      `d@${at(3).toISOString()}`,
    ]);
    expect(moved.fired.map((timer) => timer.label)).toEqual(['a', 'b', 'c', 'd']);
    expect(clock.pendingTimers()).toEqual([{ at: at(9).toISOString(), label: 'later' }]);
  });

  it('settles between timers, so work started by one timer can set a timer the same advance fires', async () => {
    // Prepare: "work" finishes asynchronously and arms the next timer, as a woken workflow would.
    const pending: Promise<void>[] = [];
    const clock: VirtualClock = new VirtualClock({
      start: START,
      settle: async () => {
        await Promise.all(pending.splice(0));
      },
    });
    const fired: string[] = [];
    clock.setTimer(at(1), 'first', () => {
      pending.push(
        (async () => {
          await new Promise((resolve) => setTimeout(resolve, 5));
          clock.setTimer(at(2), 'second', () => fired.push(clock.now().toISOString()));
        })(),
      );
    });

    // Act
    await clock.advance({ until: at(3) });

    // Assess
    expect(fired).toEqual([at(2).toISOString()]);
  });

  it('refuses to move backwards, and runs concurrent advances one after the other', async () => {
    // Prepare
    const clock = new VirtualClock({ start: START });

    // Act
    const backwards = await clock.advance({ until: at(-1) }).catch((error: Error) => error);
    const [first, second] = await Promise.all([clock.advance(3_600_000), clock.advance(3_600_000)]);

    // Assess
    expect(backwards).toMatchObject({ name: 'ClockError' });
    expect((backwards as Error).message).toMatch(/only moves forward/);
    expect([first.from, first.to, second.to]).toEqual([at(0), at(1), at(2)].map((d) => d.toISOString()));
  });
});
