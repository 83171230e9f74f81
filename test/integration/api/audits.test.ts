import { beforeAll, describe, expect, it } from 'vitest';
import type { Audit } from '../../../functions/domain/schemas/audit.js';
import { auditFixture, eventFixture, requestFixture } from '../../support/audit-fixtures.js';
import { type TestTable, uniqueOri } from '../../support/test-table.js';
import { callAdminApi } from './admin-api-client.js';
import { agencyFootprint, bindApiTestRuntime, type fakeWorkflows } from './api-runtime.js';

let table: TestTable;
let workflows: ReturnType<typeof fakeWorkflows>;

beforeAll(async () => {
  ({ table, workflows } = await bindApiTestRuntime());
});

/**
 * Stores an audit (with one evidence request) directly, as the scheduler would have. Due instants far in the
 * past sort these audits ahead of any other test's in the shared table's status and due indexes.
 */
async function storedAudit(
  ori: string,
  overrides: Partial<Audit> & { periodKey?: string } = {},
): Promise<Audit> {
  const audit = auditFixture(ori, overrides);
  const { audit: created } = await table.repository.audits.createAudit(
    audit,
    eventFixture(audit.auditId, 'audit.scheduled'),
  );
  await table.repository.audits.createEvidenceRequest(
    requestFixture(audit),
    eventFixture(audit.auditId, 'evidence-request.created'),
  );
  return created;
}

/** A due instant before any other test's, unique to this call, so the audit is on the first page. */
const earlyDueAt = () =>
  new Date(Date.UTC(1990, 0, 1) + Math.floor(Math.random() * 86_400_000)).toISOString();

describe('Admin API: listing audits', () => {
  it("lists an agency's audits in due order, optionally of one status", async () => {
    // Prepare
    const ori = uniqueOri();
    const later = await storedAudit(ori, { periodKey: '2028', dueAt: '2028-03-02T07:59:59.999Z' });
    const sooner = await storedAudit(ori, { periodKey: '2027', status: 'open' });
    // Act
    const all = await callAdminApi('GET', `/audits?ori=${ori}`);
    const open = await callAdminApi('GET', `/audits?ori=${ori}&status=open`);
    const paged = await callAdminApi('GET', `/audits?ori=${ori}&limit=1`);
    const next = await callAdminApi('GET', `/audits?ori=${ori}&limit=1&cursor=${paged.json.nextCursor}`);
    // Assess
    expect(all.json.items.map((audit: Audit) => audit.auditId)).toEqual([sooner.auditId, later.auditId]);
    expect(open.json.items.map((audit: Audit) => audit.auditId)).toEqual([sooner.auditId]);
    expect([...paged.json.items, ...next.json.items].map((audit: Audit) => audit.auditId)).toEqual([
      sooner.auditId,
      later.auditId,
    ]);
  });

  it('lists audits of one status across agencies, in due order', async () => {
    const audit = await storedAudit(uniqueOri(), { status: 'in-review', dueAt: earlyDueAt() });
    const { status, json } = await callAdminApi('GET', '/audits?status=in-review&limit=100');
    expect(status).toBe(200);
    expect(json.items.map((item: Audit) => item.auditId)).toContain(audit.auditId);
    const dues = json.items.map((item: Audit) => item.dueAt);
    expect(dues).toEqual([...dues].sort());
  });

  it('lists overdue audits only: open work past due, not evidence requests, not closed audits', async () => {
    // Prepare
    const overdue = await storedAudit(uniqueOri(), { status: 'collecting', dueAt: earlyDueAt() });
    const closed = await storedAudit(uniqueOri(), { status: 'closed', dueAt: earlyDueAt() });
    const notYetDue = await storedAudit(uniqueOri(), { status: 'open' });
    // Act
    const { json } = await callAdminApi('GET', '/audits?overdue=true&limit=100');
    // Assess
    const ids = json.items.map((item: Audit) => item.auditId);
    expect(ids).toContain(overdue.auditId);
    expect(ids).not.toContain(closed.auditId);
    expect(ids).not.toContain(notYetDue.auditId);
    expect(json.items.every((item: Audit) => item.dueAt < '2026-06-10T16:00:00.000Z')).toBe(true);
    expect(json.items.every((item: Audit) => 'auditId' in item && !('requestId' in item))).toBe(true);
  });

  it.each([
    ['/audits?status=overdue', 'status: audit status must be one of'],
    ['/audits?ori=CA0190000&overdue=true', 'overdue: cannot be combined with ori'],
    ['/audits?color=red&status=open', 'color: is not a query parameter of GET /audits'],
    ['/audits?status=open&limit=0', 'limit: must be a whole number from 1 to 100'],
  ])('refuses %s with 400', async (target, issue) => {
    const { status, json } = await callAdminApi('GET', target);
    expect(status).toBe(400);
    expect(json.error.issues.join('\n')).toContain(issue);
  });

  it("refuses another listing's cursor, and a position DynamoDB rejects, with 400 InvalidCursor", async () => {
    // Prepare: a real cursor of one agency's listing, and a scoped cursor whose key the index cannot use
    const ori = uniqueOri();
    await storedAudit(ori, { periodKey: '2027' });
    await storedAudit(ori, { periodKey: '2028', dueAt: '2028-03-02T07:59:59.999Z' });
    const { json: page } = await callAdminApi('GET', `/audits?ori=${ori}&limit=1`);
    const foreignKey = Buffer.from(JSON.stringify({ pk: 'AGENCY#X', sk: 'PROFILE' })).toString('base64url');
    const wrongKey = Buffer.from(
      JSON.stringify({ scope: 'audits:status::open', position: foreignKey }),
    ).toString('base64url');
    // Act
    const replayed = await callAdminApi('GET', `/audits?status=open&cursor=${page.nextCursor}`);
    const rejected = await callAdminApi('GET', `/audits?status=open&cursor=${wrongKey}`);
    // Assess
    expect(replayed.status).toBe(400);
    expect(replayed.json.error.code).toBe('InvalidCursor');
    expect(rejected.status).toBe(400);
    expect(rejected.json.error.code).toBe('InvalidCursor');
  });
});

describe('Admin API: one audit', () => {
  it('gets the audit with its requests, trail and a valid trail check, without the callback token', async () => {
    // Prepare
    const audit = await storedAudit(uniqueOri(), { waitingTaskToken: 'task-token-that-must-not-leak' });
    // Act
    const { status, json } = await callAdminApi('GET', `/audits/${audit.auditId}`);
    // Assess
    expect(status).toBe(200);
    expect(json.audit).toMatchObject({ auditId: audit.auditId, status: 'scheduled' });
    expect(JSON.stringify(json)).not.toContain('task-token-that-must-not-leak');
    expect(json.requests).toHaveLength(1);
    expect(json).toMatchObject({ evidence: [], findings: [], tasks: [], notices: [] });
    expect(json.trail.events.map((event: { type: string }) => event.type)).toEqual([
      'audit.scheduled',
      'evidence-request.created',
    ]);
    expect(json.trailVerification).toMatchObject({ valid: true, count: 2 });
  });

  it('answers 404 for an unknown audit and 400 for an id that cannot be one', async () => {
    const unknown = await callAdminApi('GET', `/audits/aud_${uniqueOri()}_account-review_2027`);
    const malformed = await callAdminApi('GET', '/audits/aud%24%7Bbad%7D');
    expect(unknown.status).toBe(404);
    expect(malformed.status).toBe(400);
    expect(malformed.json.error.issues[0]).toMatch(/^auditId: may contain only letters, digits/);
  });

  it('cancels an audit with the reason, as the administrator, and stops its waiting workflow', async () => {
    // Prepare
    const audit = await storedAudit(uniqueOri(), { status: 'collecting', waitingTaskToken: 'token-123' });
    // Act
    const { status, json } = await callAdminApi('POST', `/audits/${audit.auditId}/cancel`, {
      body: { reason: 'Agency was audited by the FBI this cycle' },
    });
    // Assess
    expect(status).toBe(200);
    expect(json).toMatchObject({
      status: 'cancelled',
      cancelReason: 'Agency was audited by the FBI this cycle',
    });
    expect(workflows.sendTaskFailure).toHaveBeenCalledWith('token-123', 'AuditCancelled', expect.any(String));
    const events = await table.repository.trail.readAll(audit.auditId);
    expect(events.at(-1)).toMatchObject({
      type: 'audit.cancelled',
      actor: { type: 'administrator', id: 'a1b2c3d4-administrator' },
    });
  });

  it('refuses to cancel a closed audit (409), without a reason (400) or unknown (404), writing nothing', async () => {
    // Prepare
    const ori = uniqueOri();
    const closed = await storedAudit(ori, { status: 'closed', periodKey: '2027' });
    const open = await storedAudit(ori, { status: 'open', periodKey: '2028' });
    const before = await agencyFootprint(table, ori);
    // Act
    const notAllowed = await callAdminApi('POST', `/audits/${closed.auditId}/cancel`, {
      body: { reason: 'x' },
    });
    const noReason = await callAdminApi('POST', `/audits/${open.auditId}/cancel`, { body: { reason: '' } });
    const extraField = await callAdminApi('POST', `/audits/${open.auditId}/cancel`, {
      body: { reason: 'x', notify: false },
    });
    const malformed = await callAdminApi('POST', `/audits/${open.auditId}/cancel`, { body: '{reason: x}' });
    const unknown = await callAdminApi('POST', `/audits/aud_${uniqueOri()}_account-review_2027/cancel`, {
      body: { reason: 'x' },
    });
    // Assess
    expect([notAllowed.status, noReason.status, extraField.status, malformed.status, unknown.status]).toEqual(
      [409, 400, 400, 400, 404],
    );
    expect(notAllowed.json.error.code).toBe('StateConflict');
    expect(await agencyFootprint(table, ori)).toEqual(before);
  });
});
