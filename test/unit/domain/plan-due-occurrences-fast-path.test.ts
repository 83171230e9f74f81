import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromEpochDay, toEpochDay } from '../../../functions/domain/calendar/local-date.js';
import { plainCadenceOf } from '../../../functions/domain/calendar/plain-cadence.js';
import { expandWithRRule } from '../../../functions/domain/calendar/recurrence.js';
import {
  addDays,
  auditId,
  createHolidayCalendar,
  type DeploymentOverrides,
  type DueOccurrence,
  defaultHolidayCalendar,
  EnrollmentInputSchema,
  enrollmentId,
  type HolidayCalendar,
  InvalidLocalDateError,
  isLocalDate,
  localDateAt,
  MAX_BUSINESS_DAY_SHIFT,
  OBLIGATIONS_CATALOG,
  occurrencesBetween,
  type PlannableEnrollment,
  parseRecurrenceRule,
  periodKeyFor,
  planDueOccurrences,
  resolveObligation,
  rollForwardToBusinessDay,
  startOfLocalDay,
  toInstant,
} from '../../../functions/domain/index.js';

/*
 * planDueOccurrences takes shortcuts for speed: plain FREQ[;INTERVAL] rules are computed arithmetically
 * instead of expanded with rrule, dates are integer epoch days, and per-run caches hold business-day rolls
 * and local-midnight instants. These properties hold every shortcut to the general path: rrule expansion,
 * and a planner written the straightforward way (expand, roll to a business day, convert, filter).
 */

const NUM_RUNS = {
  plainRules: 3000,
  dateParsing: 5000,
  epochDays: 3000,
  planner: 400,
  openingDays: 250,
};

const DAY_MS = 86_400_000;

// ---------------------------------------------------------------------------------------------------------------
// Plain cadences: arithmetic against rrule

/** FREQ with an optional INTERVAL, written every way parseRecurrenceRule and rrule both accept. */
const plainRuleArb = fc
  .record({
    freq: fc.constantFrom('DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'),
    interval: fc.oneof(
      { weight: 6, arbitrary: fc.integer({ min: 1, max: 6 }) },
      { weight: 1, arbitrary: fc.integer({ min: 7, max: 1000 }) },
    ),
    spelling: fc.constantFrom('implicit-one', 'plain', 'reversed', 'lower-case', 'prefixed', 'zero-padded'),
  })
  .map(({ freq, interval, spelling }) => {
    switch (spelling) {
      case 'implicit-one':
        return interval === 1 ? `FREQ=${freq}` : `FREQ=${freq};INTERVAL=${interval}`;
      case 'plain':
        return `FREQ=${freq};INTERVAL=${interval}`;
      case 'reversed':
        return `INTERVAL=${interval};FREQ=${freq}`;
      case 'lower-case':
        return `freq=${freq.toLowerCase()};interval=${interval}`;
      case 'prefixed':
        return `RRULE:FREQ=${freq};INTERVAL=${interval}`;
      default:
        return `FREQ=${freq};INTERVAL=0${interval}`;
    }
  });

const dateBetween = (first: string, last: string) =>
  fc.integer({ min: toEpochDay(first), max: toEpochDay(last) }).map((day) => fromEpochDay(day));

/** Mostly ordinary anchors, plus month ends, leap days and the 1900 edge of the fast path. */
const anchorArb = fc.oneof(
  { weight: 6, arbitrary: dateBetween('1990-01-01', '2040-12-31') },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '2024-02-29',
      '2000-02-29',
      '2024-01-31',
      '2024-03-30',
      '2024-12-31',
      '2025-08-31',
      '2026-01-29',
      '1900-01-01',
      '1899-12-31',
      '1900-02-28',
    ),
  },
  { weight: 1, arbitrary: dateBetween('1850-01-01', '2200-12-31') },
);

describe('Property: plain cadences computed by arithmetic equal rrule expansion', () => {
  it('occurrencesBetween gives exactly the dates rrule gives, for any plain rule, anchor and window', () => {
    fc.assert(
      fc.property(
        plainRuleArb,
        anchorArb,
        fc.integer({ min: -800, max: 40_000 }),
        fc.integer({ min: -3, max: 900 }),
        (source, anchor, offset, length) => {
          const rule = parseRecurrenceRule(source);
          // Make sure the property exercises the fast path rather than comparing rrule with itself.
          expect(plainCadenceOf(rule)).not.toBeNull();
          const from = addDays(anchor, offset);
          const to = addDays(from, length);
          expect(occurrencesBetween(rule, anchor, from, to)).toEqual(expandWithRRule(rule, anchor, from, to));
        },
      ),
      { numRuns: NUM_RUNS.plainRules },
    );
  });

  it('leaves every other rule, and rules rrule would reject, to rrule', () => {
    for (const source of [
      'FREQ=MONTHLY;COUNT=12',
      'FREQ=YEARLY;UNTIL=20301231',
      'FREQ=WEEKLY;WKST=SU',
      'FREQ=MONTHLY;BYMONTHDAY=1,15',
      'FREQ=YEARLY;BYMONTH=1,7;BYMONTHDAY=15',
      'FREQ=YEARLY; INTERVAL=2',
      'FREQ=YEARLY;INTERVAL=+2',
    ]) {
      expect(plainCadenceOf(parseRecurrenceRule(source)), source).toBeNull();
    }
    expect(plainCadenceOf(parseRecurrenceRule('FREQ=YEARLY;INTERVAL=3'))).toEqual({
      unit: 'month',
      step: 36,
    });
    expect(plainCadenceOf(parseRecurrenceRule('FREQ=WEEKLY;INTERVAL=2'))).toEqual({ unit: 'day', step: 14 });
  });

  it('reports a bad date exactly as the rrule path does', () => {
    const bad = (call: () => unknown) => {
      try {
        call();
      } catch (error) {
        expect(error).toBeInstanceOf(InvalidLocalDateError);
        return (error as Error).message;
      }
      throw new Error('expected InvalidLocalDateError');
    };
    const rule = parseRecurrenceRule('FREQ=YEARLY');
    for (const [anchor, from, to] of [
      ['2026-02-30', '2026-03-01', '2027-01-01'],
      ['2026-01-01', '2026-13-01', '2027-01-01'],
      ['2026-01-01', '2026-01-01', '2026-99-01'],
      ['2026-02-30', '2026-13-01', '2027-01-01'],
      ['2026-13-01', '2026-02-30', '2027-01-01'],
    ] as const) {
      expect(bad(() => occurrencesBetween(rule, anchor, from, to))).toBe(
        bad(() => expandWithRRule(rule, anchor, from, to)),
      );
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Dates without Date: parsing and epoch days against the Date round trip they replace

/** The check parseLocalDate used to make: a date is valid when it survives a trip through Date. */
function survivesDateRoundTrip(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const value = new Date(Date.UTC(2000, 0, 1));
  value.setUTCFullYear(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return value.toISOString().slice(0, 10) === text;
}

const pad = (value: number, width: number) => String(value).padStart(width, '0');

describe('Property: local dates parsed without a Date round trip', () => {
  it('accepts and rejects exactly what the round trip did, in any year', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 19 }),
        fc.integer({ min: 0, max: 39 }),
        (year, month, day) => {
          const text = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
          expect(isLocalDate(text)).toBe(survivesDateRoundTrip(text));
        },
      ),
      { numRuns: NUM_RUNS.dateParsing },
    );
    for (const text of ['0000-02-29', '1900-02-29', '2000-02-29', '2100-02-29', '2024-2-01', ' 2024-02-01']) {
      expect(isLocalDate(text), text).toBe(survivesDateRoundTrip(text));
    }
  });

  it('epoch days count the days Date counts, and convert back to the same date', () => {
    fc.assert(
      fc.property(fc.integer({ min: toEpochDay('0000-01-01'), max: toEpochDay('9999-12-31') }), (day) => {
        const date = new Date(day * DAY_MS).toISOString().slice(0, 10);
        expect(fromEpochDay(day)).toBe(date);
        expect(toEpochDay(date)).toBe(day);
      }),
      { numRuns: NUM_RUNS.epochDays },
    );
    expect(toEpochDay('1970-01-01')).toBe(0);
    expect(fromEpochDay(-1)).toBe('1969-12-31');
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The planner against a planner written the straightforward way

interface ReferenceOptions {
  deploymentOverrides?: DeploymentOverrides;
  calendar?: HolidayCalendar;
}

/**
 * planDueOccurrences as it was before the fast paths: parse each enrollment, resolve its obligation, expand
 * its rule with rrule over the candidate dates, roll each to a business day, convert with Intl, and keep
 * what opens in the window. No caches, no epoch days, no arithmetic cadences.
 */
function referencePlan(
  enrollments: readonly PlannableEnrollment[],
  from: Date,
  to: Date,
  options: ReferenceOptions = {},
): DueOccurrence[] {
  const fromMs = toInstant(from).getTime();
  const toMs = toInstant(to).getTime();
  if (toMs <= fromMs) return [];
  const calendar = options.calendar ?? defaultHolidayCalendar();
  const planned: DueOccurrence[] = [];
  for (const raw of enrollments) {
    const enrollment = EnrollmentInputSchema.parse(raw);
    if (enrollment.status !== 'active') continue;
    const obligation = resolveObligation(OBLIGATIONS_CATALOG, enrollment.programId, {
      deploymentOverrides: options.deploymentOverrides,
      enrollmentOverrides: enrollment.overrides,
    });
    if (obligation.disabled || obligation.cadence.kind !== 'recurring') continue;
    const rule = parseRecurrenceRule(obligation.cadence.rrule);
    const { timeZone } = enrollment;
    const lead = obligation.leadTimeDays;
    const searchFrom = addDays(localDateAt(new Date(fromMs), timeZone), lead - MAX_BUSINESS_DAY_SHIFT - 1);
    let searchTo = addDays(localDateAt(new Date(toMs), timeZone), lead + 1);
    if (enrollment.endDate !== undefined && enrollment.endDate < searchTo) searchTo = enrollment.endDate;
    for (const nominalDate of expandWithRRule(rule, enrollment.anchorDate, searchFrom, searchTo)) {
      const adjustment = rollForwardToBusinessDay(nominalDate, calendar);
      const opensOn = addDays(adjustment.date, -lead);
      const opensAt = startOfLocalDay(opensOn, timeZone).toISOString();
      if (Date.parse(opensAt) < fromMs || Date.parse(opensAt) >= toMs) continue;
      const periodKey = periodKeyFor(rule, nominalDate);
      planned.push({
        occurrenceId: auditId(enrollment.ori, enrollment.programId, periodKey),
        enrollmentId: raw.enrollmentId ?? enrollmentId(enrollment.ori, enrollment.programId),
        ori: enrollment.ori,
        programId: enrollment.programId,
        periodKey,
        nominalDate,
        dueDate: adjustment.date,
        skippedDays: adjustment.skipped,
        dueAt: new Date(startOfLocalDay(addDays(adjustment.date, 1), timeZone).getTime() - 1).toISOString(),
        opensOn,
        opensAt,
        timeZone,
        leadTimeDays: lead,
        responsibleRole: obligation.responsibleRole,
        catalogVersion: obligation.catalogVersion,
      });
    }
  }
  return planned.sort((a, b) =>
    a.opensAt !== b.opensAt ? (a.opensAt < b.opensAt ? -1 : 1) : a.occurrenceId < b.occurrenceId ? -1 : 1,
  );
}

const PROGRAMS = OBLIGATIONS_CATALOG.obligations.map((obligation) => obligation.id);

/** Catalog rules, plain rules the fast path takes, and rules that must stay with rrule. */
const OVERRIDE_RULES = [
  'FREQ=DAILY',
  'FREQ=WEEKLY;INTERVAL=2',
  'FREQ=MONTHLY;INTERVAL=6',
  'FREQ=YEARLY;INTERVAL=5',
  'FREQ=MONTHLY;BYMONTHDAY=1,15',
  'FREQ=YEARLY;BYMONTH=1,7;BYMONTHDAY=15',
  'FREQ=MONTHLY;BYDAY=1MO',
  'FREQ=YEARLY;COUNT=4',
  'FREQ=MONTHLY;UNTIL=20281231',
  'FREQ=WEEKLY;WKST=SU;INTERVAL=3',
] as const;

const ZONES = [
  'America/Los_Angeles',
  'America/Los_Angeles',
  'America/New_York',
  'Pacific/Honolulu',
  'UTC',
  'Australia/Lord_Howe',
  'Pacific/Kiritimati',
  'Pacific/Pago_Pago',
] as const;

const plannerEnrollmentArb = fc
  .record({
    ori: fc.constantFrom('CA0190000', 'CA0340100', 'CA01942ZZ', 'CA0370000', 'CA0430000'),
    programId: fc.constantFrom(...PROGRAMS),
    anchorDate: fc.oneof(
      dateBetween('2015-01-01', '2031-12-31'),
      fc.constantFrom('2024-02-29', '2024-01-31', '2023-12-29', '2025-11-30'),
    ),
    timeZone: fc.constantFrom(...ZONES),
    status: fc.constantFrom('active', 'active', 'active', 'paused', 'ended'),
    endAfterDays: fc.option(fc.integer({ min: 0, max: 4000 }), { nil: undefined }),
    storedId: fc.option(fc.constant('enr_stored'), { nil: undefined }),
    overrides: fc.option(
      fc.record(
        { rrule: fc.constantFrom(...OVERRIDE_RULES), leadTimeDays: fc.integer({ min: 0, max: 120 }) },
        { requiredKeys: [] },
      ),
      { nil: undefined },
    ),
  })
  .map(
    ({ endAfterDays, storedId, ...fields }): PlannableEnrollment => ({
      ...fields,
      ...(endAfterDays === undefined ? {} : { endDate: addDays(fields.anchorDate, endAfterDays) }),
      ...(storedId === undefined ? {} : { enrollmentId: `${storedId}_${fields.ori}_${fields.programId}` }),
    }),
  );

const plannerEnrollmentsArb = (maxLength: number) =>
  fc.uniqueArray(plannerEnrollmentArb, {
    minLength: 1,
    maxLength,
    selector: (enrollment) => `${enrollment.ori}/${enrollment.programId}`,
  });

const CALENDARS: readonly HolidayCalendar[] = [
  defaultHolidayCalendar(),
  createHolidayCalendar({ observance: 'federal' }),
  createHolidayCalendar({
    excludeHolidays: ['Juneteenth'],
    extraClosedDates: ['2026-06-15', '2026-06-16', '2027-12-27'],
  }),
];

/** Any window, or (mostly) one near an anniversary of an anchor in the fleet, where requests do open. */
const windowArb = (enrollments: readonly PlannableEnrollment[]) =>
  fc.record({
    from: fc.oneof(
      fc.integer({ min: Date.parse('2024-01-01T00:00:00Z'), max: Date.parse('2031-06-01T00:00:00Z') }),
      {
        weight: 3,
        arbitrary: fc
          .record({
            anchor: fc.constantFrom(...enrollments.map((enrollment) => enrollment.anchorDate)),
            years: fc.integer({ min: 0, max: 6 }),
            before: fc.integer({ min: -5 * DAY_MS, max: 125 * DAY_MS }),
          })
          .map(
            ({ anchor, years, before }) => Date.parse(`${anchor}T08:00:00Z`) + years * 365 * DAY_MS - before,
          ),
      },
    ),
    length: fc.oneof(
      { weight: 3, arbitrary: fc.constant(DAY_MS) },
      fc.integer({ min: 1, max: 2 * DAY_MS }),
      fc.integer({ min: 1, max: 120 * DAY_MS }),
    ),
  });

describe('Property: planDueOccurrences equals the straightforward planner', () => {
  it('gives the same occurrences, in the same order, for any fleet, window, overrides and calendar', () => {
    fc.assert(
      fc.property(
        plannerEnrollmentsArb(8).chain((enrollments) =>
          windowArb(enrollments).map((window) => ({ enrollments, window })),
        ),
        fc.constantFrom(...CALENDARS.keys()),
        fc.option(
          fc.constantFrom<DeploymentOverrides>(
            { 'account-review': { rrule: 'FREQ=MONTHLY;BYMONTHDAY=-1', leadTimeDays: 10 } },
            { 'audit-log-review': { disabled: true }, 'vulnerability-scanning': { leadTimeDays: 0 } },
          ),
          { nil: undefined },
        ),
        ({ enrollments, window: { from, length } }, calendarIndex, deploymentOverrides) => {
          const options = { calendar: CALENDARS[calendarIndex] as HolidayCalendar, deploymentOverrides };
          const window = [new Date(from), new Date(from + length)] as const;
          expect(planDueOccurrences(enrollments, ...window, options)).toEqual(
            referencePlan(enrollments, ...window, options),
          );
        },
      ),
      { numRuns: NUM_RUNS.planner },
    );
  });

  it('finds each occurrence in the one-day window around its opening, weekend and holiday rolls included', () => {
    fc.assert(
      fc.property(
        plannerEnrollmentsArb(3),
        fc.constantFrom(...CALENDARS.keys()),
        fc.nat(),
        fc.integer({ min: 0, max: DAY_MS - 1 }),
        (enrollments, calendarIndex, pick, earlier) => {
          const options = { calendar: CALENDARS[calendarIndex] as HolidayCalendar };
          const years = referencePlan(enrollments, new Date('2026-01-01'), new Date('2028-01-01'), options);
          fc.pre(years.length > 0);
          const target = years[pick % years.length] as DueOccurrence;
          const from = Date.parse(target.opensAt) - earlier;
          const window = [new Date(from), new Date(from + DAY_MS)] as const;
          const planned = planDueOccurrences(enrollments, ...window, options);
          expect(planned).toEqual(referencePlan(enrollments, ...window, options));
          expect(planned).toContainEqual(target);
        },
      ),
      { numRuns: NUM_RUNS.openingDays },
    );
  });

  it('gives each occurrence its own skipped-day list even when several share a due date', () => {
    const enrollments = ['CA0190000', 'CA0340100'].map(
      (ori): PlannableEnrollment => ({
        ori,
        programId: 'account-review',
        anchorDate: '2027-07-04',
        timeZone: 'America/Los_Angeles',
        status: 'active',
      }),
    );
    const [first, second] = planDueOccurrences(enrollments, '2027-01-01T00:00:00Z', '2027-12-31T00:00:00Z');
    expect(first?.skippedDays).toEqual(second?.skippedDays);
    expect(first?.skippedDays).not.toBe(second?.skippedDays);
    expect(first?.skippedDays[0]).not.toBe(second?.skippedDays[0]);
  });
});
