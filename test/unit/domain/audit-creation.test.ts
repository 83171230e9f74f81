import { describe, expect, it } from 'vitest';
import {
  AuditSchema,
  auditId,
  createHolidayCalendar,
  DEFAULT_SEVERITY_POLICY,
  DomainError,
  EvidenceRequestSchema,
  enrollmentId,
  evidenceId,
  evidenceRequestId,
  FindingSchema,
  findingId,
  notificationId,
  OBLIGATIONS_CATALOG,
  openRemediationTask,
  parseAuditId,
  planDueOccurrences,
  RemediationTaskSchema,
  raiseFinding,
  remediationDueDate,
  remediationTaskId,
  resolveObligation,
  scheduleAudit,
} from '../../../functions/domain/index.js';
import { REVIEWER, SYSTEM } from './fixtures.js';

describe('Function: ids', () => {
  it('builds deterministic ids that split back into their parts', () => {
    const id = auditId('CA0190000', 'account-review', '2026');
    expect(id).toBe('aud_CA0190000_account-review_2026');
    expect(parseAuditId(id)).toEqual({ ori: 'CA0190000', programId: 'account-review', periodKey: '2026' });
    expect(enrollmentId('CA0190000', 'account-review')).toBe('enr_CA0190000_account-review');
    const request = evidenceRequestId(id, 'account-review-signoff');
    expect(request).toBe('req_CA0190000_account-review_2026_account-review-signoff');
    expect(evidenceId(request, 'ab'.repeat(32))).toBe(
      `evd_CA0190000_account-review_2026_account-review-signoff_${'ab'.repeat(16)}`,
    );
    const finding = findingId(id, 7);
    expect(finding).toBe('fnd_CA0190000_account-review_2026_007');
    expect(remediationTaskId(finding)).toBe('rem_CA0190000_account-review_2026_007_01');
    expect(notificationId(id, 'reminder-7d')).toBe('ntf_aud_CA0190000_account-review_2026_reminder-7d');
  });

  it('keeps audit ids under the 80-character Step Functions execution-name limit for every catalog program', () => {
    for (const obligation of OBLIGATIONS_CATALOG.obligations) {
      expect(auditId('CA0190000', obligation.id, '2026-W53').length).toBeLessThanOrEqual(80);
    }
  });

  it('rejects parts that would break the id format', () => {
    expect(() => auditId('CA_019000', 'x', '2026')).toThrow(DomainError);
    expect(() => parseAuditId('req_a_b_c')).toThrow(/not an audit id/);
    expect(() => parseAuditId('aud_a_b_c_d')).toThrow(DomainError);
    expect(() => evidenceId('req_x', 'XYZ')).toThrow(/SHA-256/);
    expect(() => findingId('aud_A_b_c', 0)).toThrow(DomainError);
    expect(() => remediationTaskId('fnd_x', 0)).toThrow(DomainError);
  });
});

describe('Function: scheduleAudit', () => {
  it('creates a scheduled audit and one evidence request per requirement, all schema-valid', () => {
    const [occurrence] = planDueOccurrences(
      [
        {
          ori: 'CA0190000',
          programId: 'cadoj-compliance-audit',
          anchorDate: '2027-07-04',
          timeZone: 'America/Los_Angeles',
          status: 'active',
        },
      ],
      '2027-05-01T00:00:00Z',
      '2027-06-01T00:00:00Z',
    );
    if (!occurrence) throw new Error('nothing planned');
    const obligation = resolveObligation(OBLIGATIONS_CATALOG, 'cadoj-compliance-audit', {
      deploymentOverrides: { 'cadoj-compliance-audit': { leadTimeDays: 60 } },
    });
    const { audit, requests, event } = scheduleAudit(occurrence, obligation, {
      at: '2027-05-07T13:00:00Z',
      actor: SYSTEM,
    });
    expect(AuditSchema.parse(audit)).toMatchObject({
      status: 'scheduled',
      dueDate: '2027-07-06',
      version: 0,
    });
    expect(requests).toHaveLength(obligation.evidence.length);
    for (const request of requests) expect(EvidenceRequestSchema.parse(request).status).toBe('requested');
    expect(event).toMatchObject({
      type: 'audit.scheduled',
      streamId: audit.auditId,
      payload: {
        requirementIds: obligation.evidence.map((requirement) => requirement.id),
        overrides: ['deployment:leadTimeDays'],
      },
    });
  });

  it('refuses an obligation that does not match the occurrence', () => {
    const [occurrence] = planDueOccurrences(
      [
        {
          ori: 'CA0190000',
          programId: 'account-review',
          anchorDate: '2026-06-01',
          timeZone: 'America/Los_Angeles',
          status: 'active',
        },
      ],
      '2026-05-01T00:00:00Z',
      '2026-05-03T00:00:00Z',
    );
    if (!occurrence) throw new Error('nothing planned');
    expect(() =>
      scheduleAudit(occurrence, resolveObligation(OBLIGATIONS_CATALOG, 'audit-log-review'), {
        at: '2026-05-02T00:00:00Z',
        actor: SYSTEM,
      }),
    ).toThrow(/does not match/);
  });
});

describe('Function: remediationDueDate', () => {
  it('defaults to 15/30/60/90 days for critical/high/medium/low', () => {
    expect(DEFAULT_SEVERITY_POLICY).toEqual({ critical: 15, high: 30, medium: 60, low: 90 });
    expect(remediationDueDate('critical', '2026-03-02')).toBe('2026-03-17');
    expect(remediationDueDate('low', '2026-03-02')).toBe('2026-06-01');
  });

  it('moves a due date off a holiday and follows a deployment policy', () => {
    // 2026-11-11 + 15 = Thursday 2026-11-26, Thanksgiving: due Monday 2026-11-30.
    expect(remediationDueDate('critical', '2026-11-11')).toBe('2026-11-30');
    expect(remediationDueDate('high', '2026-03-02', { policy: { high: 10 } })).toBe('2026-03-12');
    expect(() => remediationDueDate('high', '2026-03-02', { policy: { high: 0 } })).toThrow(
      /high: must be at least 1/,
    );
  });
});

describe('Function: raiseFinding / openRemediationTask', () => {
  it('raises a finding due by the severity policy on the local date, then opens its task', () => {
    // 2026-03-03T03:00Z is still March 2 in California.
    const { finding, event } = raiseFinding(
      {
        auditId: 'aud_CA0190000_account-review_2026',
        ori: 'CA0190000',
        sequence: 1,
        severity: 'critical',
        title: 'Shared account',
        description: 'Two operators share one login.',
        requirementId: 'account-review-signoff',
      },
      { at: '2026-03-03T03:00:00Z', actor: REVIEWER },
    );
    expect(FindingSchema.parse(finding)).toMatchObject({
      status: 'open',
      dueDate: '2026-03-17',
      requirementId: 'account-review-signoff',
    });
    expect(event).toMatchObject({
      type: 'finding.raised',
      payload: { severity: 'critical', dueDate: '2026-03-17' },
    });

    const { task, event: opened } = openRemediationTask(
      finding,
      { ownerRole: 'tac' },
      { at: '2026-03-03T03:00:00Z', actor: REVIEWER },
    );
    expect(RemediationTaskSchema.parse(task)).toMatchObject({
      status: 'awaiting-plan',
      dueDate: '2026-03-17',
    });
    expect(opened).toMatchObject({ type: 'remediation-task.opened', streamId: finding.auditId });
  });

  it('uses the zone, severity policy and calendar it is given', () => {
    const { finding } = raiseFinding(
      {
        auditId: 'aud_CA0190000_account-review_2026',
        ori: 'CA0190000',
        sequence: 2,
        severity: 'low',
        title: 't',
        description: 'd',
      },
      { at: '2026-03-03T03:00:00Z', actor: REVIEWER },
      {
        timeZone: 'UTC',
        severityPolicy: { low: 5 },
        calendar: createHolidayCalendar({ extraClosedDates: ['2026-03-09'] }),
      },
    );
    expect(finding.dueDate).toBe('2026-03-10');
    expect(finding.requirementId).toBeUndefined();
  });
});
