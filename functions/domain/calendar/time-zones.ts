import { InvalidInstantError, InvalidTimeZoneError } from '../errors.js';
import { addDays, formatLocalDate, type LocalDate, parseLocalDate, utcEpochMs } from './local-date.js';

/** California agencies; every enrollment may name another IANA zone. */
export const DEFAULT_TIME_ZONE = 'America/Los_Angeles';

export interface WallTime {
  hour: number;
  minute: number;
  second?: number;
  millisecond?: number;
}

/*
 * Time-zone conversion uses the platform's Intl (ICU tz database) rather than a library: it is exact,
 * kept current by Node releases, and the domain only needs two operations (instant → local wall clock,
 * local wall clock → instant).
 */
const MS_PER_DAY = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      });
    } catch {
      throw new InvalidTimeZoneError(timeZone);
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Accepts a Date or an ISO-8601 string and returns a valid Date; never reads the clock. */
export function toInstant(value: Date | string): Date {
  const instant = value instanceof Date ? new Date(value.getTime()) : new Date(value);
  if (Number.isNaN(instant.getTime())) throw new InvalidInstantError(value);
  return instant;
}

export function toIsoInstant(value: Date | string): string {
  return toInstant(value).toISOString();
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClockAt(epochMs: number, timeZone: string): WallClock {
  const values: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(epochMs))) {
    if (part.type !== 'literal') values[part.type] = Number(part.value);
  }
  return {
    year: values.year ?? 0,
    month: values.month ?? 0,
    day: values.day ?? 0,
    hour: values.hour ?? 0,
    minute: values.minute ?? 0,
    second: values.second ?? 0,
  };
}

/** Offset of the zone from UTC at an instant, in milliseconds (negative west of Greenwich). */
function offsetAt(epochMs: number, timeZone: string): number {
  const wholeSecond = Math.floor(epochMs / 1000) * 1000;
  const wall = wallClockAt(wholeSecond, timeZone);
  const asUtc = utcEpochMs(wall, wall.hour, wall.minute, wall.second);
  return asUtc - wholeSecond;
}

/** The calendar date an instant falls on in a zone. */
export function localDateAt(instant: Date | string, timeZone: string): LocalDate {
  const wall = wallClockAt(toInstant(instant).getTime(), timeZone);
  return formatLocalDate(wall);
}

/**
 * The instant a local wall-clock time occurs in a zone. The offsets a day before and a day after bracket
 * any DST change; a candidate is valid when the zone really shows that wall time at it. In a fall-back
 * overlap the earlier valid instant wins; a wall time inside a spring-forward gap does not exist and is
 * read with the offset from before the gap, which lands just after the gap (02:30 becomes 03:30).
 */
export function zonedWallTimeToInstant(date: LocalDate, time: WallTime, timeZone: string): Date {
  const wall = utcEpochMs(
    parseLocalDate(date),
    time.hour,
    time.minute,
    time.second ?? 0,
    time.millisecond ?? 0,
  );
  const offsetBefore = offsetAt(wall - MS_PER_DAY, timeZone);
  const offsetAfter = offsetAt(wall + MS_PER_DAY, timeZone);
  const valid = [wall - offsetBefore, wall - offsetAfter].filter(
    (candidate) => offsetAt(candidate, timeZone) === wall - candidate,
  );
  return new Date(valid.length > 0 ? Math.min(...valid) : wall - offsetBefore);
}

/** The first instant of a local date (in a zone whose DST starts at midnight this is 01:00). */
export function startOfLocalDay(date: LocalDate, timeZone: string): Date {
  return zonedWallTimeToInstant(date, { hour: 0, minute: 0 }, timeZone);
}

/** The last millisecond of a local date: the deadline instant for a due date. */
export function endOfLocalDay(date: LocalDate, timeZone: string): Date {
  return new Date(startOfLocalDay(addDays(date, 1), timeZone).getTime() - 1);
}
