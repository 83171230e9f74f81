import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  InvalidCadenceError,
  occurrencesBetween,
  parseRecurrenceRule,
  periodKeyFor,
  recurrenceRuleProblem,
} from '../../../functions/domain/index.js';
import { localDateArb } from './fixtures.js';

const NUM_RUNS = 300;

describe('Function: parseRecurrenceRule', () => {
  it('reads frequency, interval and whether the rule is plain', () => {
    expect(parseRecurrenceRule('FREQ=YEARLY;INTERVAL=3')).toEqual({
      source: 'FREQ=YEARLY;INTERVAL=3',
      frequency: 'YEARLY',
      interval: 3,
      plain: true,
    });
    expect(parseRecurrenceRule('RRULE:freq=monthly;bymonthday=1,15').plain).toBe(false);
  });

  it.each([
    ['', /empty/],
    ['FREQ=HOURLY', /FREQ must be one of/],
    ['INTERVAL=2', /FREQ must be one of/],
    ['FREQ=YEARLY;INTERVAL=0', /INTERVAL/],
    ['FREQ=YEARLY;INTERVAL=1.5', /INTERVAL/],
    ['FREQ=YEARLY;DTSTART=20260101', /DTSTART is not allowed/],
    ['FREQ=YEARLY;TZID=America/Los_Angeles', /TZID is not allowed/],
    ['FREQ=DAILY;BYHOUR=5', /BYHOUR is not supported/],
    ['FREQ=YEARLY;FREQ=MONTHLY', /appears twice/],
    ['FREQ=YEARLY;garbage', /not NAME=VALUE/],
    ['FREQ=YEARLY;BYMONTH=13', /BYMONTH=13 is not valid/],
    ['FREQ=MONTHLY;BYMONTHDAY=0', /BYMONTHDAY=0/],
    ['FREQ=WEEKLY;BYDAY=XX', /BYDAY=XX/],
    ['FREQ=YEARLY;UNTIL=2030', /UNTIL/],
  ])('rejects %j', (rule, message) => {
    expect(() => parseRecurrenceRule(rule)).toThrow(InvalidCadenceError);
    expect(recurrenceRuleProblem(rule)).toMatch(message);
  });

  it('accepts the BY* parts it supports', () => {
    expect(recurrenceRuleProblem('FREQ=MONTHLY;BYDAY=-1FR;WKST=MO')).toBeNull();
    expect(recurrenceRuleProblem('FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=1;COUNT=5;UNTIL=20301231')).toBeNull();
  });
});

describe('Function: occurrencesBetween', () => {
  it('expands a triennial rule from its anchor', () => {
    expect(occurrencesBetween('FREQ=YEARLY;INTERVAL=3', '2026-03-15', '2026-01-01', '2033-01-01')).toEqual([
      '2026-03-15',
      '2029-03-15',
      '2032-03-15',
    ]);
  });

  it('keeps a Feb 29 anchor yearly, on Feb 28 in common years', () => {
    expect(occurrencesBetween('FREQ=YEARLY', '2024-02-29', '2024-01-01', '2029-01-01')).toEqual([
      '2024-02-29',
      '2025-02-28',
      '2026-02-28',
      '2027-02-28',
      '2028-02-29',
    ]);
  });

  it('keeps a month-end anchor monthly, on the last day of shorter months', () => {
    expect(occurrencesBetween('FREQ=MONTHLY', '2026-01-31', '2026-01-01', '2026-04-30')).toEqual([
      '2026-01-31',
      '2026-02-28',
      '2026-03-31',
      '2026-04-30',
    ]);
    expect(occurrencesBetween('FREQ=MONTHLY', '2026-01-30', '2026-02-01', '2026-03-31')).toEqual([
      '2026-02-28',
      '2026-03-30',
    ]);
  });

  it('leaves rules with explicit BY* parts to RFC 5545 semantics', () => {
    expect(
      occurrencesBetween('FREQ=MONTHLY;BYMONTHDAY=31', '2026-01-31', '2026-01-01', '2026-04-30'),
    ).toEqual(['2026-01-31', '2026-03-31']);
  });

  it('returns nothing for an empty range', () => {
    expect(occurrencesBetween('FREQ=DAILY', '2026-01-01', '2026-02-01', '2026-01-01')).toEqual([]);
  });

  it('crosses the year boundary for weekly rules', () => {
    expect(occurrencesBetween('FREQ=WEEKLY', '2026-12-21', '2026-12-25', '2027-01-12')).toEqual([
      '2026-12-28',
      '2027-01-04',
      '2027-01-11',
    ]);
  });
});

describe('Function: periodKeyFor', () => {
  const key = (rule: string, date: string) => periodKeyFor(parseRecurrenceRule(rule), date);

  it('names the period for plain rules', () => {
    expect(key('FREQ=YEARLY;INTERVAL=3', '2026-03-15')).toBe('2026');
    expect(key('FREQ=MONTHLY;INTERVAL=3', '2026-03-15')).toBe('2026-03');
    expect(key('FREQ=WEEKLY', '2027-01-01')).toBe('2026-W53');
    expect(key('FREQ=DAILY', '2026-03-15')).toBe('2026-03-15');
  });

  it('uses the date when a rule can fire more than once a period', () => {
    expect(key('FREQ=MONTHLY;BYMONTHDAY=1,15', '2026-03-15')).toBe('2026-03-15');
  });
});

describe('Property: occurrencesBetween', () => {
  const ruleArb = fc.oneof(
    fc
      .tuple(fc.constantFrom('DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'), fc.integer({ min: 1, max: 4 }))
      .map(([freq, interval]) => `FREQ=${freq};INTERVAL=${interval}`),
    fc.constantFrom(
      'FREQ=MONTHLY;UNTIL=20291231',
      'FREQ=WEEKLY;COUNT=40',
      'FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=31',
    ),
  );
  const anchorArb = fc.oneof(
    localDateArb,
    fc.constantFrom('2024-02-29', '2024-01-31', '2024-03-30', '2024-12-31'),
  );

  it('a window far from the anchor gives exactly the dates a walk from the anchor gives', () => {
    fc.assert(
      fc.property(
        ruleArb,
        anchorArb,
        fc.integer({ min: 0, max: 2500 }),
        fc.integer({ min: 0, max: 400 }),
        (rule, anchor, offset, length) => {
          const from = addDays(anchor, offset);
          const to = addDays(from, length);
          const walked = occurrencesBetween(rule, anchor, anchor, to).filter((date) => date >= from);
          expect(occurrencesBetween(rule, anchor, from, to)).toEqual(walked);
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });
});
