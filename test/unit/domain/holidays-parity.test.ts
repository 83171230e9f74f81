import Holidays from 'date-holidays';
import { describe, expect, it } from 'vitest';
import {
  CalendarConfigurationError,
  createHolidayCalendar,
  type HolidayCalendarPolicyInput,
  OPTIONAL_HOLIDAY_NAMES,
  SUPPORTED_HOLIDAY_YEARS,
} from '../../../functions/domain/index.js';
import { addOptionalHoliday } from '../../../scripts/generate-holidays.js';

/*
 * The calendar reads holiday dates that scripts/generate-holidays.ts computed with date-holidays. These tests
 * hold it to the full package, `new Holidays('US', 'CA')`, for every supported year (1990–2150).
 */
const YEARS = Array.from(
  { length: SUPPORTED_HOLIDAY_YEARS.last - SUPPORTED_HOLIDAY_YEARS.first + 1 },
  (_, index) => SUPPORTED_HOLIDAY_YEARS.first + index,
);

function expectParity(full: Holidays, policy: HolidayCalendarPolicyInput = {}): void {
  const publicHolidays = (year: number) =>
    full.getHolidays(year).map((holiday) => ({
      date: holiday.date.slice(0, 10),
      name: holiday.name,
      substitute: holiday.substitute === true,
    }));
  const stateService = createHolidayCalendar(policy);
  const federal = createHolidayCalendar({ ...policy, observance: 'federal' });
  for (const year of YEARS) {
    const expected = publicHolidays(year)
      .filter((holiday) => !holiday.substitute)
      .map(({ date, name }) => ({ date, name, observed: false }));
    expect(
      stateService.holidaysIn(year).filter((holiday) => !holiday.observed),
      String(year),
    ).toEqual(expected);
    const prefix = `${year}-`;
    const expectedFederal = [year - 1, year, year + 1]
      .flatMap(publicHolidays)
      .filter((holiday) => holiday.date.startsWith(prefix))
      .map(({ date, name, substitute }) => ({ date, name, observed: substitute }))
      .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    expect(federal.holidaysIn(year), String(year)).toEqual(expectedFederal);
  }
}

describe('Parity: createHolidayCalendar against the full date-holidays package, 1990–2150', () => {
  const full = new Holidays('US', 'CA', { types: ['public'] });
  const publicHolidays = (year: number) =>
    full.getHolidays(year).map((holiday) => ({
      date: holiday.date.slice(0, 10),
      name: holiday.name,
      substitute: holiday.substitute === true,
    }));

  it('closes on every California public holiday date-holidays lists, under its name', () => {
    const calendar = createHolidayCalendar();
    for (const year of YEARS) {
      const expected = publicHolidays(year)
        .filter((holiday) => !holiday.substitute)
        .map(({ date, name }) => ({ date, name, observed: false }));
      const actual = calendar.holidaysIn(year).filter((holiday) => !holiday.observed);
      expect(actual, String(year)).toEqual(expected);
    }
  });

  it("uses date-holidays' own substitute days under the federal observance", () => {
    const calendar = createHolidayCalendar({ observance: 'federal' });
    for (const year of YEARS) {
      const prefix = `${year}-`;
      const expected = [year - 1, year, year + 1]
        .flatMap(publicHolidays)
        .filter((holiday) => holiday.date.startsWith(prefix))
        .map(({ date, name, substitute }) => ({ date, name, observed: substitute }))
        .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
      expect(calendar.holidaysIn(year), String(year)).toEqual(expected);
    }
  });
});

describe('Parity: additionalHolidays against date-holidays with the same rules added, 1990–2150', () => {
  it.each(OPTIONAL_HOLIDAY_NAMES.map((name) => [name]))('adds %s', (name) => {
    const full = new Holidays('US', 'CA', { types: ['public'] });
    addOptionalHoliday(full, name);
    expectParity(full, { additionalHolidays: [name] });
  });

  it('adds all of them together', () => {
    const full = new Holidays('US', 'CA', { types: ['public'] });
    for (const name of OPTIONAL_HOLIDAY_NAMES) addOptionalHoliday(full, name);
    expectParity(full, { additionalHolidays: [...OPTIONAL_HOLIDAY_NAMES] });
  });
});

describe('Function: createHolidayCalendar (bundled rules)', () => {
  it('accepts the country and state in any case, as date-holidays does', () => {
    expect(createHolidayCalendar({ country: 'us', region: 'ca' }).holidaysIn(2026)).toEqual(
      createHolidayCalendar().holidaysIn(2026),
    );
  });

  it('refuses a country or state whose rules are not bundled instead of returning no holidays', () => {
    expect(() => createHolidayCalendar({ country: 'DE', region: 'BY' })).toThrow(CalendarConfigurationError);
    expect(() => createHolidayCalendar({ region: 'NY' })).toThrow(/only US\/CA are bundled/);
  });

  it('refuses a year outside the generated range, naming the range', () => {
    const calendar = createHolidayCalendar();
    expect(() => calendar.holidaysIn(1989)).toThrow(CalendarConfigurationError);
    expect(() => calendar.holidayOn('2151-01-01')).toThrow(/generated for 1990–2150 only; 2151 is outside/);
    expect(calendar.holidaysIn(1990).length).toBeGreaterThan(0);
    expect(calendar.holidayOn('2150-12-25')?.name).toBe('Christmas Day');
  });

  it('refuses date-holidays rules and unknown names in additionalHolidays, listing the names it takes', () => {
    expect(() => createHolidayCalendar({ additionalHolidays: ['02-12'] })).toThrow(
      CalendarConfigurationError,
    );
    expect(() => createHolidayCalendar({ additionalHolidays: ['Good Friday'] })).toThrow(
      "additionalHolidays: 'Good Friday' is not an optional holiday; use one of: Lincoln Day, Admission Day, Native American Day, Columbus Day.",
    );
  });
});
