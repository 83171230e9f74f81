import { CalendarConfigurationError } from '../errors.js';
import { createHolidayCalendar, type HolidayCalendar } from './holidays.js';
import { addDays, dayOfWeek, type LocalDate } from './local-date.js';

export interface NonBusinessDay {
  date: LocalDate;
  reason: 'weekend' | 'holiday';
  /** "Saturday", "Sunday" or the holiday's name. */
  name: string;
}

export interface BusinessDayAdjustment {
  /** The first business day on or after the requested date. */
  date: LocalDate;
  /** The days passed over, in order; empty when the requested date was already a business day. */
  skipped: NonBusinessDay[];
}

/** A long run of closures means a misconfigured calendar, not a real schedule. */
const MAX_CONSECUTIVE_CLOSED_DAYS = 31;

let defaultCalendar: HolidayCalendar | undefined;

/** The California state-service calendar, built once on first use. */
export function defaultHolidayCalendar(): HolidayCalendar {
  defaultCalendar ??= createHolidayCalendar();
  return defaultCalendar;
}

export function nonBusinessReason(
  date: LocalDate,
  calendar: HolidayCalendar = defaultHolidayCalendar(),
): NonBusinessDay | null {
  const weekday = dayOfWeek(date);
  if (weekday === 0 || weekday === 6) {
    return { date, reason: 'weekend', name: weekday === 0 ? 'Sunday' : 'Saturday' };
  }
  const holiday = calendar.holidayOn(date);
  return holiday ? { date, reason: 'holiday', name: holiday.name } : null;
}

export function isBusinessDay(
  date: LocalDate,
  calendar: HolidayCalendar = defaultHolidayCalendar(),
): boolean {
  return nonBusinessReason(date, calendar) === null;
}

/** Moves a date forward past weekends and holidays, looping because a holiday can abut a weekend. */
export function rollForwardToBusinessDay(
  date: LocalDate,
  calendar: HolidayCalendar = defaultHolidayCalendar(),
): BusinessDayAdjustment {
  const skipped: NonBusinessDay[] = [];
  let candidate = date;
  for (let step = 0; step <= MAX_CONSECUTIVE_CLOSED_DAYS; step += 1) {
    const reason = nonBusinessReason(candidate, calendar);
    if (!reason) return { date: candidate, skipped };
    skipped.push(reason);
    candidate = addDays(candidate, 1);
  }
  throw new CalendarConfigurationError(
    `No business day within ${MAX_CONSECUTIVE_CLOSED_DAYS} days after ${date}: check the holiday calendar policy.`,
  );
}

export function nextBusinessDay(
  date: LocalDate,
  calendar: HolidayCalendar = defaultHolidayCalendar(),
): LocalDate {
  return rollForwardToBusinessDay(date, calendar).date;
}

/** The business day `count` business days after `date` (count ≥ 0; 0 rolls `date` forward). */
export function addBusinessDays(
  date: LocalDate,
  count: number,
  calendar: HolidayCalendar = defaultHolidayCalendar(),
): LocalDate {
  let current = nextBusinessDay(date, calendar);
  for (let added = 0; added < count; added += 1) current = nextBusinessDay(addDays(current, 1), calendar);
  return current;
}

export const MAX_BUSINESS_DAY_SHIFT = MAX_CONSECUTIVE_CLOSED_DAYS;
