import * as z from 'zod';
import { CalendarConfigurationError } from '../errors.js';
import { addDays, dayOfWeek, type LocalDate } from './local-date.js';
import { US_CA_HOLIDAY_TABLE } from './us-ca-holiday-data.generated.js';

/*
 * Holiday dates come from date-holidays (country US, state CA, type "public"), never from a hand-typed
 * list. `npm run generate:holidays` runs the full date-holidays package once, at generation time, and writes
 * every holiday date of 1990–2150 (plus the year either side) into us-ca-holiday-data.generated.ts; no rule
 * engine ships in the bundles. Tests fail when that table no longer matches the installed date-holidays, and
 * hold the calendar to `new Holidays('US', 'CA')` for every supported year. A year outside
 * SUPPORTED_HOLIDAY_YEARS throws CalendarConfigurationError: extend the range in scripts/generate-holidays.ts.
 *
 * In 3.37 the list is the CalHR state-holiday list (New Year's Day, Martin Luther King Jr. Day,
 * Presidents' Day, César Chávez Day, Memorial Day, Independence Day, Labor Day, Veterans Day,
 * Thanksgiving and the day after, Christmas) plus Juneteenth, which Gov. Code §6700 now names.
 * `additionalHolidays` can add, by name, the §6700 days in OPTIONAL_HOLIDAY_NAMES (Lincoln Day, Admission
 * Day, Native American Day, Columbus Day); date-holidays rule strings are not read at run time.
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

/** Years the calendar answers for; the generated table also holds the year either side. */
export const SUPPORTED_HOLIDAY_YEARS = {
  first: US_CA_HOLIDAY_TABLE.firstYear + 1,
  last: US_CA_HOLIDAY_TABLE.lastYear - 1,
} as const;

/** Holidays `additionalHolidays` can add (Gov. Code §6700 days CalHR does not give state staff). */
export const OPTIONAL_HOLIDAY_NAMES: readonly string[] = Object.keys(US_CA_HOLIDAY_TABLE.optional);

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
   * Optional holidays to add, by name (one of OPTIONAL_HOLIDAY_NAMES), e.g. ['Lincoln Day',
   * 'Native American Day'] for courts or counties that close. Any other name throws CalendarConfigurationError.
   */
  additionalHolidays: z
    .array(
      z
        .string({ error: `additionalHolidays takes holiday names: ${OPTIONAL_HOLIDAY_NAMES.join(', ')}` })
        .min(1),
    )
    .default([]),
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

type HolidayTable = typeof US_CA_HOLIDAY_TABLE;
type OptionalHolidayName = keyof HolidayTable['optional'];

/** The date-holidays holidays carried as encoded years: a letter (name, substitute) and MMDD, 5 characters each. */
function decodeYear(encoded: string, year: number): LibraryHoliday[] {
  const holidays: LibraryHoliday[] = [];
  for (let at = 0; at < encoded.length; at += 5) {
    const [name, substitute] = US_CA_HOLIDAY_TABLE.days[encoded[at] as keyof HolidayTable['days']];
    const date = `${year}-${encoded.slice(at + 1, at + 3)}-${encoded.slice(at + 3, at + 5)}`;
    holidays.push({ date, name, substitute });
  }
  return holidays;
}

function checkRegion(policy: HolidayCalendarPolicy): void {
  if (policy.country.toUpperCase() !== 'US' || policy.region.toUpperCase() !== 'CA') {
    throw new CalendarConfigurationError(
      `No holiday rules for ${policy.country}/${policy.region}: only US/CA are bundled (scripts/generate-holidays.ts).`,
    );
  }
}

function optionalHolidays(policy: HolidayCalendarPolicy): OptionalHolidayName[] {
  const unknown = policy.additionalHolidays.filter((name) => !OPTIONAL_HOLIDAY_NAMES.includes(name));
  if (unknown.length > 0) {
    throw new CalendarConfigurationError(
      `additionalHolidays: ${unknown.map((name) => `'${name}'`).join(', ')} is not an optional holiday; use one of: ${OPTIONAL_HOLIDAY_NAMES.join(', ')}. Date-holidays rules are no longer accepted.`,
    );
  }
  return [...new Set(policy.additionalHolidays)] as OptionalHolidayName[];
}

/**
 * What date-holidays' getHolidays(year) returns for the policy: the public holidays, then each added one,
 * in date order (ties keep that order).
 */
function libraryHolidays(optional: readonly OptionalHolidayName[], year: number): LibraryHoliday[] {
  const index = year - US_CA_HOLIDAY_TABLE.firstYear;
  const holidays = decodeYear(US_CA_HOLIDAY_TABLE.public[index] ?? '', year);
  if (optional.length === 0) return holidays;
  for (const name of optional)
    holidays.push(...decodeYear(US_CA_HOLIDAY_TABLE.optional[name][index] ?? '', year));
  return holidays.sort(compareDates);
}

function compareDates(a: { date: LocalDate }, b: { date: LocalDate }): number {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : 0;
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
  checkRegion(policy);
  const optional = optionalHolidays(policy);
  const byYear = new Map<number, Holiday[]>();
  const byDate = new Map<LocalDate, Holiday>();

  function holidaysIn(year: number): readonly Holiday[] {
    const cached = byYear.get(year);
    if (cached) return cached;
    if (
      !Number.isInteger(year) ||
      year < SUPPORTED_HOLIDAY_YEARS.first ||
      year > SUPPORTED_HOLIDAY_YEARS.last
    ) {
      throw new CalendarConfigurationError(
        `Holiday dates are generated for ${SUPPORTED_HOLIDAY_YEARS.first}–${SUPPORTED_HOLIDAY_YEARS.last} only; ${year} is outside that range (extend it in scripts/generate-holidays.ts).`,
      );
    }
    const days: Holiday[] = [];
    // Observed days can cross a year boundary (New Year's Day on a Saturday → Friday Dec 31).
    for (const source of [year - 1, year, year + 1]) {
      for (const holiday of libraryHolidays(optional, source)) {
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
      .sort(compareDates);
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
