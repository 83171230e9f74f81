import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { utcEpochMs } from '../../../functions/domain/calendar/local-date.js';
import {
  addDays,
  addMonths,
  compareLocalDates,
  dayOfWeek,
  daysBetween,
  InvalidLocalDateError,
  isLocalDate,
  isoWeekKey,
  parseLocalDate,
} from '../../../functions/domain/index.js';
import { localDateArb } from './fixtures.js';

const NUM_RUNS = 200;

describe('Function: parseLocalDate', () => {
  it('parses a valid date into parts', () => {
    expect(parseLocalDate('2028-02-29')).toEqual({ year: 2028, month: 2, day: 29 });
  });

  it.each(['2026-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '26-01-01', '2026-1-1', ''])(
    'rejects %j',
    (value) => {
      expect(() => parseLocalDate(value)).toThrow(InvalidLocalDateError);
      expect(isLocalDate(value)).toBe(false);
    },
  );

  it('handles years below 100 without the Date.UTC 1900 offset', () => {
    expect(new Date(utcEpochMs({ year: 99, month: 1, day: 1 })).getUTCFullYear()).toBe(99);
    expect(addDays('0099-12-31', 1)).toBe('0100-01-01');
  });
});

describe('Function: addDays / addMonths', () => {
  it('crosses the year boundary', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
  });

  it('clamps month arithmetic to the last day of shorter months', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2026-03-15', -3)).toBe('2025-12-15');
  });

  it('round-trips: adding then subtracting days returns the start', () => {
    fc.assert(
      fc.property(localDateArb, fc.integer({ min: -800, max: 800 }), (date, days) => {
        expect(addDays(addDays(date, days), -days)).toBe(date);
        expect(daysBetween(date, addDays(date, days))).toBe(days);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

describe('Function: dayOfWeek / isoWeekKey / compareLocalDates', () => {
  it('knows the weekday of named dates', () => {
    expect(dayOfWeek('2027-07-04')).toBe(0);
    expect(dayOfWeek('2026-11-26')).toBe(4);
  });

  it('gives ISO week keys across year boundaries', () => {
    expect(isoWeekKey('2026-12-31')).toBe('2026-W53');
    expect(isoWeekKey('2027-01-03')).toBe('2026-W53');
    expect(isoWeekKey('2027-01-04')).toBe('2027-W01');
    expect(isoWeekKey('2024-12-30')).toBe('2025-W01');
  });

  it('orders dates', () => {
    expect(compareLocalDates('2026-01-01', '2026-01-02')).toBe(-1);
    expect(compareLocalDates('2026-01-02', '2026-01-01')).toBe(1);
    expect(compareLocalDates('2026-01-01', '2026-01-01')).toBe(0);
  });
});
