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

const MONTH_LENGTHS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** Days in a month of the proleptic Gregorian calendar, for any year (no Date.UTC quirk for 0-99). */
export function monthLength(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : (MONTH_LENGTHS[month - 1] as number);
}

export function parseLocalDate(date: LocalDate): DateParts {
  const match = LOCAL_DATE_PATTERN.exec(date);
  if (!match) throw new InvalidLocalDateError(date);
  const parts = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  // Reject dates such as 2026-02-30 or 2026-13-01. Checked arithmetically (proleptic Gregorian, like Date)
  // rather than by a round trip through Date, because this runs for every date the planner touches.
  if (
    parts.month < 1 ||
    parts.month > 12 ||
    parts.day < 1 ||
    parts.day > monthLength(parts.year, parts.month)
  ) {
    throw new InvalidLocalDateError(date);
  }
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

/**
 * Whole days since 1970-01-01. Hot loops (planning hundreds of thousands of enrollments) do their date
 * arithmetic on these integers and only format the dates they return, because every string LocalDate
 * operation above parses, validates and re-formats.
 */
export type EpochDay = number;

/*
 * Proleptic Gregorian day numbers by Howard Hinnant's days_from_civil / civil_from_days
 * (https://howardhinnant.github.io/date_algorithms.html): pure integer maths, so no Date object and no
 * Date.UTC quirk for years 0-99.
 */
export function epochDayFromParts({ year, month, day }: DateParts): EpochDay {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

export function partsFromEpochDay(epochDay: EpochDay): DateParts {
  const shifted = epochDay + 719_468;
  const era = Math.floor(shifted / 146_097);
  const dayOfEra = shifted - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Validates like parseLocalDate (throws InvalidLocalDateError). */
export function toEpochDay(date: LocalDate): EpochDay {
  return epochDayFromParts(parseLocalDate(date));
}

export function fromEpochDay(epochDay: EpochDay): LocalDate {
  return formatLocalDate(partsFromEpochDay(epochDay));
}
