import { describe, expect, it } from 'vitest';
import { startDailySchedule } from '../../../sandbox/daily-schedule.js';
import { VirtualClock } from '../../../sandbox/virtual-clock.js';

describe('Function: startDailySchedule', () => {
  it('runs once per local day at 06:00 Los Angeles time, across the start of daylight saving time', async () => {
    // Prepare: 2026-03-05 10:00 PST; DST starts on Sunday 2026-03-08.
    const clock = new VirtualClock({ start: new Date('2026-03-05T18:00:00.000Z') });
    const runs: string[] = [];
    startDailySchedule({
      clock,
      timeZone: 'America/Los_Angeles',
      at: { hour: 6, minute: 0 },
      run: (date, instant) => runs.push(`${date} ${instant.toISOString()} now=${clock.now().toISOString()}`),
    });

    // Act
    await clock.advance(10 * 86_400_000);

    // Assess: ten days, ten runs, the first the next morning; 06:00 is 14:00Z in PST and 13:00Z in PDT.
    expect(runs).toHaveLength(10);
    expect(runs[0]).toBe('2026-03-06 2026-03-06T14:00:00.000Z now=2026-03-06T14:00:00.000Z');
    expect(runs[1]).toBe('2026-03-07 2026-03-07T14:00:00.000Z now=2026-03-07T14:00:00.000Z');
    expect(runs[2]).toBe('2026-03-08 2026-03-08T13:00:00.000Z now=2026-03-08T13:00:00.000Z');
    expect(runs[9]).toBe('2026-03-15 2026-03-15T13:00:00.000Z now=2026-03-15T13:00:00.000Z');
  });

  it('runs today when started before the wall time, and never after stop', async () => {
    // Prepare: 05:00 PST.
    const clock = new VirtualClock({ start: new Date('2026-01-10T13:00:00.000Z') });
    const runs: string[] = [];
    const schedule = startDailySchedule({
      clock,
      timeZone: 'America/Los_Angeles',
      at: { hour: 6, minute: 0 },
      run: (date) => runs.push(date),
    });

    // Act
    await clock.advance(2 * 3_600_000);
    schedule.stop();
    await clock.advance(3 * 86_400_000);

    // Assess
    expect(runs).toEqual(['2026-01-10']);
    expect(schedule.next()).toBeUndefined();
    expect(clock.pendingTimers()).toEqual([]);
  });
});
