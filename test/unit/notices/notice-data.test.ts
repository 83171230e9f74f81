import { describe, expect, it } from 'vitest';
import {
  dueInText,
  fileSizeText,
  localTimeText,
  oneLine,
  overdueByText,
  roleLabel,
} from '../../../functions/services/notice-data.js';

const audit = { dueDate: '2026-03-20', timeZone: 'America/Los_Angeles' };

describe('Template data formatting', () => {
  it('counts the days to and past the due date on the agency’s calendar', () => {
    expect(dueInText(audit, new Date('2026-03-13T16:00:00Z'))).toBe('7 days');
    // 17:00 on the 19th in Los Angeles is already the 20th in UTC: still one day to go
    expect(dueInText(audit, new Date('2026-03-20T00:30:00Z'))).toBe('1 day');
    expect(dueInText(audit, new Date('2026-03-20T16:00:00Z'))).toBe('less than a day');
    expect(overdueByText(audit, new Date('2026-03-21T16:00:00Z'))).toBe('1 day');
    expect(overdueByText(audit, new Date('2026-03-30T16:00:00Z'))).toBe('10 days');
  });

  it('writes sizes, times and roles as people read them', () => {
    expect(fileSizeText(512)).toBe('512 bytes');
    expect(fileSizeText(2_517_164)).toBe('2.5 MB (2,517,164 bytes)');
    expect(localTimeText('2026-03-02T18:15:00.000Z', 'America/Los_Angeles')).toBe(
      '2026-03-02 10:15 (America/Los_Angeles)',
    );
    expect(roleLabel('tac')).toBe('Terminal Agency Coordinator (TAC)');
  });

  it('keeps one-line fields on one line', () => {
    expect(oneLine('scan\r\nof page 2.pdf')).toBe('scan of page 2.pdf');
    expect(oneLine('x'.repeat(600))).toHaveLength(500);
  });
});
