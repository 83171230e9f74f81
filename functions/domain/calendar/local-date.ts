import { InvalidLocalDateError } from '../errors.js';

/**
 * A calendar date with no time of day and no zone, written YYYY-MM-DD. Due dates are local dates in the
 * enrollment's time zone; arithmetic on them is done on a UTC-midnight Date so DST can never shift a day.
 */
export type LocalDate = string;

const LOCAL_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

export interface DateParts {
  year: number;
  month: number;
  day: number;
}

export function parseLocalDate(date: LocalDate): DateParts {
  const match = LOCAL_DATE_PATTERN.exec(date);
  if (!match) throw new InvalidLocalDateError(date);
  const parts = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  // Round-trip through Date.UTC to reject dates such as 2026-02-30 or 2026-13-01.
  if (utcMidnightToLocalDate(toUtcMidnight(parts)) !== date) throw new InvalidLocalDateError(date);
  return parts;
}

export function isLocalDate(value: string): boolean {
  try {
    parseLocalDate(value);
    return true;
  } catch {
    return false;
  }
}

export function formatLocalDate(parts: DateParts): LocalDate {
  const year = String(parts.year).padStart(4, '0');
  const month = String(parts.month).padStart(2, '0');
  const day = String(parts.day).padStart(2, '0');
  return `${year}-${month}-${day}`;
}

/** Date.UTC without its quirk of reading years 0-99 as 1900-1999. */
export function utcEpochMs(parts: DateParts, hour = 0, minute = 0, second = 0, millisecond = 0): number {
  const value = new Date(Date.UTC(2000, 0, 1, hour, minute, second, millisecond));
  value.setUTCFullYear(parts.year, parts.month - 1, parts.day);
  return value.getTime();
}

function toUtcMidnight(parts: DateParts): Date {
  return new Date(utcEpochMs(parts));
}

/** The date as a UTC-midnight Date: the "floating" form rrule works with. */
export function localDateToUtcMidnight(date: LocalDate): Date {
  return toUtcMidnight(parseLocalDate(date));
}

export function utcMidnightToLocalDate(value: Date): LocalDate {
  return formatLocalDate({
    year: value.getUTCFullYear(),
    month: value.getUTCMonth() + 1,
    day: value.getUTCDate(),
  });
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return utcMidnightToLocalDate(new Date(localDateToUtcMidnight(date).getTime() + days * MS_PER_DAY));
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Adds calendar months, clamping to the last day of a shorter month (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const { year, month, day } = parseLocalDate(date);
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = (monthIndex % 12) + 1;
  return formatLocalDate({
    year: targetYear,
    month: targetMonth,
    day: Math.min(day, daysInMonth(targetYear, targetMonth)),
  });
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: LocalDate): number {
  return localDateToUtcMidnight(date).getUTCDay();
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round(
    (localDateToUtcMidnight(to).getTime() - localDateToUtcMidnight(from).getTime()) / MS_PER_DAY,
  );
}

export function compareLocalDates(a: LocalDate, b: LocalDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** ISO-8601 week key such as 2026-W01 (weeks start on Monday; week 1 holds the first Thursday). */
export function isoWeekKey(date: LocalDate): string {
  const weekday = dayOfWeek(date) || 7;
  const thursday = addDays(date, 4 - weekday);
  const { year } = parseLocalDate(thursday);
  const week = Math.floor(daysBetween(`${String(year).padStart(4, '0')}-01-01`, thursday) / 7) + 1;
  return `${String(year).padStart(4, '0')}-W${String(week).padStart(2, '0')}`;
}
