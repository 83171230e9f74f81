import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addBusinessDays,
  addDays,
  CalendarConfigurationError,
  createHolidayCalendar,
  dayOfWeek,
  defaultHolidayCalendar,
  isBusinessDay,
  nextBusinessDay,
  nonBusinessReason,
  rollForwardToBusinessDay,
} from '../../../functions/domain/index.js';
import { localDateArb } from './fixtures.js';

const NUM_RUNS = 500;

describe('Function: createHolidayCalendar (California state service)', () => {
  it('lists the CalHR state holidays for 2026 from date-holidays', () => {
    const names = defaultHolidayCalendar()
      .holidaysIn(2026)
      .map((holiday) => `${holiday.date} ${holiday.name}`);
    expect(names).toEqual([
      "2026-01-01 New Year's Day",
      '2026-01-19 Martin Luther King Jr. Day',
      "2026-02-16 Presidents' Day",
      '2026-03-31 César Chávez Day',
      '2026-05-25 Memorial Day',
      '2026-06-19 Juneteenth',
      '2026-07-04 Independence Day',
      '2026-09-07 Labor Day',
      '2026-11-11 Veterans Day',
      '2026-11-26 Thanksgiving Day',
      '2026-11-27 Day after Thanksgiving Day',
      '2026-12-25 Christmas Day',
    ]);
  });

  it('does not move a Saturday holiday to Friday (Independence Day 2026)', () => {
    expect(isBusinessDay('2026-07-03')).toBe(true);
  });

  it('observes Veterans Day on the Friday before when it falls on a Saturday (2028)', () => {
    expect(nonBusinessReason('2028-11-10')).toEqual({
      date: '2028-11-10',
      reason: 'holiday',
      name: 'Veterans Day (observed)',
    });
  });

  it('observes a Sunday holiday on the Monday after, even where the library has no rule (Veterans Day 2029)', () => {
    expect(nonBusinessReason('2029-11-12')?.name).toBe('Veterans Day (observed)');
  });

  it('uses the library substitutes under the federal observance, across the year boundary', () => {
    const federal = createHolidayCalendar({ observance: 'federal' });
    // New Year's Day 2028 is a Saturday: federal offices close on Friday 2027-12-31.
    expect(isBusinessDay('2027-12-31', federal)).toBe(false);
    expect(isBusinessDay('2027-12-31')).toBe(true);
  });

  it('can add optional holidays by name, exclude holidays by name, and add declared closures', () => {
    const calendar = createHolidayCalendar({
      additionalHolidays: ['Lincoln Day', 'Native American Day'],
      excludeHolidays: ['Juneteenth'],
      extraClosedDates: ['2026-12-24'],
    });
    expect(isBusinessDay('2026-02-12', calendar)).toBe(false);
    expect(nonBusinessReason('2026-09-25', calendar)?.name).toBe('Native American Day');
    // Lincoln Day 2023 is a Sunday: the default policy observes it on the Monday.
    expect(nonBusinessReason('2023-02-13', calendar)?.name).toBe('Lincoln Day (observed)');
    expect(isBusinessDay('2026-06-19', calendar)).toBe(true);
    expect(nonBusinessReason('2026-12-24', calendar)?.name).toBe('Declared closure');
  });

  it('refuses a date-holidays rule instead of a holiday name, listing the names it takes', () => {
    expect(() => createHolidayCalendar({ additionalHolidays: ['4th friday in September'] })).toThrow(
      CalendarConfigurationError,
    );
    expect(() => createHolidayCalendar({ additionalHolidays: ['every blue moon'] })).toThrow(
      /use one of: Lincoln Day, Admission Day, Native American Day, Columbus Day/,
    );
  });
});

describe('Function: rollForwardToBusinessDay', () => {
  it('moves 2027-07-04 (a Sunday) past the observed Monday to Tuesday 2027-07-06', () => {
    expect(rollForwardToBusinessDay('2027-07-04')).toEqual({
      date: '2027-07-06',
      skipped: [
        { date: '2027-07-04', reason: 'weekend', name: 'Sunday' },
        { date: '2027-07-05', reason: 'holiday', name: 'Independence Day (observed)' },
      ],
    });
  });

  it('moves Thanksgiving and the day after to the Monday (2026-11-30)', () => {
    const result = rollForwardToBusinessDay('2026-11-26');
    expect(result.date).toBe('2026-11-30');
    expect(result.skipped.map((day) => day.name)).toEqual([
      'Thanksgiving Day',
      'Day after Thanksgiving Day',
      'Saturday',
      'Sunday',
    ]);
  });

  it("moves New Year's Day 2027 (a Friday) to Monday 2027-01-04", () => {
    expect(nextBusinessDay('2027-01-01')).toBe('2027-01-04');
  });

  it("moves across the year boundary when New Year's Day 2028 falls on a Saturday", () => {
    expect(nextBusinessDay('2027-12-31')).toBe('2027-12-31');
    expect(nextBusinessDay('2028-01-01')).toBe('2028-01-03');
  });

  it('moves Christmas 2027 (a Saturday) past the weekend to Monday 2027-12-27', () => {
    expect(nextBusinessDay('2027-12-25')).toBe('2027-12-27');
  });

  it('leaves business days alone', () => {
    expect(rollForwardToBusinessDay('2026-03-10')).toEqual({ date: '2026-03-10', skipped: [] });
  });

  it('fails loudly when a calendar closes every day for a month', () => {
    const closed = createHolidayCalendar({
      extraClosedDates: Array.from({ length: 40 }, (_, index) => addDays('2026-06-01', index)),
    });
    expect(() => nextBusinessDay('2026-06-01', closed)).toThrow(CalendarConfigurationError);
  });

  it('property: the result is a business day, never earlier, and every skipped day was closed', () => {
    fc.assert(
      fc.property(localDateArb, (date) => {
        const { date: moved, skipped } = rollForwardToBusinessDay(date);
        expect(moved >= date).toBe(true);
        expect(isBusinessDay(moved)).toBe(true);
        expect(skipped.length).toBe((Date.parse(moved) - Date.parse(date)) / 86_400_000);
        for (const day of skipped) expect(isBusinessDay(day.date)).toBe(false);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

describe('Function: addBusinessDays', () => {
  it('counts only business days', () => {
    expect(addBusinessDays('2026-11-25', 1)).toBe('2026-11-30');
    expect(addBusinessDays('2026-11-28', 0)).toBe('2026-11-30');
    expect(dayOfWeek(addBusinessDays('2026-03-06', 5))).toBe(5);
  });
});
