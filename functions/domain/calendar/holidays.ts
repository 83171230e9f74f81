import HolidaysParser from 'date-holidays-parser';
import * as z from 'zod';
import { CalendarConfigurationError } from '../errors.js';
import { addDays, dayOfWeek, type LocalDate } from './local-date.js';
import { US_CA_HOLIDAY_DATA } from './us-ca-holiday-data.generated.js';

/*
 * Holiday dates come from date-holidays (country US, state CA, type "public"), never from a hand-typed
 * list. The rules are date-holidays' own US data with California as the only state, extracted by
 * `npm run generate:holidays` into us-ca-holiday-data.generated.ts and read by date-holidays-parser, the
 * engine date-holidays is built on, so the package's data for every other country stays out of the
 * bundles; a test fails when the extract no longer matches the installed date-holidays. (The engine's
 * own dependencies, moment-timezone's zone database and astronomia, still weigh about 1 MB minified.)
 *
 * In 3.37 the list is the CalHR state-holiday list (New Year's Day, Martin Luther King Jr. Day,
 * Presidents' Day, César Chávez Day, Memorial Day, Independence Day, Labor Day, Veterans Day,
 * Thanksgiving and the day after, Christmas) plus Juneteenth, which Gov. Code §6700 now names.
 *
 * Observed dates are the part that differs by employer, so they are a policy:
 * - 'california-state-service' (default): a holiday on a Sunday is observed the following Monday; a
 *   Saturday holiday is not moved (state staff accrue holiday credit instead), except that Veterans Day
 *   on a Saturday is observed the Friday before (Gov. Code §6701; CalHR state-holiday notes).
 * - 'federal': the library's own substitute days (Saturday → Friday, Sunday → Monday), as federal and
 *   many county offices observe them.
 */
export const HOLIDAY_OBSERVANCES = ['california-state-service', 'federal'] as const;
export type HolidayObservance = (typeof HOLIDAY_OBSERVANCES)[number];

export const HolidayCalendarPolicySchema = z.object({
  /** Only the country and state carried in us-ca-holiday-data.generated.ts: US and CA. */
  country: z.string().min(2).default('US'),
  region: z.string().min(1).default('CA'),
  observance: z
    .enum(HOLIDAY_OBSERVANCES, {
      error: `observance must be one of: ${HOLIDAY_OBSERVANCES.join(', ')}`,
    })
    .default('california-state-service'),
  /** Month-day keys (MM-DD) whose Saturday occurrence is observed the Friday before. */
  saturdayObservedFriday: z
    .array(z.string().regex(/^\d{2}-\d{2}$/, 'use MM-DD, e.g. 11-11'))
    .default(['11-11']),
  /** Holiday names (as date-holidays spells them) to treat as business days, e.g. "Juneteenth". */
  excludeHolidays: z.array(z.string().min(1)).default([]),
  /**
   * Extra holidays in date-holidays' rule grammar, e.g. { rule: '02-12', name: 'Lincoln Day' } or
   * { rule: '4th friday in September', name: 'Native American Day' } for courts or counties that close.
   */
  additionalHolidays: z.array(z.object({ rule: z.string().min(1), name: z.string().min(1) })).default([]),
  /** One-off closures, e.g. a day the Governor declares a holiday. */
  extraClosedDates: z.array(z.iso.date()).default([]),
});

export type HolidayCalendarPolicy = z.output<typeof HolidayCalendarPolicySchema>;
export type HolidayCalendarPolicyInput = z.input<typeof HolidayCalendarPolicySchema>;

export interface Holiday {
  date: LocalDate;
  name: string;
  observed: boolean;
}

export interface HolidayCalendar {
  readonly policy: HolidayCalendarPolicy;
  /** Holidays that close business on a date in `year`, observed days included. */
  holidaysIn(year: number): readonly Holiday[];
  holidayOn(date: LocalDate): Holiday | undefined;
}

interface LibraryHoliday {
  date: LocalDate;
  name: string;
  substitute: boolean;
}

/** Country → states whose rules the bundles carry (see scripts/generate-holidays.ts). */
function carriedRegions(): Map<string, readonly string[]> {
  return new Map(
    Object.entries(US_CA_HOLIDAY_DATA.holidays).map(([country, rules]) => [
      country,
      Object.keys(rules.states),
    ]),
  );
}

function createLibrary(policy: HolidayCalendarPolicy): HolidaysParser {
  const states = carriedRegions().get(policy.country.toUpperCase());
  if (!states?.includes(policy.region.toUpperCase())) {
    const carried = [...carriedRegions()].map(([country, regions]) => `${country}/${regions.join(', ')}`);
    throw new CalendarConfigurationError(
      `No holiday rules for ${policy.country}/${policy.region}: only ${carried.join('; ')} are bundled (scripts/generate-holidays.ts).`,
    );
  }
  const library = new HolidaysParser(US_CA_HOLIDAY_DATA, policy.country, policy.region, {
    types: ['public'],
  });
  for (const extra of policy.additionalHolidays) {
    if (!library.setHoliday(extra.rule, { name: extra.name, type: 'public' })) {
      throw new CalendarConfigurationError(
        `additionalHolidays: date-holidays could not read the rule '${extra.rule}' for '${extra.name}'.`,
      );
    }
  }
  return library;
}

function libraryHolidays(library: HolidaysParser, year: number): LibraryHoliday[] {
  return library.getHolidays(year).map((holiday) => ({
    date: holiday.date.slice(0, 10),
    name: holiday.name,
    substitute: holiday.substitute === true,
  }));
}

function observedDays(base: LibraryHoliday, policy: HolidayCalendarPolicy): Holiday[] {
  const weekday = dayOfWeek(base.date);
  const observed: Holiday[] = [{ date: base.date, name: base.name, observed: false }];
  if (weekday === 0)
    observed.push({ date: addDays(base.date, 1), name: `${base.name} (observed)`, observed: true });
  if (weekday === 6 && policy.saturdayObservedFriday.includes(base.date.slice(5))) {
    observed.push({ date: addDays(base.date, -1), name: `${base.name} (observed)`, observed: true });
  }
  return observed;
}

export function createHolidayCalendar(input: HolidayCalendarPolicyInput = {}): HolidayCalendar {
  const policy = HolidayCalendarPolicySchema.parse(input);
  const library = createLibrary(policy);
  const byYear = new Map<number, Holiday[]>();
  const byDate = new Map<LocalDate, Holiday>();

  function holidaysIn(year: number): readonly Holiday[] {
    const cached = byYear.get(year);
    if (cached) return cached;
    const days: Holiday[] = [];
    // Observed days can cross a year boundary (New Year's Day on a Saturday → Friday Dec 31).
    for (const source of [year - 1, year, year + 1]) {
      for (const holiday of libraryHolidays(library, source)) {
        if (policy.excludeHolidays.some((name) => holiday.name.startsWith(name))) continue;
        if (policy.observance === 'federal') {
          days.push({ date: holiday.date, name: holiday.name, observed: holiday.substitute });
        } else if (!holiday.substitute) {
          days.push(...observedDays(holiday, policy));
        }
      }
    }
    for (const date of policy.extraClosedDates)
      days.push({ date, name: 'Declared closure', observed: false });
    const inYear = days
      .filter((day) => day.date.startsWith(`${String(year).padStart(4, '0')}-`))
      .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    byYear.set(year, inYear);
    for (const day of inYear) if (!byDate.has(day.date)) byDate.set(day.date, day);
    return inYear;
  }

  return {
    policy,
    holidaysIn,
    holidayOn(date) {
      holidaysIn(Number(date.slice(0, 4)));
      return byDate.get(date);
    },
  };
}
