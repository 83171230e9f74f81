import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  DomainError,
  DomainValidationError,
  type DueOccurrence,
  type EnrollmentInput,
  endOfLocalDay,
  isBusinessDay,
  OBLIGATIONS_CATALOG,
  type PlannableEnrollment,
  planDueOccurrences,
  startOfLocalDay,
  UnknownObligationError,
} from '../../../functions/domain/index.js';
import { LA, localDateArb } from './fixtures.js';

const NUM_RUNS = {
  overlappingWindows: 300,
  catchUp: 200,
  businessDays: 300,
};

const enrollment = (overrides: Partial<EnrollmentInput>): PlannableEnrollment => ({
  ori: 'CA0190000',
  programId: 'account-review',
  anchorDate: '2026-06-01',
  timeZone: LA,
  status: 'active',
  ...overrides,
});

const byId = (occurrences: DueOccurrence[]) =>
  new Map(occurrences.map((occurrence) => [occurrence.occurrenceId, occurrence]));

describe('Function: planDueOccurrences', () => {
  it('plans an occurrence once its request opens, with the deadline at the end of the local due date', () => {
    const [occurrence, ...rest] = planDueOccurrences(
      [enrollment({ anchorDate: '2026-06-01' })],
      '2026-05-01T00:00:00Z',
      '2026-05-03T00:00:00Z',
    );
    expect(rest).toEqual([]);
    expect(occurrence).toEqual({
      occurrenceId: 'aud_CA0190000_account-review_2026',
      enrollmentId: 'enr_CA0190000_account-review',
      ori: 'CA0190000',
      programId: 'account-review',
      periodKey: '2026',
      nominalDate: '2026-06-01',
      dueDate: '2026-06-01',
      skippedDays: [],
      dueAt: '2026-06-02T06:59:59.999Z',
      opensOn: '2026-05-02',
      opensAt: '2026-05-02T07:00:00.000Z',
      timeZone: LA,
      leadTimeDays: 30,
      responsibleRole: 'tac',
      catalogVersion: OBLIGATIONS_CATALOG.version,
    });
  });

  it('uses the stored enrollment id when there is one', () => {
    const [occurrence] = planDueOccurrences(
      [{ ...enrollment({}), enrollmentId: 'enr_custom' }],
      '2026-05-01T00:00:00Z',
      '2026-05-03T00:00:00Z',
    );
    expect(occurrence?.enrollmentId).toBe('enr_custom');
  });

  it('moves 2027-07-04 (a Sunday) to Tuesday 2027-07-06 and opens 60 days before that', () => {
    const [occurrence] = planDueOccurrences(
      [enrollment({ programId: 'cadoj-compliance-audit', anchorDate: '2027-07-04' })],
      '2027-01-01T00:00:00Z',
      '2027-12-31T00:00:00Z',
    );
    expect(occurrence).toMatchObject({
      periodKey: '2027',
      nominalDate: '2027-07-04',
      dueDate: '2027-07-06',
      opensOn: '2027-05-07',
      dueAt: '2027-07-07T06:59:59.999Z',
    });
    expect(occurrence?.skippedDays.map((day) => day.name)).toEqual(['Sunday', 'Independence Day (observed)']);
  });

  it('moves Thanksgiving to the Monday after the day after', () => {
    const [occurrence] = planDueOccurrences(
      [enrollment({ programId: 'policy-procedure-review', anchorDate: '2026-11-26' })],
      '2026-10-01T00:00:00Z',
      '2026-12-01T00:00:00Z',
    );
    expect(occurrence?.dueDate).toBe('2026-11-30');
  });

  it("moves New Year's Day to the next business day and keys the period by the nominal year", () => {
    const occurrences = planDueOccurrences(
      [enrollment({ anchorDate: '2026-01-01' })],
      '2026-11-01T00:00:00Z',
      '2027-01-01T00:00:00Z',
    );
    expect(occurrences.map((o) => [o.occurrenceId, o.dueDate])).toEqual([
      ['aud_CA0190000_account-review_2027', '2027-01-04'],
    ]);
  });

  it('plans across the year boundary for weekly log reviews', () => {
    const occurrences = planDueOccurrences(
      [enrollment({ programId: 'audit-log-review', anchorDate: '2026-12-21' })],
      '2026-12-15T00:00:00Z',
      '2027-01-10T00:00:00Z',
    );
    expect(occurrences.map((o) => `${o.periodKey} ${o.nominalDate} ${o.dueDate}`)).toEqual([
      '2026-W52 2026-12-21 2026-12-21',
      // Christmas on a Friday: the following Monday's review is not moved, the holiday is not on it.
      '2026-W53 2026-12-28 2026-12-28',
      '2027-W01 2027-01-04 2027-01-04',
      '2027-W02 2027-01-11 2027-01-11',
    ]);
  });

  it('keeps local dates and shifts UTC deadlines across the March and November DST changes', () => {
    const weekly = (anchorDate: string, from: string, to: string) =>
      planDueOccurrences([enrollment({ programId: 'audit-log-review', anchorDate })], from, to).map((o) => [
        o.dueDate,
        o.dueAt,
        o.opensAt,
      ]);
    // DST starts Sunday 2026-03-08: deadlines move from 07:59:59.999Z (PST) to 06:59:59.999Z (PDT).
    expect(weekly('2026-03-02', '2026-02-25T00:00:00Z', '2026-03-12T00:00:00Z')).toEqual([
      ['2026-03-02', '2026-03-03T07:59:59.999Z', '2026-02-27T08:00:00.000Z'],
      ['2026-03-09', '2026-03-10T06:59:59.999Z', '2026-03-06T08:00:00.000Z'],
    ]);
    // DST ends Sunday 2026-11-01: requests open at local midnight, 07:00Z before and 08:00Z after.
    expect(weekly('2026-10-26', '2026-10-28T00:00:00Z', '2026-11-07T00:00:00Z')).toEqual([
      ['2026-11-02', '2026-11-03T07:59:59.999Z', '2026-10-30T07:00:00.000Z'],
      ['2026-11-09', '2026-11-10T07:59:59.999Z', '2026-11-06T08:00:00.000Z'],
    ]);
  });

  it('keeps a Feb 29 anchor every year, due on Feb 28 or the next business day in common years', () => {
    const occurrences = planDueOccurrences(
      [enrollment({ anchorDate: '2028-02-29', overrides: { leadTimeDays: 0 } })],
      '2028-01-01T00:00:00Z',
      '2032-12-31T00:00:00Z',
    );
    expect(occurrences.map((o) => `${o.nominalDate}->${o.dueDate}`)).toEqual([
      '2028-02-29->2028-02-29',
      '2029-02-28->2029-02-28',
      '2030-02-28->2030-02-28',
      '2031-02-28->2031-02-28',
      '2032-02-29->2032-03-01',
    ]);
  });

  it('gives the same id when the anchor moves within the period, so a re-anchored plan cannot duplicate', () => {
    const plan = (anchorDate: string) =>
      planDueOccurrences([enrollment({ anchorDate })], '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z').map(
        (o) => o.occurrenceId,
      );
    expect(plan('2026-06-01')).toEqual(plan('2026-09-15'));
  });

  it('applies overrides to the cadence and lead time but never to the id', () => {
    const [occurrence] = planDueOccurrences(
      [enrollment({ anchorDate: '2026-06-01', overrides: { leadTimeDays: 5 } })],
      '2026-05-01T00:00:00Z',
      '2026-06-01T00:00:00Z',
      { deploymentOverrides: { 'account-review': { responsibleRole: 'laso' } } },
    );
    expect(occurrence).toMatchObject({
      occurrenceId: 'aud_CA0190000_account-review_2026',
      opensOn: '2026-05-27',
      leadTimeDays: 5,
      responsibleRole: 'laso',
    });
  });

  it('skips paused enrollments, disabled programs, event-driven programs and dates after the end date', () => {
    const window = ['2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z'] as const;
    expect(planDueOccurrences([enrollment({ status: 'paused' })], ...window)).toEqual([]);
    expect(
      planDueOccurrences([enrollment({})], ...window, {
        deploymentOverrides: { 'account-review': { disabled: true } },
      }),
    ).toEqual([]);
    expect(
      planDueOccurrences([enrollment({ programId: 'clets-operator-initial-training' })], ...window),
    ).toEqual([]);
    expect(
      planDueOccurrences(
        [enrollment({ programId: 'audit-log-review', anchorDate: '2026-03-02', endDate: '2026-03-16' })],
        ...window,
      ).map((o) => o.nominalDate),
    ).toEqual(['2026-03-02', '2026-03-09', '2026-03-16']);
  });

  it('returns nothing for an empty or reversed window', () => {
    expect(planDueOccurrences([enrollment({})], '2026-05-02T00:00:00Z', '2026-05-02T00:00:00Z')).toEqual([]);
    expect(planDueOccurrences([enrollment({})], '2026-06-02T00:00:00Z', '2026-05-02T00:00:00Z')).toEqual([]);
  });

  it('rejects bad enrollments, unknown programs and double enrollment', () => {
    const window = ['2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z'] as const;
    expect(() => planDueOccurrences([enrollment({ ori: 'bad' })], ...window)).toThrow(DomainValidationError);
    expect(() => planDueOccurrences([enrollment({ programId: 'not-in-catalog' })], ...window)).toThrow(
      UnknownObligationError,
    );
    expect(() =>
      planDueOccurrences([enrollment({}), enrollment({ anchorDate: '2026-07-01' })], ...window),
    ).toThrow(DomainError);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Properties

const RECURRING_PROGRAMS = OBLIGATIONS_CATALOG.obligations
  .filter((obligation) => obligation.cadence.kind === 'recurring')
  .map((obligation) => obligation.id);

const enrollmentArb = fc.record({
  ori: fc.constantFrom('CA0190000', 'CA0340100', 'CA01942ZZ'),
  programId: fc.constantFrom(...RECURRING_PROGRAMS),
  anchorDate: localDateArb,
  timeZone: fc.constantFrom(LA, 'America/New_York', 'Pacific/Honolulu', 'UTC'),
  status: fc.constant('active' as const),
  overrides: fc.option(
    fc.record(
      {
        rrule: fc.constantFrom(
          'FREQ=DAILY',
          'FREQ=WEEKLY;INTERVAL=2',
          'FREQ=MONTHLY;BYMONTHDAY=1,15',
          'FREQ=YEARLY',
        ),
        leadTimeDays: fc.integer({ min: 0, max: 90 }),
      },
      { requiredKeys: [] },
    ),
    { nil: undefined },
  ),
});

const enrollmentsArb = fc.uniqueArray(enrollmentArb, {
  minLength: 1,
  maxLength: 4,
  selector: (e) => `${e.ori}/${e.programId}`,
});

const instantArb = fc.integer({
  min: Date.parse('2024-01-01T00:00:00Z'),
  max: Date.parse('2030-06-01T00:00:00Z'),
});
const DAY = 86_400_000;

describe('Property: planDueOccurrences', () => {
  it('never yields a duplicate id, and overlapping windows agree on every shared occurrence', () => {
    fc.assert(
      fc.property(
        enrollmentsArb,
        instantArb,
        fc.integer({ min: 1, max: 60 * DAY }),
        fc.integer({ min: 1, max: 60 * DAY }),
        fc.integer({ min: 1, max: 60 * DAY }),
        (enrollments, a, ab, bc, cd) => {
          const [b, c, d] = [a + ab, a + ab + bc, a + ab + bc + cd];
          const first = planDueOccurrences(enrollments, new Date(a), new Date(c));
          const second = planDueOccurrences(enrollments, new Date(b), new Date(d));
          const whole = planDueOccurrences(enrollments, new Date(a), new Date(d));
          for (const plan of [first, second, whole]) expect(byId(plan).size).toBe(plan.length);
          const firstById = byId(first);
          for (const occurrence of second) {
            const seen = firstById.get(occurrence.occurrenceId);
            if (seen) expect(seen).toEqual(occurrence);
          }
          const union = new Map([...byId(first), ...byId(second)]);
          expect([...union.keys()].sort()).toEqual(whole.map((o) => o.occurrenceId).sort());
        },
      ),
      { numRuns: NUM_RUNS.overlappingWindows },
    );
  });

  it('N missed daily runs then one catch-up yields exactly what N+1 on-time runs do', () => {
    fc.assert(
      fc.property(
        enrollmentsArb,
        instantArb,
        fc.integer({ min: 0, max: 30 }),
        (enrollments, start, missed) => {
          const runs = Array.from({ length: missed + 2 }, (_, index) => new Date(start + index * DAY));
          const onTime = runs
            .slice(1)
            .flatMap((runAt, index) => planDueOccurrences(enrollments, runs[index] as Date, runAt));
          const catchUp = planDueOccurrences(enrollments, runs[0] as Date, runs.at(-1) as Date);
          expect(catchUp).toEqual(onTime);
        },
      ),
      { numRuns: NUM_RUNS.catchUp },
    );
  });

  it('every due date is a business day on or after the nominal date, with consistent instants', () => {
    fc.assert(
      fc.property(
        enrollmentsArb,
        instantArb,
        fc.integer({ min: 1, max: 120 * DAY }),
        (enrollments, from, length) => {
          for (const occurrence of planDueOccurrences(enrollments, new Date(from), new Date(from + length))) {
            expect(isBusinessDay(occurrence.dueDate)).toBe(true);
            expect(occurrence.dueDate >= occurrence.nominalDate).toBe(true);
            expect(occurrence.skippedDays.length).toBe(
              (Date.parse(occurrence.dueDate) - Date.parse(occurrence.nominalDate)) / DAY,
            );
            expect(occurrence.dueAt).toBe(
              endOfLocalDay(occurrence.dueDate, occurrence.timeZone).toISOString(),
            );
            expect(occurrence.opensAt).toBe(
              startOfLocalDay(occurrence.opensOn, occurrence.timeZone).toISOString(),
            );
            expect(addDays(occurrence.opensOn, occurrence.leadTimeDays)).toBe(occurrence.dueDate);
            const opens = Date.parse(occurrence.opensAt);
            expect(opens >= from && opens < from + length).toBe(true);
          }
        },
      ),
      { numRuns: NUM_RUNS.businessDays },
    );
  });
});
