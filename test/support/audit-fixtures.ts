import { auditId, evidenceRequestId } from '../../functions/domain/ids.js';
import type { Audit } from '../../functions/domain/schemas/audit.js';
import type { Actor } from '../../functions/domain/schemas/common.js';
import type { EvidenceRequest } from '../../functions/domain/schemas/evidence.js';
import type { TrailEventDraft } from '../../functions/domain/schemas/trail-event.js';

export const systemActor: Actor = { type: 'system', id: 'test-suite' };

/** A scheduled audit for one agency and period; times are fixed, so tests are reproducible. */
export function auditFixture(
  ori: string,
  overrides: Partial<Audit> & { periodKey?: string } = {},
): Omit<Audit, 'version'> {
  const periodKey = overrides.periodKey ?? '2027';
  return {
    auditId: auditId(ori, 'account-review', periodKey),
    ori,
    programId: 'account-review',
    periodKey,
    catalogVersion: '2026.1',
    status: 'scheduled',
    nominalDate: '2027-03-01',
    dueDate: '2027-03-01',
    dueAt: '2027-03-02T07:59:59.999Z',
    opensAt: '2027-01-30T08:00:00.000Z',
    timeZone: 'America/Los_Angeles',
    responsibleRole: 'tac',
    createdAt: '2026-12-01T16:00:00.000Z',
    updatedAt: '2026-12-01T16:00:00.000Z',
    ...overrides,
  };
}

export function requestFixture(
  audit: Pick<Audit, 'auditId' | 'ori' | 'dueDate' | 'dueAt'>,
  requirementId = 'review-signoff',
): Omit<EvidenceRequest, 'version'> {
  return {
    requestId: evidenceRequestId(audit.auditId, requirementId),
    auditId: audit.auditId,
    ori: audit.ori,
    programId: 'account-review',
    requirementId,
    description: 'Signed account review',
    acceptedContentTypes: ['application/pdf'],
    status: 'requested',
    dueDate: audit.dueDate,
    dueAt: audit.dueAt,
    submissionCount: 0,
    createdAt: '2026-12-01T16:00:00.000Z',
    updatedAt: '2026-12-01T16:00:00.000Z',
  };
}

export function eventFixture(
  streamId: string,
  type: string,
  subjectId = streamId,
  payload: TrailEventDraft['payload'] = {},
): TrailEventDraft {
  const subjectType = type.split('.')[0] as TrailEventDraft['subject']['type'];
  return {
    type,
    at: '2026-12-01T16:00:00.000Z',
    actor: systemActor,
    subject: { type: subjectType, id: subjectId },
    streamId,
    payload,
  };
}
