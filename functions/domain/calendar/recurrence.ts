import * as rruleModule from 'rrule';
import { InvalidCadenceError } from '../errors.js';
import {
  addDays,
  addMonths,
  daysBetween,
  fromEpochDay,
  isoWeekKey,
  type LocalDate,
  localDateToUtcMidnight,
  parseLocalDate,
  toEpochDay,
  utcMidnightToLocalDate,
} from './local-date.js';
import { plainCadenceOf, plainOccurrencesBetween, plainSchedule } from './plain-cadence.js';

// rrule ships CommonJS without an "exports" map: Node's ESM loader exposes it as a default export, while a
// bundler that follows its "module" field sees named exports only. Take RRule from whichever is there.
const { RRule } = ((rruleModule as unknown as { default?: typeof rruleModule }).default ??
  rruleModule) as typeof rruleModule;

/*
 * Why "floating" dates: due dates are calendar dates in the enrollment's zone, so rules are expanded on
 * UTC-midnight dates with no TZID and converted to instants afterwards (time-zones.ts). rrule's TZID mode
 * returns Dates whose meaning depends on the host's zone and moves wall times across DST; expanding
 * dates only sidesteps both, and DST can then only affect the deadline instant, which Intl handles.
 */

export const RECURRENCE_FREQUENCIES = ['YEARLY', 'MONTHLY', 'WEEKLY', 'DAILY'] as const;
export type RecurrenceFrequency = (typeof RECURRENCE_FREQUENCIES)[number];

const ALLOWED_PARTS = new Set([
  'FREQ',
  'INTERVAL',
  'COUNT',
  'UNTIL',
  'BYMONTH',
  'BYMONTHDAY',
  'BYDAY',
  'BYSETPOS',
  'BYYEARDAY',
  'BYWEEKNO',
  'WKST',
]);
const WEEKDAY = '(MO|TU|WE|TH|FR|SA|SU)';
const intList = (min: number, max: number, allowNegative: boolean) => (value: string) =>
  value.split(',').every((item) => {
    if (!/^[+-]?\d+$/.test(item)) return false;
    const n = Math.abs(Number(item));
    return n >= min && n <= max && (allowNegative || !item.startsWith('-')) && Number(item) !== 0;
  });
/** RRule.parseString accepts nonsense such as BYMONTH=13 and then yields nothing, so values are checked here. */
const VALUE_CHECKS: Record<string, { test: (value: string) => boolean; allowed: string }> = {
  COUNT: { test: intList(1, 100_000, false), allowed: 'a whole number of at least 1' },
  UNTIL: { test: (v) => /^\d{8}(T\d{6}Z?)?$/.test(v), allowed: 'a date as YYYYMMDD' },
  BYMONTH: { test: intList(1, 12, false), allowed: 'months 1-12, comma separated' },
  BYMONTHDAY: { test: intList(1, 31, true), allowed: 'days 1-31 or -1 to -31, comma separated' },
  BYSETPOS: { test: intList(1, 366, true), allowed: 'positions 1-366 or -1 to -366' },
  BYYEARDAY: { test: intList(1, 366, true), allowed: 'days 1-366 or -1 to -366' },
  BYWEEKNO: { test: intList(1, 53, true), allowed: 'weeks 1-53 or -1 to -53' },
  BYDAY: {
    test: (v) => v.split(',').every((item) => new RegExp(`^([+-]?[1-9]\\d?)?${WEEKDAY}$`).test(item)),
    allowed: 'weekdays such as MO,WE or 1MO, -1FR',
  },
  WKST: { test: (v) => new RegExp(`^${WEEKDAY}$`).test(v), allowed: 'a weekday code such as MO' },
};
const PLAIN_PARTS = new Set(['FREQ', 'INTERVAL', 'COUNT', 'UNTIL', 'WKST']);
const FREQUENCY_CODES: Record<RecurrenceFrequency, number> = {
  YEARLY: RRule.YEARLY,
  MONTHLY: RRule.MONTHLY,
  WEEKLY: RRule.WEEKLY,
  DAILY: RRule.DAILY,
};

export interface RecurrenceRule {
  /** The rule as written, e.g. FREQ=YEARLY;INTERVAL=3. */
  source: string;
  frequency: RecurrenceFrequency;
  interval: number;
  /** Only FREQ/INTERVAL/COUNT/UNTIL: exactly one occurrence per frequency period. */
  plain: boolean;
}

function splitParts(rule: string): Map<string, string> {
  const parts = new Map<string, string>();
  const body = rule.trim().replace(/^RRULE:/i, '');
  if (body === '') throw new InvalidCadenceError(rule, 'it is empty; write e.g. FREQ=YEARLY;INTERVAL=3');
  for (const piece of body.split(';')) {
    const [name, value, ...rest] = piece.split('=');
    const key = (name ?? '').trim().toUpperCase();
    if (!value || rest.length > 0) throw new InvalidCadenceError(rule, `'${piece}' is not NAME=VALUE`);
    if (key === 'DTSTART' || key === 'TZID') {
      throw new InvalidCadenceError(
        rule,
        `${key} is not allowed: the enrollment supplies the anchor date and zone`,
      );
    }
    if (!ALLOWED_PARTS.has(key)) {
      throw new InvalidCadenceError(
        rule,
        `${key} is not supported (allowed: ${[...ALLOWED_PARTS].join(', ')})`,
      );
    }
    if (parts.has(key)) throw new InvalidCadenceError(rule, `${key} appears twice`);
    const normalized = value.trim().toUpperCase();
    const check = VALUE_CHECKS[key];
    if (check && !check.test(normalized)) {
      throw new InvalidCadenceError(rule, `${key}=${normalized} is not valid; use ${check.allowed}`);
    }
    parts.set(key, normalized);
  }
  return parts;
}

/** Parses and checks an RFC 5545 RRULE body (no DTSTART/TZID; date-level frequencies only). */
export function parseRecurrenceRule(rule: string): RecurrenceRule {
  const parts = splitParts(rule);
  const frequency = parts.get('FREQ');
  if (!frequency || !(RECURRENCE_FREQUENCIES as readonly string[]).includes(frequency)) {
    throw new InvalidCadenceError(rule, `FREQ must be one of ${RECURRENCE_FREQUENCIES.join(', ')}`);
  }
  const interval = Number(parts.get('INTERVAL') ?? '1');
  if (!Number.isInteger(interval) || interval < 1 || interval > 1000) {
    throw new InvalidCadenceError(rule, 'INTERVAL must be a whole number from 1 to 1000');
  }
  return {
    source: rule.trim(),
    frequency: frequency as RecurrenceFrequency,
    interval,
    plain: [...parts.keys()].every((key) => PLAIN_PARTS.has(key)),
  };
}

/** For zod refinements: the problem with a rule, or null when it is usable. */
export function recurrenceRuleProblem(rule: string): string | null {
  try {
    parseRecurrenceRule(rule);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

/*
 * RFC 5545 skips dates that do not exist (a monthly rule anchored on the 31st has no February date; a
 * yearly rule anchored on Feb 29 fires only in leap years). An obligation must not silently vanish, so
 * a plain rule anchored on such a day is clamped to the last day of shorter months instead.
 */
function clampingParts(rule: RecurrenceRule, anchor: LocalDate): string {
  if (!rule.plain) return '';
  const { month, day } = parseLocalDate(anchor);
  const candidates = (last: number) => Array.from({ length: last - 27 }, (_, index) => 28 + index).join(',');
  if (rule.frequency === 'MONTHLY' && day > 28) return `;BYMONTHDAY=${candidates(day)};BYSETPOS=-1`;
  if (rule.frequency === 'YEARLY' && month === 2 && day === 29) {
    return ';BYMONTH=2;BYMONTHDAY=28,29;BYSETPOS=-1';
  }
  return '';
}

function buildRRule(rule: RecurrenceRule, anchor: LocalDate, start: LocalDate) {
  const options = RRule.parseString(rule.source.replace(/^RRULE:/i, '') + clampingParts(rule, anchor));
  return new RRule({
    ...options,
    freq: FREQUENCY_CODES[rule.frequency],
    dtstart: localDateToUtcMidnight(start),
  });
}

/*
 * rrule walks from DTSTART on every call, so an enrollment anchored years ago costs a walk over every
 * past period. A plain rule without COUNT repeats exactly every `interval` periods, so DTSTART can move
 * forward by whole periods to just before the window without changing a single occurrence (clamping
 * keeps using the original anchor's day, so a Feb 29 or 31st anchor still lands on month ends).
 */
function fastForward(rule: RecurrenceRule, anchor: LocalDate, from: LocalDate): LocalDate {
  if (!rule.plain || /(^|;)COUNT=/i.test(rule.source) || from <= anchor) return anchor;
  const periods = (days: number, length: number) => Math.max(0, Math.floor(days / length) - 1);
  const days = daysBetween(anchor, from);
  switch (rule.frequency) {
    case 'DAILY':
    case 'WEEKLY': {
      const step = rule.interval * (rule.frequency === 'WEEKLY' ? 7 : 1);
      return addDays(anchor, periods(days, step) * step);
    }
    case 'MONTHLY':
    case 'YEARLY': {
      const step = rule.interval * (rule.frequency === 'YEARLY' ? 12 : 1);
      // 31 days per month overestimates the month count's denominator, so this never overshoots `from`.
      return addMonths(anchor, periods(days, step * 31) * step);
    }
  }
}

/**
 * The general path: expand the rule with rrule. occurrencesBetween uses it for every rule the arithmetic
 * fast path (plain-cadence.ts) does not cover; it is exported so tests can hold the two paths equal.
 */
export function expandWithRRule(
  rule: RecurrenceRule,
  anchor: LocalDate,
  from: LocalDate,
  to: LocalDate,
): LocalDate[] {
  if (to < from) return [];
  return buildRRule(rule, anchor, fastForward(rule, anchor, from))
    .between(localDateToUtcMidnight(from), localDateToUtcMidnight(to), true)
    .map(utcMidnightToLocalDate);
}

/** Nominal occurrence dates of a rule anchored on `anchor`, from `from` to `to` inclusive. */
export function occurrencesBetween(
  rule: RecurrenceRule | string,
  anchor: LocalDate,
  from: LocalDate,
  to: LocalDate,
): LocalDate[] {
  const parsed = typeof rule === 'string' ? parseRecurrenceRule(rule) : rule;
  if (to < from) return [];
  const cadence = plainCadenceOf(parsed);
  // The rrule path reads a later `from` before the anchor; keep that order so a bad date reports the same.
  const fromDay = cadence && from > anchor ? toEpochDay(from) : undefined;
  const schedule = cadence && plainSchedule(cadence, anchor);
  if (!schedule) return expandWithRRule(parsed, anchor, from, to);
  return plainOccurrencesBetween(schedule, fromDay ?? toEpochDay(from), toEpochDay(to)).map(fromEpochDay);
}

/**
 * The period an occurrence belongs to, used in occurrence ids. A plain rule yields one occurrence per
 * period, so the key names the period (2026, 2026-03, 2026-W11) and moving the anchor day within it
 * cannot mint a second id. Rules with BY* parts may fire several times a period, so they use the date.
 */
export function periodKeyFor(rule: RecurrenceRule, nominalDate: LocalDate): string {
  if (!rule.plain) return nominalDate;
  switch (rule.frequency) {
    case 'YEARLY':
      return nominalDate.slice(0, 4);
    case 'MONTHLY':
      return nominalDate.slice(0, 7);
    case 'WEEKLY':
      return isoWeekKey(nominalDate);
    case 'DAILY':
      return nominalDate;
  }
}
