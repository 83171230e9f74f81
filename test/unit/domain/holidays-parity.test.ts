import Holidays from 'date-holidays';
import HolidaysParser from 'date-holidays-parser';
import { describe, expect, it } from 'vitest';
import { US_CA_HOLIDAY_DATA } from '../../../functions/domain/calendar/us-ca-holiday-data.generated.js';
import { CalendarConfigurationError, createHolidayCalendar } from '../../../functions/domain/index.js';

/*
 * The calendar reads an extract of date-holidays' data through date-holidays-parser. These tests hold it to
 * the full package, `new Holidays('US', 'CA')`, for every year 2000–2100.
 */
const YEARS = Array.from({ length: 101 }, (_, index) => 2000 + index);

interface Engine {
  getHolidays(year: number): {
    date: string;
    start: Date;
    end: Date;
    name: string;
    type: string;
    rule: string;
    substitute?: boolean;
  }[];
}

/** Everything date-holidays reports about a holiday: date and time span, name, type, rule, substitute flag. */
function describeHolidays(engine: Engine, year: number) {
  return engine.getHolidays(year).map(({ date, start, end, name, type, rule, substitute }) => ({
    date,
    start: start.toISOString(),
    end: end.toISOString(),
    name,
    type,
    rule,
    substitute: substitute === true,
  }));
}

function expectSameHolidays(extract: Engine, full: Engine): void {
  for (const year of YEARS) {
    const expected = describeHolidays(full, year);
    expect(expected.length).toBeGreaterThan(0);
    expect(describeHolidays(extract, year), String(year)).toEqual(expected);
  }
}

describe('Parity: date-holidays-parser on the US/CA extract against the full date-holidays package', () => {
  it('gives the same holidays of every type, with substitute days, for 2000–2100', () => {
    expectSameHolidays(new HolidaysParser(US_CA_HOLIDAY_DATA, 'US', 'CA'), new Holidays('US', 'CA'));
  });

  it('gives the same public holidays, as the calendar requests them, for 2000–2100', () => {
    const options = { types: ['public' as const] };
    expectSameHolidays(
      new HolidaysParser(US_CA_HOLIDAY_DATA, 'US', 'CA', options),
      new Holidays('US', 'CA', options),
    );
  });

  it('reads added rules the same way (additionalHolidays)', () => {
    const extract = new HolidaysParser(US_CA_HOLIDAY_DATA, 'US', 'CA', { types: ['public'] });
    const full = new Holidays('US', 'CA', { types: ['public'] });
    const rules = {
      '02-12 and if sunday then next monday': 'Lincoln Day',
      '4th friday in September': 'Native American Day',
      'easter -2': 'Good Friday',
      '12-24 if saturday then previous friday': 'Christmas Eve',
    };
    for (const [rule, name] of Object.entries(rules)) {
      expect(extract.setHoliday(rule, { name, type: 'public' })).toBe(true);
      expect(full.setHoliday(rule, { name, type: 'public' })).toBe(true);
    }
    expectSameHolidays(extract, full);
  });
});

describe('Parity: createHolidayCalendar against the full date-holidays package, 2000–2100', () => {
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
});
