import { beforeAll, describe, expect, it } from 'vitest';
import { raiseFinding } from '../../../functions/domain/lifecycle/finding.js';
import type { Audit } from '../../../functions/domain/schemas/audit.js';
import type { EvidenceRequest } from '../../../functions/domain/schemas/evidence.js';
import { auditFixture, eventFixture, requestFixture } from '../../support/audit-fixtures.js';
import { type TestTable, uniqueOri } from '../../support/test-table.js';
import { agencyBody } from '../../unit/api/api-fixtures.js';
import { callAdminApi } from './admin-api-client.js';
import { bindApiTestRuntime, NOW } from './api-runtime.js';

let table: TestTable;

beforeAll(async () => {
  ({ table } = await bindApiTestRuntime());
});

/** A registered agency with an audit in `status` and one evidence request. */
async function auditIn(status: Audit['status']): Promise<{ audit: Audit; request: EvidenceRequest }> {
  const ori = uniqueOri();
  expect((await callAdminApi('POST', '/agencies', { body: agencyBody(ori) })).status).toBe(201);
  const { audits } = table.repository;
  const fixture = auditFixture(ori, { status, openedAt: '2026-06-01T15:00:00.000Z' });
  const { audit } = await audits.createAudit(fixture, eventFixture(fixture.auditId, 'audit.opened'));
  const { request } = await audits.createEvidenceRequest(
    requestFixture(audit),
    eventFixture(audit.auditId, 'evidence-request.created', 'req-review-signoff'),
  );
  return { audit, request };
}

async function footprint(auditId: string) {
  return {
    bundle: await table.repository.audits.getAuditBundle(auditId),
    trail: await table.repository.trail.readAll(auditId),
  };
}

const findingsOf = (auditId: string) => `/audits/${auditId}/findings`;

describe('Admin API: findings', () => {
  it('records findings with sequence ids and the policy due date, lists them, and writes the trail event', async () => {
    // Prepare: an audit in review; the clock says 10 June 2026 in California
    const { audit, request } = await auditIn('in-review');

    // Act
    const first = await callAdminApi('POST', findingsOf(audit.auditId), {
      body: {
        requestId: request.requestId,
        severity: 'critical',
        description: 'Shared accounts\nTwo users.',
      },
    });
    const second = await callAdminApi('POST', findingsOf(audit.auditId), {
      body: { requirementId: 'review-signoff', severity: 'high', description: 'No sign-off date' },
    });
    const listing = await callAdminApi('GET', findingsOf(audit.auditId));

    // Assess: critical is due 15 days later, high 30 (both business days)
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({
      findingId: `fnd_${audit.auditId.slice(4)}_001`,
      requirementId: 'review-signoff',
      severity: 'critical',
      title: 'Shared accounts',
      // Each finding opens with its first remediation task, so it is in remediation at once.
      status: 'remediation',
      dueDate: '2026-06-25',
      raisedBy: { type: 'administrator', id: 'a1b2c3d4-administrator' },
    });
    expect(second.status).toBe(201);
    expect(second.json).toMatchObject({
      findingId: `fnd_${audit.auditId.slice(4)}_002`,
      dueDate: '2026-07-10',
    });
    expect(listing.status).toBe(200);
    expect(listing.json.status).toBe('in-review');
    expect(listing.json.findings.map((finding: { findingId: string }) => finding.findingId)).toEqual([
      first.json.findingId,
      second.json.findingId,
    ]);
    const tasks = await callAdminApi('GET', `/audits/${audit.auditId}/tasks`);
    expect(tasks.json.tasks).toMatchObject([
      {
        findingId: first.json.findingId,
        ownerRole: audit.responsibleRole,
        dueDate: '2026-06-25',
        status: 'awaiting-plan',
      },
      {
        findingId: second.json.findingId,
        ownerRole: audit.responsibleRole,
        dueDate: '2026-07-10',
        status: 'awaiting-plan',
      },
    ]);
    const trail = await table.repository.trail.readAll(audit.auditId);
    const raised = trail.filter((event) => event.type === 'finding.raised');
    expect(raised.map((event) => [event.subject.id, event.payload])).toEqual([
      [first.json.findingId, { severity: 'critical', dueDate: '2026-06-25', title: 'Shared accounts' }],
      [second.json.findingId, { severity: 'high', dueDate: '2026-07-10', title: 'No sign-off date' }],
    ]);
  });

  it("marks a finding a repeat when the program's previous audit had one on the same requirement", async () => {
    // Prepare: last year's audit of the agency had a finding on the sign-off; this year's rolled over from it
    const ori = uniqueOri();
    expect((await callAdminApi('POST', '/agencies', { body: agencyBody(ori) })).status).toBe(201);
    const { audits } = table.repository;
    const lastYear = auditFixture(ori, { periodKey: '2026', status: 'in-review' });
    await audits.createAudit(lastYear, eventFixture(lastYear.auditId, 'audit.opened'));
    const { request: lastRequest } = await audits.createEvidenceRequest(
      requestFixture(lastYear),
      eventFixture(lastYear.auditId, 'evidence-request.created', 'req-review-signoff'),
    );
    const earlier = await callAdminApi('POST', findingsOf(lastYear.auditId), {
      body: { requestId: lastRequest.requestId, severity: 'high', description: 'Unsigned review' },
    });
    const thisYear = auditFixture(ori, { status: 'in-review', previousAuditId: lastYear.auditId });
    await audits.createAudit(thisYear, eventFixture(thisYear.auditId, 'audit.opened'));
    for (const requirement of ['review-signoff', 'user-roster']) {
      await audits.createEvidenceRequest(
        requestFixture(thisYear, requirement),
        eventFixture(thisYear.auditId, 'evidence-request.created', `req-${requirement}`),
      );
    }

    // Act
    const repeat = await callAdminApi('POST', findingsOf(thisYear.auditId), {
      body: { requirementId: 'review-signoff', severity: 'medium', description: 'Still unsigned' },
    });
    const fresh = await callAdminApi('POST', findingsOf(thisYear.auditId), {
      body: { requirementId: 'user-roster', severity: 'low', description: 'Roster out of date' },
    });

    // Assess
    expect(repeat.status).toBe(201);
    expect(repeat.json.repeatOf).toEqual({ findingId: earlier.json.findingId, auditId: lastYear.auditId });
    expect(fresh.status).toBe(201);
    expect(fresh.json.repeatOf).toBeUndefined();
    const raised = (await table.repository.trail.readAll(thisYear.auditId)).find(
      (event) => event.type === 'finding.raised' && event.subject.id === repeat.json.findingId,
    );
    expect(raised?.payload.repeatOf).toEqual(repeat.json.repeatOf);
  });

  it('also records findings while the audit is in remediation', async () => {
    const { audit, request } = await auditIn('remediation');
    const answer = await callAdminApi('POST', findingsOf(audit.auditId), {
      body: { requestId: request.requestId, severity: 'low', description: 'Late roster' },
    });
    expect(answer.status).toBe(201);
    expect(answer.json.dueDate).toBe('2026-09-08');
  });

  it.each([
    ['an unknown severity', { severity: 'urgent', description: 'x' }, /severity/],
    ['an empty description', { severity: 'high', description: '   ' }, /description/],
    ['an unknown field', { severity: 'high', description: 'x', dueDate: '2026-07-01' }, /dueDate/],
    ['no request or requirement', { severity: 'high', description: 'x', withRequest: false }, /requestId/],
  ])('refuses %s with 400 naming the field, writing nothing', async (_case, fields, issue) => {
    const { audit, request } = await auditIn('in-review');
    const { withRequest, ...rest } = fields as Record<string, unknown>;
    const body = withRequest === false ? rest : { requestId: request.requestId, ...rest };
    const before = await footprint(audit.auditId);

    const answer = await callAdminApi('POST', findingsOf(audit.auditId), { body });

    expect(answer.status).toBe(400);
    expect(answer.json.error.issues).toEqual([expect.stringMatching(issue)]);
    expect(await footprint(audit.auditId)).toEqual(before);
  });

  it.each(['closed', 'collecting'] as const)('refuses a finding on a %s audit with 409', async (status) => {
    const { audit, request } = await auditIn(status);
    const before = await footprint(audit.auditId);

    const answer = await callAdminApi('POST', findingsOf(audit.auditId), {
      body: { requestId: request.requestId, severity: 'high', description: 'Too late' },
    });

    expect(answer.status).toBe(409);
    expect(answer.json.error.message).toContain(`is ${status}`);
    expect(await footprint(audit.auditId)).toEqual(before);
  });

  it('answers 404 for an unknown audit, on both routes', async () => {
    const unknown = `aud_${uniqueOri()}_account-review_2027`;
    const post = await callAdminApi('POST', findingsOf(unknown), {
      body: { requirementId: 'review-signoff', severity: 'high', description: 'x' },
    });
    expect(post.status).toBe(404);
    expect((await callAdminApi('GET', findingsOf(unknown))).status).toBe(404);
  });

  it('finishes a finding whose first attempt failed before its task was opened, instead of recording a second', async () => {
    // Prepare: the finding was stored, then the request failed before its task (as a transient error would leave it)
    const { audit, request } = await auditIn('in-review');
    const body = { requestId: request.requestId, severity: 'high', description: 'Shared operator accounts' };
    const { finding, event } = raiseFinding(
      {
        auditId: audit.auditId,
        ori: audit.ori,
        sequence: 1,
        severity: 'high',
        title: 'Shared operator accounts',
        description: 'Shared operator accounts',
        requirementId: request.requirementId,
      },
      { at: NOW, actor: { type: 'administrator', id: 'a1b2c3d4-administrator' } },
      { timeZone: audit.timeZone },
    );
    const { version: _version, ...unsaved } = finding;
    await table.repository.audits.createFinding(unsaved, event);

    // Act: the reviewer sends the same finding again
    const retried = await callAdminApi('POST', findingsOf(audit.auditId), { body });

    // Assess: the same finding, now with its task; no second finding
    expect(retried.status).toBe(201);
    expect(retried.json).toMatchObject({ findingId: finding.findingId, status: 'remediation' });
    const bundle = await table.repository.audits.getAuditBundle(audit.auditId);
    expect(bundle?.findings).toHaveLength(1);
    expect(bundle?.tasks.map((task) => task.findingId)).toEqual([finding.findingId]);
    // A different finding on the same requirement is a new one
    const other = await callAdminApi('POST', findingsOf(audit.auditId), {
      body: { ...body, severity: 'low' },
    });
    expect(other.json.findingId).toBe(`fnd_${audit.auditId.slice(4)}_002`);
  });

  it("refuses another audit's request with 404, writing nothing to either audit", async () => {
    const mine = await auditIn('in-review');
    const theirs = await auditIn('in-review');
    const before = [await footprint(mine.audit.auditId), await footprint(theirs.audit.auditId)];

    const answer = await callAdminApi('POST', findingsOf(mine.audit.auditId), {
      body: { requestId: theirs.request.requestId, severity: 'critical', description: 'Wrong audit' },
    });

    expect(answer.status).toBe(404);
    expect(answer.json.error.message).toContain(theirs.request.requestId);
    expect([await footprint(mine.audit.auditId), await footprint(theirs.audit.auditId)]).toEqual(before);
  });
});
