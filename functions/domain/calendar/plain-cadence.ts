import {
  type EpochDay,
  epochDayFromParts,
  type LocalDate,
  monthLength,
  partsFromEpochDay,
  toEpochDay,
} from './local-date.js';
import type { RecurrenceRule } from './recurrence.js';

/*
 * The fast path for the rules almost every enrollment uses: FREQ with an optional INTERVAL and nothing
 * else. Such a rule fires on the anchor and then every `step` days (DAILY, WEEKLY) or months (MONTHLY,
 * YEARLY), a monthly or yearly date clamped to the end of a shorter month; that is exactly what the rrule
 * expansion in recurrence.ts produces with its clamping parts. Here the n-th date is computed directly
 * instead of building an RRule and walking it, which costs tens of microseconds per enrollment.
 * A property test (test/unit/domain/plan-due-occurrences-fast-path.test.ts) checks both paths agree.
 *
 * Anything else takes the rrule path: BY* parts, COUNT and UNTIL (which rrule counts and compares
 * itself), WKST, rules written with spaces (rrule rejects those and that error must stay), and anchors
 * before 1900, since rrule's Date handling goes wrong for years below 100 and there is no reason to
 * reproduce it.
 */

/** One occurrence every `step` units after the anchor. */
export interface PlainCadence {
  readonly unit: 'day' | 'month';
  readonly step: number;
}

/** A plain cadence pinned to an anchor date. */
export interface PlainSchedule extends PlainCadence {
  readonly anchorDay: EpochDay;
  /** year * 12 + (month - 1) of the anchor. */
  readonly anchorMonthIndex: number;
  /** Day of month of the anchor, which shorter months clamp. */
  readonly anchorDayOfMonth: number;
}

const SIMPLE_PART = /^(?:FREQ=(?:DAILY|WEEKLY|MONTHLY|YEARLY)|INTERVAL=\d+)$/i;
const FIRST_FAST_ANCHOR: LocalDate = '1900-01-01';
/** The cadence of a FREQ[;INTERVAL] rule, or null when the rule needs rrule. */
export function plainCadenceOf(rule: RecurrenceRule): PlainCadence | null {
  // parseRecurrenceRule has already refused duplicates, unknown parts and a missing FREQ.
  const parts = rule.source.replace(/^RRULE:/i, '').split(';');
  if (!parts.every((part) => SIMPLE_PART.test(part))) return null;
  switch (rule.frequency) {
    case 'DAILY':
      return { unit: 'day', step: rule.interval };
    case 'WEEKLY':
      return { unit: 'day', step: rule.interval * 7 };
    case 'MONTHLY':
      return { unit: 'month', step: rule.interval };
    case 'YEARLY':
      return { unit: 'month', step: rule.interval * 12 };
  }
}

/** The cadence pinned to `anchor`, or null when the anchor is outside the fast path's years. */
export function plainSchedule(cadence: PlainCadence, anchor: LocalDate): PlainSchedule | null {
  if (anchor < FIRST_FAST_ANCHOR) return null;
  const anchorDay = toEpochDay(anchor);
  const { year, month, day } = partsFromEpochDay(anchorDay);
  return { ...cadence, anchorDay, anchorMonthIndex: year * 12 + month - 1, anchorDayOfMonth: day };
}

/** The date of occurrence `index` (0 is the anchor itself). */
export function plainOccurrence(schedule: PlainSchedule, index: number): EpochDay {
  if (schedule.unit === 'day') return schedule.anchorDay + index * schedule.step;
  const monthIndex = schedule.anchorMonthIndex + index * schedule.step;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12 + 1;
  return epochDayFromParts({
    year,
    month,
    day: Math.min(schedule.anchorDayOfMonth, monthLength(year, month)),
  });
}

/** The index of the first occurrence on or after `day`, computed rather than walked. */
export function firstPlainIndexFrom(schedule: PlainSchedule, day: EpochDay): number {
  if (day <= schedule.anchorDay) return 0;
  if (schedule.unit === 'day') return Math.ceil((day - schedule.anchorDay) / schedule.step);
  // The first occurrence in or after day's month; if it falls earlier in that same month, the next one.
  const { year, month } = partsFromEpochDay(day);
  const index = Math.ceil((year * 12 + month - 1 - schedule.anchorMonthIndex) / schedule.step);
  return plainOccurrence(schedule, index) < day ? index + 1 : index;
}

/** Occurrence dates from `from` to `to` inclusive. */
export function plainOccurrencesBetween(schedule: PlainSchedule, from: EpochDay, to: EpochDay): EpochDay[] {
  const days: EpochDay[] = [];
  for (let index = firstPlainIndexFrom(schedule, from); ; index += 1) {
    const day = plainOccurrence(schedule, index);
    if (day > to) return days;
    days.push(day);
  }
}
