import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildNoticeSchedule,
  DEFAULT_NOTICE_POLICY,
  DomainValidationError,
  type NoticePolicyInput,
  nextNoticeAfter,
  noticesDueBetween,
  OVERDUE_AUDIT_STEP_KEY,
} from '../../../functions/domain/index.js';
import { LA, localDateArb } from './fixtures.js';

const NUM_RUNS = { ordering: 300, nextNotice: 200 };

describe('Function: buildNoticeSchedule', () => {
  const schedule = buildNoticeSchedule({ dueDate: '2026-03-09', timeZone: LA, responsibleRole: 'laso' });

  it('sends reminders at 30, 14, 7 and 1 days, on the day, overdue notices, the overdue-audit notice and two escalations by default', () => {
    expect(schedule.steps.slice(0, 10).map((step) => `${step.key}@${step.date}`)).toEqual([
      'reminder-30d@2026-02-07',
      'reminder-14d@2026-02-23',
      'reminder-7d@2026-03-02',
      'reminder-1d@2026-03-08',
      'due@2026-03-09',
      'overdue-1@2026-03-10',
      'overdue-audit@2026-03-10',
      'escalation-1@2026-03-12',
      'overdue-2@2026-03-17',
      'escalation-2@2026-03-19',
    ]);
    expect(schedule.steps).toHaveLength(4 + 1 + DEFAULT_NOTICE_POLICY.overdue.maxNotices + 1 + 2);
  });

  it('sends at 09:00 local on both sides of the March DST change', () => {
    const sendAt = Object.fromEntries(schedule.steps.map((step) => [step.key, step.sendAt]));
    expect(sendAt['reminder-7d']).toBe('2026-03-02T17:00:00.000Z');
    expect(sendAt['reminder-1d']).toBe('2026-03-08T16:00:00.000Z');
  });

  it('sends at 09:00 local on both sides of the November DST change', () => {
    const november = buildNoticeSchedule({ dueDate: '2026-11-02', responsibleRole: 'tac' });
    expect(november.steps.find((step) => step.key === 'reminder-7d')?.sendAt).toBe(
      '2026-10-26T16:00:00.000Z',
    );
    expect(november.steps.find((step) => step.key === 'due')?.sendAt).toBe('2026-11-02T17:00:00.000Z');
  });

  it('resolves "responsible" to the obligation role and escalates to the agency head, then administrators', () => {
    const recipients = Object.fromEntries(schedule.steps.map((step) => [step.key, step.recipients]));
    expect(recipients['reminder-30d']).toEqual(['laso']);
    expect(recipients.due).toEqual(['laso', 'alternate']);
    expect(recipients['escalation-1']).toEqual(['laso', 'agency-head']);
    expect(recipients['escalation-2']).toEqual(['agency-head', 'administrator']);
  });

  it('tells the administrators once, on the first overdue day, that the audit passed its due date', () => {
    const overdueAudit = schedule.steps.filter((step) => step.kind === 'overdue-audit');
    expect(overdueAudit).toEqual([
      expect.objectContaining({
        key: OVERDUE_AUDIT_STEP_KEY,
        offsetDays: DEFAULT_NOTICE_POLICY.overdue.firstAfterDays,
        recipients: ['administrator'],
        sendAt: schedule.steps.find((step) => step.key === 'overdue-1')?.sendAt,
      }),
    ]);
    expect(
      buildNoticeSchedule(
        { dueDate: '2026-03-09', responsibleRole: 'tac' },
        { overdueAuditNotice: false },
      ).steps.some((step) => step.kind === 'overdue-audit'),
    ).toBe(false);
  });

  it('addresses reminders, due-day and overdue notices to agency contacts only', () => {
    for (const step of schedule.steps.filter((candidate) =>
      ['reminder', 'due', 'overdue'].includes(candidate.kind),
    )) {
      expect(step.recipients).not.toContain('administrator');
    }
    expect(() =>
      buildNoticeSchedule(
        { dueDate: '2026-06-01', responsibleRole: 'tac' },
        { reminderRecipients: ['responsible', 'administrator'] },
      ),
    ).toThrow(/reminderRecipients: administrators are told through overdueAuditNotice and escalations/);
  });

  it('leaves out reminders that would go out on the day the request opens (its email says it all)', () => {
    const sameDay = buildNoticeSchedule({
      dueDate: '2026-03-09',
      timeZone: LA,
      responsibleRole: 'tac',
      opensAt: '2026-03-02T14:00:00Z',
    });
    expect(sameDay.steps.filter((step) => step.kind === 'reminder').map((step) => step.key)).toEqual([
      'reminder-1d',
    ]);
  });

  it('leaves out reminders that would go out before the request opens', () => {
    const late = buildNoticeSchedule({
      dueDate: '2026-03-09',
      responsibleRole: 'tac',
      opensAt: '2026-03-01T08:00:00Z',
    });
    expect(late.steps.filter((step) => step.kind === 'reminder').map((step) => step.key)).toEqual([
      'reminder-7d',
      'reminder-1d',
    ]);
  });

  it('follows a deployment policy', () => {
    const custom = buildNoticeSchedule(
      { dueDate: '2026-06-01', responsibleRole: 'tac' },
      {
        remindersBeforeDays: [3, 10, 3],
        onDueDate: false,
        overdue: { maxNotices: 0 },
        escalations: [{ afterDays: 5, recipients: ['administrator'] }],
        sendAtLocalTime: '07:30',
      },
    );
    expect(custom.steps.map((step) => `${step.key} ${step.sendAt}`)).toEqual([
      'reminder-10d 2026-05-22T14:30:00.000Z',
      'reminder-3d 2026-05-29T14:30:00.000Z',
      'overdue-audit 2026-06-02T14:30:00.000Z',
      'escalation-1 2026-06-06T14:30:00.000Z',
    ]);
  });

  it('rejects an invalid policy naming the field', () => {
    expect(() =>
      buildNoticeSchedule(
        { dueDate: '2026-06-01', responsibleRole: 'tac' },
        { sendAtLocalTime: '9am', remindersBeforeDays: [0] },
      ),
    ).toThrow(DomainValidationError);
    expect(() =>
      buildNoticeSchedule({ dueDate: '2026-06-01', responsibleRole: 'tac' }, { sendAtLocalTime: '9am' }),
    ).toThrow(/sendAtLocalTime: must be a 24-hour time HH:MM/);
  });
});

describe('Function: nextNoticeAfter / noticesDueBetween', () => {
  const schedule = buildNoticeSchedule({ dueDate: '2026-03-09', responsibleRole: 'tac' });

  it('returns the next step and the seconds to wait for it', () => {
    expect(nextNoticeAfter(schedule, '2026-03-02T16:59:59.500Z')).toMatchObject({
      sendAt: '2026-03-02T17:00:00.000Z',
      steps: [{ key: 'reminder-7d' }],
      waitSeconds: 1,
    });
    expect(nextNoticeAfter(schedule, '2026-03-02T17:00:00.000Z')?.steps[0]?.key).toBe('reminder-1d');
  });

  it('groups steps that share an instant', () => {
    const shared = buildNoticeSchedule(
      { dueDate: '2026-03-09', responsibleRole: 'tac' },
      { escalations: [{ afterDays: 1, recipients: ['agency-head'] }] },
    );
    expect(nextNoticeAfter(shared, '2026-03-09T17:00:00Z')?.steps.map((step) => step.key)).toEqual([
      'overdue-1',
      'overdue-audit',
      'escalation-1',
    ]);
  });

  it('returns null once the schedule is exhausted', () => {
    expect(nextNoticeAfter(schedule, '2027-01-01T00:00:00Z')).toBeNull();
  });

  it('lists the steps due in a half-open range, for catching up after a missed wake-up', () => {
    expect(
      noticesDueBetween(schedule, '2026-03-01T00:00:00Z', '2026-03-09T16:00:00Z').map((step) => step.key),
    ).toEqual(['reminder-7d', 'reminder-1d', 'due']);
    expect(noticesDueBetween(schedule, null, '2026-02-07T17:00:00Z').map((step) => step.key)).toEqual([
      'reminder-30d',
    ]);
  });
});

const policyArb: fc.Arbitrary<NoticePolicyInput> = fc.record({
  remindersBeforeDays: fc.array(fc.integer({ min: 1, max: 90 }), { maxLength: 8 }),
  onDueDate: fc.boolean(),
  overdue: fc.record({
    firstAfterDays: fc.integer({ min: 1, max: 10 }),
    everyDays: fc.integer({ min: 1, max: 14 }),
    maxNotices: fc.integer({ min: 0, max: 10 }),
  }),
  overdueAuditNotice: fc.boolean(),
  escalations: fc.array(
    fc.record({
      afterDays: fc.integer({ min: 1, max: 60 }),
      recipients: fc.subarray(['responsible', 'agency-head', 'administrator'] as const, { minLength: 1 }),
    }),
    { maxLength: 4 },
  ),
  sendAtLocalTime: fc
    .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
    .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`),
});

const zoneArb = fc.constantFrom(LA, 'America/New_York', 'America/Santiago', 'Europe/London', 'UTC');

describe('Property: notice schedule', () => {
  it('reminders are strictly ordered and precede the due notice and every escalation', () => {
    fc.assert(
      fc.property(localDateArb, zoneArb, policyArb, (dueDate, timeZone, policy) => {
        const { steps } = buildNoticeSchedule({ dueDate, timeZone, responsibleRole: 'tac' }, policy);
        const times = (kind: string) =>
          steps.filter((step) => step.kind === kind).map((step) => Date.parse(step.sendAt));
        const reminders = times('reminder');
        for (let index = 1; index < reminders.length; index += 1) {
          expect(reminders[index]).toBeGreaterThan(reminders[index - 1] as number);
        }
        const lastReminder = Math.max(...reminders, Number.NEGATIVE_INFINITY);
        for (const later of [
          ...times('due'),
          ...times('escalation'),
          ...times('overdue'),
          ...times('overdue-audit'),
        ]) {
          expect(later).toBeGreaterThan(lastReminder);
        }
        const due = times('due')[0];
        if (due !== undefined)
          for (const escalation of times('escalation')) expect(escalation).toBeGreaterThan(due);
        const all = steps.map((step) => Date.parse(step.sendAt));
        expect([...all].sort((a, b) => a - b)).toEqual(all);
        expect(new Set(steps.map((step) => step.key)).size).toBe(steps.length);
      }),
      { numRuns: NUM_RUNS.ordering },
    );
  });

  it('walking nextNoticeAfter from the start visits every step exactly once, in order', () => {
    fc.assert(
      fc.property(localDateArb, zoneArb, policyArb, (dueDate, timeZone, policy) => {
        const schedule = buildNoticeSchedule({ dueDate, timeZone, responsibleRole: 'laso' }, policy);
        const visited: string[] = [];
        let now = '1970-01-01T00:00:00.000Z';
        for (let next = nextNoticeAfter(schedule, now); next; next = nextNoticeAfter(schedule, now)) {
          expect(next.waitSeconds).toBeGreaterThanOrEqual(1);
          visited.push(...next.steps.map((step) => step.key));
          now = next.sendAt;
        }
        expect(visited).toEqual(schedule.steps.map((step) => step.key));
      }),
      { numRuns: NUM_RUNS.nextNotice },
    );
  });
});
