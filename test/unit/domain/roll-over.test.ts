import { describe, expect, it } from 'vitest';
import {
  AuditSchema,
  DomainError,
  type Evidence,
  EvidenceRequestSchema,
  evidenceId,
  evidenceRequestId,
  OBLIGATIONS_CATALOG,
  planDueOccurrences,
  resolveObligation,
  type ScheduledAudit,
  scheduleAudit,
} from '../../../functions/domain/index.js';
import {
  type PreviousAudit,
  repeatFindingOf,
  rollOverAudit,
} from '../../../functions/domain/lifecycle/roll-over.js';
import { AGENCY, SYSTEM, sampleAudit, sampleFinding, sampleRequest } from './fixtures.js';

const ORI = 'CA0190000';
const PREVIOUS_ID = 'aud_CA0190000_account-review_2026';

/** The 2027 occurrence of the account review, scheduled as the planner would. */
function scheduled2027(): ScheduledAudit {
  const [occurrence] = planDueOccurrences(
    [
      {
        ori: ORI,
        programId: 'account-review',
        anchorDate: '2026-06-01',
        timeZone: 'America/Los_Angeles',
        status: 'active',
      },
    ],
    '2027-04-01T00:00:00Z',
    '2027-06-01T00:00:00Z',
  );
  if (!occurrence) throw new Error('nothing planned');
  return scheduleAudit(occurrence, resolveObligation(OBLIGATIONS_CATALOG, 'account-review'), {
    at: '2027-05-01T15:00:00.000Z',
    actor: SYSTEM,
  });
}

const sha256 = 'ab'.repeat(32);
const signoffRequestId = evidenceRequestId(PREVIOUS_ID, 'account-review-signoff');
const signoffEvidence: Evidence = {
  evidenceId: evidenceId(signoffRequestId, sha256),
  requestId: signoffRequestId,
  auditId: PREVIOUS_ID,
  ori: ORI,
  requirementId: 'account-review-signoff',
  fileName: 'signed-review-2026.pdf',
  contentType: 'application/pdf',
  sizeBytes: 2048,
  sha256,
  objectKey: `evidence/${ORI}/${PREVIOUS_ID}/${signoffRequestId}/x`,
  objectVersion: 'v1',
  receivedAt: '2026-05-20T18:00:00.000Z',
  effectiveDate: '2026-05-19',
  uploadedBy: AGENCY,
};

/** The 2026 audit: the signoff accepted with a file, change notices never sent, and a requirement since dropped. */
function previous2026(): PreviousAudit {
  return {
    audit: sampleAudit({ auditId: PREVIOUS_ID, status: 'closed' }),
    requests: [
      sampleRequest({
        requestId: signoffRequestId,
        status: 'accepted',
        currentEvidenceId: signoffEvidence.evidenceId,
        submissionCount: 1,
      }),
      sampleRequest({
        requestId: evidenceRequestId(PREVIOUS_ID, 'account-change-notifications'),
        requirementId: 'account-change-notifications',
        description: 'Account change notices',
      }),
      sampleRequest({
        requestId: evidenceRequestId(PREVIOUS_ID, 'legacy-roster'),
        requirementId: 'legacy-roster',
        description: 'Roster of terminal operators (dropped from the 2027 catalog)',
        acceptedContentTypes: ['text/csv', 'application/pdf'],
        status: 'flagged',
        flagReason: 'Unsigned',
      }),
    ],
    evidence: [signoffEvidence],
  };
}

describe('Function: rollOverAudit', () => {
  it("changes nothing for a program's first audit", () => {
    // Prepare
    const scheduled = scheduled2027();

    // Act / Assess
    expect(rollOverAudit(scheduled, undefined)).toBe(scheduled);
    expect(scheduled.audit.previousAuditId).toBeUndefined();
    expect(scheduled.requests.every((request) => request.carriedForwardFrom === undefined)).toBe(true);
  });

  it('names the previous audit and carries each requirement forward with how it ended, and its file', () => {
    // Prepare
    const scheduled = scheduled2027();

    // Act
    const { audit, requests } = rollOverAudit(scheduled, previous2026());

    // Assess
    expect(AuditSchema.parse(audit).previousAuditId).toBe(PREVIOUS_ID);
    for (const request of requests) EvidenceRequestSchema.parse(request);
    const byRequirement = new Map(requests.map((request) => [request.requirementId, request]));
    expect(byRequirement.get('account-review-signoff')).toMatchObject({
      requestId: evidenceRequestId(audit.auditId, 'account-review-signoff'),
      status: 'requested',
      submissionCount: 0,
      carriedForwardFrom: {
        auditId: PREVIOUS_ID,
        requestId: signoffRequestId,
        status: 'accepted',
        evidenceId: signoffEvidence.evidenceId,
        sha256,
        fileName: 'signed-review-2026.pdf',
        effectiveDate: '2026-05-19',
      },
    });
    expect(byRequirement.get('account-change-notifications')?.carriedForwardFrom).toEqual({
      auditId: PREVIOUS_ID,
      requestId: evidenceRequestId(PREVIOUS_ID, 'account-change-notifications'),
      status: 'requested',
    });
  });

  it('asks again, as requests of the new audit, for what the previous audit asked and the obligation no longer lists', () => {
    // Prepare
    const scheduled = scheduled2027();

    // Act
    const { audit, requests } = rollOverAudit(scheduled, previous2026());

    // Assess: the obligation's requests first, in their order, then the carried-over one.
    expect(requests.map((request) => request.requirementId)).toEqual([
      ...scheduled.requests.map((request) => request.requirementId),
      'legacy-roster',
    ]);
    expect(requests.at(-1)).toEqual({
      requestId: evidenceRequestId(audit.auditId, 'legacy-roster'),
      auditId: audit.auditId,
      ori: ORI,
      programId: 'account-review',
      requirementId: 'legacy-roster',
      description: 'Roster of terminal operators (dropped from the 2027 catalog)',
      acceptedContentTypes: ['text/csv', 'application/pdf'],
      status: 'requested',
      dueDate: audit.dueDate,
      dueAt: audit.dueAt,
      submissionCount: 0,
      carriedForwardFrom: {
        auditId: PREVIOUS_ID,
        requestId: evidenceRequestId(PREVIOUS_ID, 'legacy-roster'),
        status: 'flagged',
      },
      createdAt: audit.createdAt,
      updatedAt: audit.createdAt,
      version: 0,
    });
  });

  it('names the previous audit and the carried-forward requirements in the audit.scheduled event', () => {
    // Act
    const { event } = rollOverAudit(scheduled2027(), previous2026());

    // Assess
    expect(event).toMatchObject({
      type: 'audit.scheduled',
      payload: {
        previousAuditId: PREVIOUS_ID,
        requirementIds: ['account-review-signoff', 'account-change-notifications', 'legacy-roster'],
        carriedForwardRequirementIds: [
          'account-review-signoff',
          'account-change-notifications',
          'legacy-roster',
        ],
        requirementIdsOnlyInPreviousAudit: ['legacy-roster'],
      },
    });
  });

  it('is deterministic: the same input gives the same audit, requests and event', () => {
    // Act / Assess
    expect(rollOverAudit(scheduled2027(), previous2026())).toEqual(
      rollOverAudit(scheduled2027(), previous2026()),
    );
  });

  it('refuses an audit that cannot be the previous one', () => {
    // Prepare
    const scheduled = scheduled2027();
    const previous = previous2026();
    const as = (audit: Partial<PreviousAudit['audit']>) => ({
      ...previous,
      audit: { ...previous.audit, ...audit },
    });

    // Act / Assess
    expect(() => rollOverAudit(scheduled, as({ ori: 'CA0370000' }))).toThrow(DomainError);
    expect(() => rollOverAudit(scheduled, as({ ori: 'CA0370000' }))).toThrow(/belongs to agency CA0370000/);
    expect(() => rollOverAudit(scheduled, as({ programId: 'audit-log-review' }))).toThrow(
      /is of program audit-log-review/,
    );
    expect(() => rollOverAudit(scheduled, as({ dueAt: scheduled.audit.dueAt }))).toThrow(/not due before/);
    expect(() => rollOverAudit(scheduled, as({ auditId: scheduled.audit.auditId }))).toThrow(
      /is the audit itself/,
    );
  });
});

describe('Function: repeatFindingOf', () => {
  const earlier = sampleFinding({
    requirementId: 'account-review-signoff',
    raisedAt: '2026-06-10T16:00:00.000Z',
  });
  const later = sampleFinding({
    findingId: 'fnd_CA0190000_account-review_2026_002',
    requirementId: 'account-review-signoff',
    raisedAt: '2026-06-12T16:00:00.000Z',
    status: 'closed',
  });
  const withdrawn = sampleFinding({
    findingId: 'fnd_CA0190000_account-review_2026_003',
    requirementId: 'account-review-signoff',
    raisedAt: '2026-06-20T16:00:00.000Z',
    status: 'withdrawn',
    withdrawnReason: 'Raised in error',
  });
  const other = sampleFinding({
    findingId: 'fnd_CA0190000_account-review_2026_004',
    requirementId: 'account-change-notifications',
  });

  it('finds the latest finding on the same requirement, passing over withdrawn ones', () => {
    // Act / Assess
    expect(repeatFindingOf([later, withdrawn, earlier, other], 'account-review-signoff')).toBe(later);
    expect(repeatFindingOf([other], 'account-change-notifications')).toBe(other);
  });

  it('finds none for another requirement, only withdrawn findings, no requirement, or no previous audit', () => {
    // Act / Assess
    expect(repeatFindingOf([earlier, later], 'legacy-roster')).toBeUndefined();
    expect(repeatFindingOf([withdrawn], 'account-review-signoff')).toBeUndefined();
    expect(repeatFindingOf([earlier, other, sampleFinding()], undefined)).toBeUndefined();
    expect(repeatFindingOf([], 'account-review-signoff')).toBeUndefined();
  });

  it('breaks a tie on the raising instant by finding id, whatever the order handed in', () => {
    // Prepare
    const twin = { ...later, findingId: 'fnd_CA0190000_account-review_2026_009', raisedAt: later.raisedAt };

    // Act / Assess
    expect(repeatFindingOf([twin, later], 'account-review-signoff')).toBe(twin);
    expect(repeatFindingOf([later, twin], 'account-review-signoff')).toBe(twin);
  });
});
