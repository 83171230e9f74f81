import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { endOfLocalDay } from '../../../functions/domain/calendar/time-zones.js';
import {
  composeDailyDigest,
  type DigestOpenWork,
  decideDigestSend,
  digestWindow,
} from '../../../functions/domain/notices/daily-digest.js';
import { LA, sampleAudit, sampleRequest, sampleTask } from './fixtures.js';

/** Monday 2 March 2026, 07:00 in Los Angeles. */
const MONDAY_7AM = '2026-03-02T15:00:00.000Z';
const dueAt = (date: string) => endOfLocalDay(date, LA).toISOString();

function auditFor(ori: string, dueDate: string, status: 'open' | 'collecting' = 'collecting') {
  return sampleAudit({
    auditId: `aud_${ori}_account-review_2026`,
    ori,
    agencyName: `Agency ${ori}`,
    status,
    dueDate,
    dueAt: dueAt(dueDate),
  });
}

function requestFor(ori: string, dueDate: string, requirementId: string, status: 'requested' | 'flagged') {
  return sampleRequest({
    requestId: `req_${ori}_account-review_2026_${requirementId}`,
    auditId: `aud_${ori}_account-review_2026`,
    ori,
    requirementId,
    status,
    dueDate,
    dueAt: dueAt(dueDate),
    ...(status === 'flagged'
      ? { flagReason: 'Unsigned', decidedAt: '2026-02-27T19:00:00.000Z', submissionCount: 1 }
      : {}),
  });
}

describe('Function: composeDailyDigest', () => {
  it('groups overdue audits by agency, oldest first, with their outstanding requests folded in', () => {
    // Prepare
    const openWork: DigestOpenWork[] = [
      { kind: 'Audit', entity: auditFor('CA0000002', '2026-02-25') },
      { kind: 'EvidenceRequest', entity: requestFor('CA0000002', '2026-02-25', 'signoff', 'requested') },
      { kind: 'Audit', entity: auditFor('CA0000001', '2026-02-20', 'open') },
      { kind: 'EvidenceRequest', entity: requestFor('CA0000001', '2026-02-20', 'signoff', 'flagged') },
      { kind: 'Audit', entity: auditFor('CA0000003', '2026-03-04') },
    ];

    // Act
    const digest = composeDailyDigest({
      asOf: MONDAY_7AM,
      timeZone: LA,
      openWork,
      flaggedDueLater: [],
      agencyNames: {},
    });

    // Assess
    expect(digest.date).toBe('2026-03-02');
    expect(
      digest.overdueByAgency.map((group) => [
        group.agencyName,
        group.audits.map((line) => [line.daysOverdue, line.outstanding.map((item) => item.status)]),
      ]),
    ).toEqual([
      ['Agency CA0000001', [[10, ['flagged']]]],
      ['Agency CA0000002', [[5, ['requested']]]],
    ]);
    expect(digest.dueThisWeek.map((line) => [line.ori, line.daysOverdue])).toEqual([['CA0000003', 0]]);
    expect(digest.flaggedWaiting).toEqual([
      expect.objectContaining({ ori: 'CA0000001', flagReason: 'Unsigned', flaggedOn: '2026-02-27' }),
    ]);
    expect(digest.totals).toMatchObject({
      openItems: 5,
      overdueAudits: 2,
      agenciesOverdue: 2,
      dueThisWeek: 1,
    });
  });

  it('lets a request stand for its audit when the audit itself is not open (in review), and names agencies given by ORI', () => {
    // Prepare: the audit is in review (not in the due index); its flagged item is; no name snapshot
    const { agencyName: _none, ...request } = requestFor('CA0000009', '2026-02-27', 'signoff', 'flagged');

    // Act
    const digest = composeDailyDigest({
      asOf: MONDAY_7AM,
      timeZone: LA,
      openWork: [{ kind: 'EvidenceRequest', entity: request }],
      flaggedDueLater: [],
      agencyNames: { CA0000009: 'Ninth Police Department' },
    });

    // Assess
    expect(digest.overdueByAgency).toEqual([
      {
        ori: 'CA0000009',
        agencyName: 'Ninth Police Department',
        audits: [expect.objectContaining({ auditId: 'aud_CA0000009_account-review_2026', daysOverdue: 3 })],
      },
    ]);
    expect(digest.overdueByAgency[0]?.audits[0]?.status).toBeUndefined();
    expect(digest.totals.openItems).toBe(1);
  });

  it('puts remediation tasks in their own lists, overdue or due this week', () => {
    // Prepare
    const task = (taskId: string, dueDate: string) => ({
      kind: 'RemediationTask' as const,
      entity: { ...sampleTask({ taskId, dueDate }), dueAt: dueAt(dueDate) },
    });

    // Act
    const digest = composeDailyDigest({
      asOf: MONDAY_7AM,
      timeZone: LA,
      openWork: [task('rem_a', '2026-02-26'), task('rem_b', '2026-03-05')],
      flaggedDueLater: [],
      agencyNames: {},
    });

    // Assess
    expect(digest.overdueRemediation.map((line) => [line.taskId, line.daysOverdue])).toEqual([['rem_a', 4]]);
    expect(digest.remediationDueThisWeek.map((line) => line.taskId)).toEqual(['rem_b']);
    expect(digest.overdueByAgency).toEqual([]);
    expect(digest.totals).toMatchObject({ openItems: 2, overdueRemediation: 1, dueThisWeek: 1 });
  });

  it('accounts for every item it is handed, whatever the mix', () => {
    const itemArb = fc.record({
      ori: fc.constantFrom('CA0000001', 'CA0000002', 'CA0000003'),
      offsetDays: fc.integer({ min: -40, max: 6 }),
      kind: fc.constantFrom('audit', 'requested', 'flagged', 'task'),
      requirement: fc.constantFrom('a', 'b', 'c'),
    });
    fc.assert(
      fc.property(fc.uniqueArray(itemArb, { selector: (item) => JSON.stringify(item) }), (items) => {
        const openWork: DigestOpenWork[] = items.map((item, index) => {
          const date = new Date(Date.parse('2026-03-02T12:00:00Z') + item.offsetDays * 86_400_000)
            .toISOString()
            .slice(0, 10);
          if (item.kind === 'audit') {
            // One audit per agency and period; requests of the 2026 audit fold under it when it is there.
            const period = index === 0 ? '2026' : `p${index}`;
            return {
              kind: 'Audit',
              entity: { ...auditFor(item.ori, date), auditId: `aud_${item.ori}_account-review_${period}` },
            };
          }
          if (item.kind === 'task') {
            return {
              kind: 'RemediationTask',
              entity: {
                ...sampleTask({ taskId: `rem_${index}`, ori: item.ori, dueDate: date }),
                dueAt: dueAt(date),
              },
            };
          }
          return {
            kind: 'EvidenceRequest',
            entity: requestFor(item.ori, date, `${item.requirement}${index}`, item.kind),
          };
        });
        const digest = composeDailyDigest({
          asOf: MONDAY_7AM,
          timeZone: LA,
          openWork,
          flaggedDueLater: [],
          agencyNames: {},
        });
        const listed =
          [...digest.dueThisWeek, ...digest.overdueByAgency.flatMap((group) => group.audits)].reduce(
            (sum, line) => sum + (line.status ? 1 : 0) + line.outstanding.length,
            0,
          ) +
          digest.overdueRemediation.length +
          digest.remediationDueThisWeek.length;
        expect(listed).toBe(openWork.length);
        expect(digest.totals.openItems).toBe(openWork.length);
      }),
      { numRuns: 200 },
    );
  });

  it('looks a week ahead from its instant', () => {
    expect(digestWindow(MONDAY_7AM)).toEqual({
      asOf: MONDAY_7AM,
      weekEndsAt: '2026-03-09T15:00:00.000Z',
    });
  });
});

describe('Function: decideDigestSend', () => {
  const totals = (openItems: number) => ({
    openItems,
    dueThisWeek: 0,
    overdueAudits: 0,
    agenciesOverdue: 0,
    flaggedWaiting: 0,
    overdueRemediation: 0,
  });

  it('sends every day there is something open', () => {
    expect(decideDigestSend({ date: '2026-03-03', totals: totals(1) })).toEqual({
      send: true,
      allClear: false,
    });
  });

  it('sends the all-clear on Mondays only', () => {
    expect(decideDigestSend({ date: '2026-03-02', totals: totals(0) })).toEqual({
      send: true,
      allClear: true,
    });
    for (const date of ['2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08']) {
      expect(decideDigestSend({ date, totals: totals(0) })).toMatchObject({ send: false });
    }
  });
});
