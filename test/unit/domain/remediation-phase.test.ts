import { describe, expect, it } from 'vitest';
import {
  agencyOwes,
  findingSettledBy,
  followUpExecutionName,
  HAND_OFF_AFTER_LOOPS,
  planRemediationWait,
  REMEDIATION_IDLE_WAIT_SECONDS,
  remediationComplete,
  taskReference,
} from '../../../functions/domain/lifecycle/remediation-phase.js';
import type { Finding, RemediationTask } from '../../../functions/domain/schemas/finding.js';

const DAY_MS = 86_400_000;
const AUDIT = 'aud_CA0190000_account-review_2026';

const finding = (sequence: number, status: Finding['status']) =>
  ({ findingId: `fnd_CA0190000_account-review_2026_00${sequence}`, status }) as Finding;
const task = (findingSequence: number, sequence: number, status: RemediationTask['status']) =>
  ({
    taskId: `rem_CA0190000_account-review_2026_00${findingSequence}_0${sequence}`,
    findingId: `fnd_CA0190000_account-review_2026_00${findingSequence}`,
    status,
  }) as RemediationTask;

describe('Function: findingSettledBy', () => {
  it('settles a finding once every task is done and one was closed', () => {
    expect(findingSettledBy(finding(1, 'remediation'), [task(1, 1, 'closed'), task(1, 2, 'cancelled')])).toBe(
      true,
    );
  });
  it('does not settle a finding with a task in progress, with only cancelled tasks, or with none', () => {
    expect(
      findingSettledBy(finding(1, 'remediation'), [task(1, 1, 'closed'), task(1, 2, 'plan-accepted')]),
    ).toBe(false);
    expect(findingSettledBy(finding(1, 'remediation'), [task(1, 1, 'cancelled')])).toBe(false);
    expect(findingSettledBy(finding(1, 'remediation'), [task(2, 1, 'closed')])).toBe(false);
  });
});

describe('Function: remediationComplete', () => {
  it('is complete when every finding but the withdrawn ones is closed', () => {
    expect(remediationComplete([finding(1, 'closed'), finding(2, 'withdrawn')])).toBe(true);
    expect(remediationComplete([finding(1, 'closed'), finding(2, 'verified')])).toBe(false);
  });
});

describe('Function: agencyOwes', () => {
  it.each([
    ['awaiting-plan', 'a corrective action plan'],
    ['revision-requested', 'a revised corrective action plan'],
    ['plan-accepted', 'verification evidence showing the fix'],
    ['plan-submitted', undefined],
    ['verified', undefined],
    ['closed', undefined],
  ] as const)('says what the agency owes on a %s task', (status, owed) => {
    expect(agencyOwes({ status })).toBe(owed);
  });
});

describe('Function: planRemediationWait', () => {
  const now = new Date('2026-09-01T15:00:00.000Z');
  const startedDaysAgo = (days: number) => new Date(now.getTime() - days * DAY_MS).toISOString();

  it('sleeps until the next notice, and stays in this execution while it is young', () => {
    const plan = planRemediationWait({
      now,
      executionStartedAt: startedDaysAgo(10),
      loops: 3,
      nextNoticeAt: '2026-09-03T15:00:00.000Z',
    });
    expect(plan).toEqual({ waitSeconds: 2 * 86_400, handOff: false });
  });

  it('re-checks after the idle interval when no notice is left, and never sleeps longer', () => {
    expect(planRemediationWait({ now, executionStartedAt: startedDaysAgo(10), loops: 0 })).toEqual({
      waitSeconds: REMEDIATION_IDLE_WAIT_SECONDS,
      handOff: false,
    });
    expect(
      planRemediationWait({
        now,
        executionStartedAt: startedDaysAgo(10),
        loops: 0,
        nextNoticeAt: '2027-06-01T00:00:00.000Z',
      }).waitSeconds,
    ).toBe(REMEDIATION_IDLE_WAIT_SECONDS);
  });

  it('hands over when waking would fall past the hand-off age, or after many loops', () => {
    expect(planRemediationWait({ now, executionStartedAt: startedDaysAgo(250), loops: 3 }).handOff).toBe(
      true,
    );
    expect(
      planRemediationWait({
        now,
        executionStartedAt: startedDaysAgo(250),
        loops: 3,
        nextNoticeAt: new Date(now.getTime() + DAY_MS).toISOString(),
      }).handOff,
    ).toBe(false);
    expect(
      planRemediationWait({ now, executionStartedAt: startedDaysAgo(1), loops: HAND_OFF_AFTER_LOOPS })
        .handOff,
    ).toBe(true);
  });

  it('never sleeps less than a second for a notice already due', () => {
    expect(
      planRemediationWait({
        now,
        executionStartedAt: startedDaysAgo(1),
        loops: 0,
        nextNoticeAt: startedDaysAgo(1),
      }).waitSeconds,
    ).toBe(1);
  });
});

describe('Function: followUpExecutionName', () => {
  it('numbers follow-ups from the audit id, and stays within 80 characters', () => {
    expect(followUpExecutionName(AUDIT, AUDIT)).toBe(`${AUDIT}-followup-1`);
    expect(followUpExecutionName(AUDIT, `${AUDIT}-followup-1`)).toBe(`${AUDIT}-followup-2`);
    const long = `aud_CA0190000_${'x'.repeat(60)}_2026`;
    expect(followUpExecutionName(long, long)).toHaveLength(80);
    expect(followUpExecutionName(long, followUpExecutionName(long, long))).toMatch(/-followup-2$/);
  });
});

describe('Function: taskReference', () => {
  it('is the finding and task sequence', () => {
    expect(taskReference('rem_CA0190000_account-review_2026_002_01')).toBe('002-01');
  });
});
