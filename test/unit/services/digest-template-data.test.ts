import { describe, expect, it } from 'vitest';
import { endOfLocalDay } from '../../../functions/domain/calendar/time-zones.js';
import { composeDailyDigest, type DigestOpenWork } from '../../../functions/domain/notices/daily-digest.js';
import { parseNoticeTemplateData } from '../../../functions/notices/render-notice.js';
import { DIGEST_DATA_BUDGET_BYTES, digestTemplateData } from '../../../functions/services/daily-digest.js';
import { LA, sampleAudit, sampleRequest } from '../domain/fixtures.js';

/** Monday 2 March 2026, 07:00 in Los Angeles. */
const MONDAY_7AM = '2026-03-02T15:00:00.000Z';

describe('Function: digestTemplateData', () => {
  it('fits a very large digest in the template data SES accepts, keeping the full totals and the most overdue first', () => {
    // Prepare: 3,000 agencies, each with an overdue audit and a flagged item, names at their longest
    const openWork: DigestOpenWork[] = Array.from({ length: 3_000 }, (_unused, index) => {
      const ori = `CA${String(index).padStart(7, '0')}`;
      const dueDate = `2026-02-${String(1 + (index % 27)).padStart(2, '0')}`;
      const dueAt = endOfLocalDay(dueDate, LA).toISOString();
      const agencyName = `${'Very Long Agency Name '.repeat(9)}${index}`;
      const auditId = `aud_${ori}_account-review_2026`;
      return [
        { kind: 'Audit' as const, entity: sampleAudit({ auditId, ori, agencyName, dueDate, dueAt }) },
        {
          kind: 'EvidenceRequest' as const,
          entity: sampleRequest({
            requestId: `req_${ori}_account-review_2026_signoff`,
            auditId,
            ori,
            agencyName,
            status: 'flagged',
            description: 'A long description of the evidence asked for. '.repeat(20),
            dueDate,
            dueAt,
          }),
        },
      ];
    }).flat();
    const digest = composeDailyDigest({
      asOf: MONDAY_7AM,
      timeZone: LA,
      openWork,
      flaggedDueLater: [],
      agencyNames: {},
    });

    // Act
    const data = digestTemplateData(digest);

    // Assess
    expect(Buffer.byteLength(JSON.stringify(data), 'utf8')).toBeLessThanOrEqual(DIGEST_DATA_BUDGET_BYTES);
    expect(parseNoticeTemplateData('daily-digest', data)).toEqual(data);
    expect(data.totals).toEqual({
      dueThisWeek: 0,
      overdue: 3_000,
      flaggedWaiting: 3_000,
      overdueRemediation: 0,
    });
    expect(data.overdueByAgency.length).toBeGreaterThan(10);
    expect(data.overdueByAgency[0]?.audits[0]?.dueDate).toBe('2026-02-01');
  });
});
