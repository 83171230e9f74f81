import fc from 'fast-check';
import type {
  Actor,
  Audit,
  EvidenceRequest,
  Finding,
  NotificationRecord,
  RemediationTask,
} from '../../../functions/domain/index.js';

export const ADMIN: Actor = { type: 'administrator', id: 'admin-1' };
export const REVIEWER: Actor = { type: 'reviewer', id: 'reviewer-1' };
export const AGENCY: Actor = { type: 'agency-contact', id: 'tac@agency.example', role: 'tac' };
export const SYSTEM: Actor = { type: 'system', id: 'scheduler' };

export const AT = '2026-05-04T16:00:00.000Z';

export const LA = 'America/Los_Angeles';

/** Local dates from 2024 through 2030, which cover leap years and both DST changes every year. */
export const localDateArb = fc
  .date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true })
  .map((value) => value.toISOString().slice(0, 10));

export function sampleAudit(overrides: Partial<Audit> = {}): Audit {
  return {
    auditId: 'aud_CA0190000_account-review_2026',
    ori: 'CA0190000',
    programId: 'account-review',
    enrollmentId: 'enr_CA0190000_account-review',
    periodKey: '2026',
    catalogVersion: '2026.1.0',
    status: 'scheduled',
    nominalDate: '2026-06-01',
    dueDate: '2026-06-01',
    dueAt: '2026-06-02T06:59:59.999Z',
    opensAt: '2026-05-02T07:00:00.000Z',
    timeZone: LA,
    responsibleRole: 'tac',
    createdAt: AT,
    updatedAt: AT,
    version: 0,
    ...overrides,
  };
}

export function sampleRequest(overrides: Partial<EvidenceRequest> = {}): EvidenceRequest {
  return {
    requestId: 'req_CA0190000_account-review_2026_account-review-signoff',
    auditId: 'aud_CA0190000_account-review_2026',
    ori: 'CA0190000',
    programId: 'account-review',
    requirementId: 'account-review-signoff',
    description: 'Signed account review',
    acceptedContentTypes: ['application/pdf'],
    status: 'requested',
    dueDate: '2026-06-01',
    dueAt: '2026-06-02T06:59:59.999Z',
    submissionCount: 0,
    createdAt: AT,
    updatedAt: AT,
    version: 0,
    ...overrides,
  };
}

export function sampleFinding(overrides: Partial<Finding> = {}): Finding {
  return {
    findingId: 'fnd_CA0190000_account-review_2026_001',
    auditId: 'aud_CA0190000_account-review_2026',
    ori: 'CA0190000',
    severity: 'high',
    title: 'Stale accounts',
    description: 'Three accounts inactive for more than 90 days were still enabled.',
    status: 'open',
    dueDate: '2026-06-03',
    raisedAt: AT,
    raisedBy: REVIEWER,
    updatedAt: AT,
    version: 0,
    ...overrides,
  };
}

export function sampleTask(overrides: Partial<RemediationTask> = {}): RemediationTask {
  return {
    taskId: 'rem_CA0190000_account-review_2026_001_01',
    findingId: 'fnd_CA0190000_account-review_2026_001',
    auditId: 'aud_CA0190000_account-review_2026',
    ori: 'CA0190000',
    ownerRole: 'tac',
    dueDate: '2026-06-03',
    status: 'awaiting-plan',
    revisionRequests: [],
    verificationEvidenceIds: [],
    createdAt: AT,
    updatedAt: AT,
    version: 0,
    ...overrides,
  };
}

export function sampleNotification(overrides: Partial<NotificationRecord> = {}): NotificationRecord {
  return {
    notificationId: 'ntf_aud_CA0190000_account-review_2026_reminder-7d',
    subjectId: 'aud_CA0190000_account-review_2026',
    auditId: 'aud_CA0190000_account-review_2026',
    ori: 'CA0190000',
    kind: 'reminder',
    stepKey: 'reminder-7d',
    recipients: [{ role: 'tac', email: 'tac@agency.example' }],
    subject: 'Account review due 2026-06-01',
    scheduledFor: '2026-05-25T16:00:00.000Z',
    status: 'queued',
    deliveryEvents: [],
    createdAt: AT,
    updatedAt: AT,
    version: 0,
    ...overrides,
  };
}
