import { beforeAll, describe, expect, it, vi } from 'vitest';
import { resetRuntime } from '../../../functions/adapters/runtime/runtime.js';
import {
  auditId,
  enrollmentId,
  evidenceId,
  evidenceRequestId,
  findingId,
} from '../../../functions/domain/ids.js';
import { transitionAudit } from '../../../functions/domain/lifecycle/audit.js';
import { transitionEvidenceRequest } from '../../../functions/domain/lifecycle/evidence-request.js';
import { raiseFinding } from '../../../functions/domain/lifecycle/finding.js';
import { unwrapTransition } from '../../../functions/domain/lifecycle/state-machine.js';
import { planDueOccurrences } from '../../../functions/domain/planning/plan-due-occurrences.js';
import type { Actor } from '../../../functions/domain/schemas/common.js';
import type { PlannableEnrollment } from '../../../functions/domain/schemas/enrollment.js';
import type { Evidence } from '../../../functions/domain/schemas/evidence.js';
import { previousAuditFindings } from '../../../functions/services/roll-over.js';
import { createAndStartAudit, type PlannedInRun } from '../../../functions/services/scheduling.js';
import { auditFixture, eventFixture, requestFixture } from '../../support/audit-fixtures.js';
import { registerFixtureAgency } from '../../support/digest-fixtures.js';
import { bindTestRuntime, fakeWorkflows } from '../../support/test-runtime.js';
import { connectTestTable, type TestTable, uniqueOri } from '../../support/test-table.js';

/*
 * The scheduler creating the same program's occurrences for one agency, year after year, against the local
 * table: the second starts from the first. Each run plans its window as the daily scheduler does (occurrences in
 * date order, one memory of the run's audits) for one enrollment only, so other suites' enrollments are left alone.
 */

const PROGRAM = 'account-review';
const reviewer: Actor = { type: 'reviewer', id: 'jane.doe@doj.ca.gov' };
const agencyContact: Actor = { type: 'agency-contact', id: 'lnk-1', role: 'tac' };
const intake: Actor = { type: 'system', id: 'evidence-intake' };

let table: TestTable;
beforeAll(async () => {
  table = await connectTestTable();
  return () => resetRuntime();
});

function enrollmentOf(ori: string): PlannableEnrollment {
  return {
    ori,
    programId: PROGRAM,
    enrollmentId: enrollmentId(ori, PROGRAM),
    anchorDate: '2026-06-01',
    timeZone: 'America/Los_Angeles',
    status: 'active',
  };
}

/** One scheduling run at `now` over [from, now): what planEnrollmentShard does for this enrollment. */
async function schedulingRun(ori: string, from: string, now: string) {
  bindTestRuntime(table, { now: new Date(now), workflows: fakeWorkflows() });
  const plannedInRun: PlannedInRun = new Map();
  const results = [];
  for (const occurrence of planDueOccurrences([enrollmentOf(ori)], from, now)) {
    results.push({
      auditId: occurrence.occurrenceId,
      ...(await createAndStartAudit(occurrence, {}, plannedInRun)),
    });
  }
  return results;
}

const RUN_2026 = ['2026-04-28T15:00:00.000Z', '2026-05-05T15:00:00.000Z'] as const;
const RUN_2027 = ['2027-04-28T15:00:00.000Z', '2027-05-05T15:00:00.000Z'] as const;
const RUN_2028 = ['2028-04-28T15:00:00.000Z', '2028-05-05T15:00:00.000Z'] as const;

/** The agency answers the 2026 signoff request with a file, and the reviewer accepts it. */
async function acceptSignoff(ori: string): Promise<Evidence> {
  const { audits } = table.repository;
  const id = auditId(ori, PROGRAM, '2026');
  const requestId = evidenceRequestId(id, 'account-review-signoff');
  const sha256 = 'c3'.repeat(32);
  const evidence: Evidence = {
    evidenceId: evidenceId(requestId, sha256),
    requestId,
    auditId: id,
    ori,
    requirementId: 'account-review-signoff',
    fileName: 'signed-review-2026.pdf',
    contentType: 'application/pdf',
    sizeBytes: 4096,
    sha256,
    objectKey: `evidence/${ori}/${id}/${requestId}/${sha256.slice(0, 16)}`,
    objectVersion: 'v-2026-1',
    receivedAt: '2026-05-20T18:00:00.000Z',
    effectiveDate: '2026-05-18',
    uploadedBy: agencyContact,
  };
  await audits.recordEvidence(evidence, eventFixture(id, 'evidence.received', evidence.evidenceId));
  let request = await audits.getEvidenceRequest(id, requestId);
  if (!request) throw new Error('no signoff request');
  for (const [command, context] of [
    [
      { action: 'submit', evidenceId: evidence.evidenceId },
      { at: evidence.receivedAt, actor: intake },
    ],
    [
      { action: 'accept', evidenceId: evidence.evidenceId },
      { at: '2026-05-22T17:00:00.000Z', actor: reviewer },
    ],
  ] as const) {
    const { entity, event } = unwrapTransition(transitionEvidenceRequest(request, command, context));
    request = await audits.saveEvidenceRequest(request, entity, event);
  }
  return evidence;
}

describe('Service: scheduling › roll-over into the next occurrence', () => {
  it("creates a program's first audit as before, then starts the next occurrence from it", async () => {
    // Prepare: the first run, and the 2026 audit's life until the next occurrence is planned.
    const ori = uniqueOri();
    const { audits, trail } = table.repository;
    await registerFixtureAgency(table.repository, ori, 'Fresno Police Department');
    const first = await schedulingRun(ori, ...RUN_2026);
    const id2026 = auditId(ori, PROGRAM, '2026');
    const evidence = await acceptSignoff(ori);
    // An older catalog asked for a requirement the current obligation no longer lists.
    await audits.createEvidenceRequest(
      {
        ...requestFixture(await audits.requireAudit(id2026), 'legacy-roster'),
        description: 'Operator roster',
      },
      eventFixture(id2026, 'evidence-request.created', evidenceRequestId(id2026, 'legacy-roster')),
    );
    // Another program's audit, due between the two occurrences, is not this program's previous audit.
    const other = auditFixture(ori, {
      auditId: auditId(ori, 'audit-log-review', '2027-W10'),
      programId: 'audit-log-review',
      periodKey: '2027-W10',
      dueDate: '2027-03-12',
      dueAt: '2027-03-13T07:59:59.999Z',
    });
    await audits.createAudit(other, eventFixture(other.auditId, 'audit.scheduled'));

    // Act
    const second = await schedulingRun(ori, ...RUN_2027);

    // Assess: the first audit is as it always was.
    const id2027 = auditId(ori, PROGRAM, '2027');
    expect(first).toEqual([{ auditId: id2026, created: true, started: true }]);
    expect(second).toEqual([{ auditId: id2027, created: true, started: true }]);
    const bundle2026 = await audits.getAuditBundle(id2026);
    expect(bundle2026?.audit.previousAuditId).toBeUndefined();
    expect(bundle2026?.requests.every((request) => request.carriedForwardFrom === undefined)).toBe(true);
    const [scheduled2026] = await trail.readAll(id2026);
    expect(scheduled2026?.payload).not.toHaveProperty('previousAuditId');

    // The second names the first, and carries every requirement forward, with the file the first accepted.
    const bundle = await audits.getAuditBundle(id2027);
    expect(bundle?.audit).toMatchObject({ previousAuditId: id2026, agencyName: 'Fresno Police Department' });
    const byRequirement = new Map(bundle?.requests.map((request) => [request.requirementId, request]));
    expect([...byRequirement.keys()].sort()).toEqual([
      'account-change-notifications',
      'account-review-signoff',
      'legacy-roster',
    ]);
    expect(byRequirement.get('account-review-signoff')).toMatchObject({
      requestId: evidenceRequestId(id2027, 'account-review-signoff'),
      status: 'requested',
      submissionCount: 0,
      agencyName: 'Fresno Police Department',
      carriedForwardFrom: {
        auditId: id2026,
        requestId: evidenceRequestId(id2026, 'account-review-signoff'),
        status: 'accepted',
        evidenceId: evidence.evidenceId,
        sha256: evidence.sha256,
        fileName: 'signed-review-2026.pdf',
        effectiveDate: '2026-05-18',
      },
    });
    expect(byRequirement.get('account-change-notifications')?.carriedForwardFrom).toEqual({
      auditId: id2026,
      requestId: evidenceRequestId(id2026, 'account-change-notifications'),
      status: 'requested',
    });
    expect(byRequirement.get('legacy-roster')).toMatchObject({
      requestId: evidenceRequestId(id2027, 'legacy-roster'),
      description: 'Operator roster',
      acceptedContentTypes: ['application/pdf'],
      status: 'requested',
      dueDate: bundle?.audit.dueDate,
      carriedForwardFrom: { auditId: id2026, status: 'requested' },
    });
    const events = await trail.readAll(id2027);
    expect(events[0]).toMatchObject({
      type: 'audit.scheduled',
      payload: {
        previousAuditId: id2026,
        carriedForwardRequirementIds: [
          'account-review-signoff',
          'account-change-notifications',
          'legacy-roster',
        ],
        requirementIdsOnlyInPreviousAudit: ['legacy-roster'],
      },
    });
    expect(events.filter((event) => event.type === 'evidence-request.created')).toHaveLength(3);
    expect((await trail.verify(id2027)).valid).toBe(true);
  });

  it('changes nothing when the run is retried: no item, version or trail event is added', async () => {
    // Prepare
    const ori = uniqueOri();
    const { audits, trail } = table.repository;
    await schedulingRun(ori, ...RUN_2026);
    await acceptSignoff(ori);
    await schedulingRun(ori, ...RUN_2027);
    const id2027 = auditId(ori, PROGRAM, '2027');
    const before = await audits.getAuditBundle(id2027);
    const eventsBefore = await trail.readAll(id2027);

    // Act: the same window again, later (a retried step, or a day whose watermark did not move).
    const retried = await schedulingRun(ori, RUN_2027[0], '2027-05-05T15:30:00.000Z');

    // Assess
    expect(retried).toEqual([{ auditId: id2027, created: false, started: true }]);
    expect(await audits.getAuditBundle(id2027)).toEqual(before);
    expect(await trail.readAll(id2027)).toEqual(eventsBefore);
  });

  it('rolls over from the latest occurrence not cancelled, and from one planned earlier in the same run', async () => {
    // Prepare: a catch-up run plans 2026 and 2027 at once; then 2027 is cancelled.
    const ori = uniqueOri();
    const { audits } = table.repository;
    const lookups = vi.spyOn(audits, 'findPreviousProgramAudit');
    const caughtUp = await schedulingRun(ori, RUN_2026[0], RUN_2027[1]);
    // Only 2026 asked the index: 2027 rolled over from the audit the run had just created.
    expect(lookups).toHaveBeenCalledTimes(1);
    lookups.mockRestore();
    const id2026 = auditId(ori, PROGRAM, '2026');
    const id2027 = auditId(ori, PROGRAM, '2027');
    const id2028 = auditId(ori, PROGRAM, '2028');
    const audit2027 = await audits.requireAudit(id2027);
    const cancelled = unwrapTransition(
      transitionAudit(
        audit2027,
        { action: 'cancel', reason: 'Agency merged' },
        { at: RUN_2027[1], actor: reviewer },
      ),
    );
    await audits.saveAudit(audit2027, cancelled.entity, cancelled.event);

    // Act
    await schedulingRun(ori, ...RUN_2028);

    // Assess
    expect(caughtUp.map((result) => result.auditId)).toEqual([id2026, id2027]);
    expect((await audits.getAudit(id2027))?.previousAuditId).toBe(id2026);
    expect((await audits.getAudit(id2028))?.previousAuditId).toBe(id2026);
  });
});

describe('Class: AuditRepository › findPreviousProgramAudit', () => {
  it("pages newest-first through the agency's other audits until it finds the program's previous one", async () => {
    // Prepare: 2025 and 2026 of the program, then five weekly audits of another program in between.
    const ori = uniqueOri();
    const { audits } = table.repository;
    const create = async (
      programId: string,
      periodKey: string,
      dueDate: string,
      status = 'scheduled' as const,
    ) => {
      const audit = auditFixture(ori, {
        auditId: auditId(ori, programId, periodKey),
        programId,
        periodKey,
        status,
        dueDate,
        dueAt: `${dueDate}T23:59:59.999Z`,
      });
      await audits.createAudit(audit, eventFixture(audit.auditId, 'audit.scheduled'));
    };
    await create(PROGRAM, '2025', '2025-06-02');
    await create(PROGRAM, '2026', '2026-06-01');
    for (const week of [23, 24, 25, 26, 27])
      await create('audit-log-review', `2026-W${week}`, `2026-06-${week - 15}`);

    // Act
    const found = await audits.findPreviousProgramAudit(ori, PROGRAM, '2027-06-01T23:59:59.999Z', {
      pageSize: 1,
    });
    const beforeSecond = await audits.findPreviousProgramAudit(ori, PROGRAM, '2026-06-01T23:59:59.999Z');
    const beforeFirst = await audits.findPreviousProgramAudit(ori, PROGRAM, '2025-06-02T23:59:59.999Z', {
      pageSize: 1,
    });

    // Assess
    expect(found?.auditId).toBe(auditId(ori, PROGRAM, '2026'));
    expect(beforeSecond?.auditId).toBe(auditId(ori, PROGRAM, '2025'));
    expect(beforeFirst).toBeUndefined();
  });
});

describe('Service: previousAuditFindings', () => {
  it("reads the previous audit's findings, and none for a first audit", async () => {
    // Prepare
    const ori = uniqueOri();
    const { audits } = table.repository;
    await schedulingRun(ori, ...RUN_2026);
    await schedulingRun(ori, ...RUN_2027);
    const id2026 = auditId(ori, PROGRAM, '2026');
    const raised = raiseFinding(
      {
        auditId: id2026,
        ori,
        sequence: 1,
        severity: 'high',
        title: 'Stale accounts',
        description: 'Accounts not reviewed.',
        requirementId: 'account-review-signoff',
      },
      { at: '2026-06-03T17:00:00.000Z', actor: reviewer },
    );
    await audits.createFinding(raised.finding, raised.event);

    // Act
    const findings = await previousAuditFindings(await audits.requireAudit(auditId(ori, PROGRAM, '2027')));
    const none = await previousAuditFindings(await audits.requireAudit(id2026));

    // Assess
    expect(findings.map((finding) => finding.findingId)).toEqual([findingId(id2026, 1)]);
    expect(none).toEqual([]);
  });
});
