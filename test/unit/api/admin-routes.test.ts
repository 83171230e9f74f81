import { beforeEach, describe, expect, it, vi } from 'vitest';
import { toApiCursor } from '../../../functions/api/paging.js';
import { type ApiRequest, handleApiRequest } from '../../../functions/api/router.js';
import { adminApiRoutes } from '../../../functions/api/routes.js';
import { agencyBody, storedAgency, storedAudit, storedEnrollment } from './api-fixtures.js';

// The services behind the routes: these tests are about what reaches them, and what does not.
const services = vi.hoisted(() => ({
  registerAgency: vi.fn(),
  findAgency: vi.fn(),
  listAgencies: vi.fn(),
  replaceAgencyContacts: vi.fn(),
  enrollAgency: vi.fn(),
  listEnrollments: vi.fn(),
  endEnrollment: vi.fn(),
  listAudits: vi.fn(),
  getAuditDetail: vi.fn(),
  cancelAudit: vi.fn(),
  startScheduleRun: vi.fn(),
}));
vi.mock('../../../functions/services/agencies.js', () => ({
  registerAgency: services.registerAgency,
  findAgency: services.findAgency,
  listAgencies: services.listAgencies,
  replaceAgencyContacts: services.replaceAgencyContacts,
}));
vi.mock('../../../functions/services/enrollments.js', () => ({
  enrollAgency: services.enrollAgency,
  listEnrollments: services.listEnrollments,
  endEnrollment: services.endEnrollment,
}));
vi.mock('../../../functions/services/audit-queries.js', () => ({
  listAudits: services.listAudits,
  getAuditDetail: services.getAuditDetail,
}));
vi.mock('../../../functions/services/audit-lifecycle.js', () => ({ cancelAudit: services.cancelAudit }));
vi.mock('../../../functions/adapters/runtime/bindings.js', () => ({
  workflows: () => ({ startScheduleRun: services.startScheduleRun }),
}));

const administrator = { type: 'administrator' as const, id: 'admin-sub-1' };

async function call(method: string, target: string, body?: unknown) {
  const url = new URL(target, 'http://api.test');
  const request: ApiRequest = {
    method,
    rawPath: url.pathname,
    query: url.searchParams,
    requestId: 'req-1',
    baseUrl: 'https://api.test',
    readBody: async () => (body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body)),
  };
  const response = await handleApiRequest(request, {
    routes: adminApiRoutes,
    authenticate: () => administrator,
  });
  return { status: response.status, json: JSON.parse(response.body) };
}

const noServiceCalled = () => {
  for (const [name, service] of Object.entries(services)) expect(service, name).not.toHaveBeenCalled();
};

describe('Admin API routes: bad input never reaches a service', () => {
  beforeEach(() => {
    vi.clearAllMocks();
  });

  it.each([
    ['POST', '/agencies', { ...agencyBody(), ori: 'CA-19' }, /^ori: ORI must be 9 characters/],
    ['POST', '/agencies', { ...agencyBody(), website: 'x' }, /^website: is not a field of this request body/],
    [
      'POST',
      '/agencies',
      { ...agencyBody(), contacts: [{ role: 'tac', name: 'T', email: 't@a.gov' }] },
      /^contacts: needs exactly one 'laso' contact/,
    ],
    ['POST', '/agencies', { ...agencyBody(), county: 'Atlantis' }, /^county: county must be one of: Alameda/],
    ['GET', '/agencies?limit=101', undefined, /^limit: must be a whole number from 1 to 100/],
    ['GET', '/agencies?limit=ten', undefined, /^limit: must be a whole number from 1 to 100/],
    [
      'GET',
      '/agencies?sort=name',
      undefined,
      /^sort: is not a query parameter of GET \/agencies; allowed: limit, cursor/,
    ],
    ['GET', '/agencies/CA01', undefined, /^ori: ORI must be 9 characters/],
    ['PUT', '/agencies/CA0190000/contacts', { contacts: agencyBody().contacts }, /^version: is required/],
    ['PUT', '/agencies/CA0190000/contacts', { contacts: [], version: -1 }, /^version: must be 0 or more/],
    [
      'POST',
      '/agencies/CA0190000/enrollments',
      { programId: 'made-up-program', anchorDate: '2026-01-15' },
      /^programId: must be one of the catalog's programs: cadoj-compliance-audit, .*account-review/,
    ],
    [
      'POST',
      '/agencies/CA0190000/enrollments',
      { programId: 'account-review', anchorDate: '2026-02-30' },
      /^anchorDate: must be a calendar date/,
    ],
    [
      'POST',
      '/agencies/CA0190000/enrollments',
      { programId: 'account-review', anchorDate: '2026-01-15', ori: 'CA0190000' },
      /^ori: is not a field of this request body; allowed: programId, anchorDate/,
    ],
    [
      'POST',
      '/agencies/CA0190000/enrollments',
      { programId: 'account-review', anchorDate: '2026-01-15', status: 'ended' },
      /^status: must be active or paused/,
    ],
    [
      'POST',
      '/agencies/CA0190000/enrollments/Account_Review/end',
      { reason: 'x', version: 1 },
      /^programId: /,
    ],
    [
      'POST',
      '/agencies/CA0190000/enrollments/account-review/end',
      { reason: '  ', version: 1 },
      /^reason: a reason is required/,
    ],
    ['POST', '/schedule-runs', { now: true }, /^\(body\): this endpoint takes no request body/],
    ['GET', '/audits?status=lost', undefined, /^status: audit status must be one of: scheduled, open/],
    ['GET', '/audits', undefined, /^status: is required unless ori or overdue=true is given/],
    ['GET', '/audits?ori=CA0190000&overdue=true', undefined, /^overdue: cannot be combined with ori/],
    ['GET', '/audits?overdue=yes', undefined, /^overdue: must be true or false/],
    ['GET', '/audits/aud%20bad', undefined, /^auditId: may contain only letters, digits/],
    [
      'GET',
      '/audits/aud_CA0190000_account-review_2026?trail=1',
      undefined,
      /^trail: is not a query parameter/,
    ],
    ['POST', '/audits/aud_CA0190000_account-review_2026/cancel', {}, /^reason: a reason is required/],
  ])('%s %s %j → 400', async (method, target, body, issue) => {
    // Act
    const { status, json } = await call(method, target, body);
    // Assess
    expect(status).toBe(400);
    expect(json.error.code).toBe('ValidationFailed');
    expect(json.error.issues).toEqual(expect.arrayContaining([expect.stringMatching(issue)]));
    noServiceCalled();
  });

  it.each([
    ['POST', '/agencies'],
    ['PUT', '/agencies/CA0190000/contacts'],
    ['POST', '/agencies/CA0190000/enrollments'],
    ['POST', '/agencies/CA0190000/enrollments/account-review/end'],
    ['POST', '/audits/aud_CA0190000_account-review_2026/cancel'],
  ])('%s %s with malformed JSON → 400 MalformedJson', async (method, target) => {
    const { status, json } = await call(method, target, '{"reason": ');
    expect(status).toBe(400);
    expect(json.error.code).toBe('MalformedJson');
    noServiceCalled();
  });

  it('refuses a cursor handed out by another listing', async () => {
    // Prepare: a genuine cursor of the agencies listing, replayed on the audits listing
    const agenciesCursor = toApiCursor('agencies', 'eyJwayI6IkEifQ');
    // Act
    const { status, json } = await call('GET', `/audits?status=open&cursor=${agenciesCursor}`);
    const garbage = await call('GET', '/agencies?cursor=not-a-cursor');
    // Assess
    expect(status).toBe(400);
    expect(json.error.code).toBe('InvalidCursor');
    expect(garbage.json.error.code).toBe('InvalidCursor');
    noServiceCalled();
  });
});

describe('Admin API routes: what reaches the services and what comes back', () => {
  beforeEach(() => {
    vi.clearAllMocks();
  });

  it('registers an agency as the calling administrator, upper-casing the ORI; 409 when it exists', async () => {
    // Prepare
    services.registerAgency.mockResolvedValueOnce({ created: true, agency: storedAgency() });
    services.registerAgency.mockResolvedValueOnce({ created: false, agency: storedAgency() });
    // Act
    const created = await call('POST', '/agencies', { ...agencyBody(), ori: ' ca0190000 ' });
    const again = await call('POST', '/agencies', agencyBody());
    // Assess
    expect(services.registerAgency).toHaveBeenCalledWith(
      expect.objectContaining({ ori: 'CA0190000' }),
      administrator,
    );
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ ori: 'CA0190000', version: 1 });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('AlreadyExists');
  });

  it('answers 404 for an unknown agency', async () => {
    services.findAgency.mockResolvedValueOnce(undefined);
    const { status, json } = await call('GET', '/agencies/CA0000000');
    expect(status).toBe(404);
    expect(json.error.message).toBe('No agency is registered with ORI CA0000000.');
  });

  it('pages with the default limit and hands back a scoped next cursor', async () => {
    // Prepare
    services.listAgencies.mockResolvedValueOnce({ items: [storedAgency()], cursor: 'position-1' });
    services.listAgencies.mockResolvedValueOnce({ items: [] });
    // Act
    const first = await call('GET', '/agencies');
    const second = await call('GET', `/agencies?limit=10&cursor=${first.json.nextCursor}`);
    // Assess
    expect(services.listAgencies).toHaveBeenNthCalledWith(1, { limit: 50 });
    expect(services.listAgencies).toHaveBeenNthCalledWith(2, { limit: 10, cursor: 'position-1' });
    expect(first.json.nextCursor).toEqual(expect.any(String));
    expect(second.json).toEqual({ items: [] });
  });

  it('passes the expected version of a contacts change on to the service', async () => {
    services.replaceAgencyContacts.mockResolvedValueOnce({ ...storedAgency(), version: 2 });
    const { status } = await call('PUT', '/agencies/CA0190000/contacts', {
      contacts: agencyBody().contacts,
      version: 1,
    });
    expect(status).toBe(200);
    expect(services.replaceAgencyContacts).toHaveBeenCalledWith(
      'CA0190000',
      { contacts: agencyBody().contacts, expectedVersion: 1 },
      administrator,
    );
  });

  it('enrols with defaults applied and reports what was planned; 409 when already enrolled', async () => {
    // Prepare
    const enrollment = storedEnrollment();
    services.enrollAgency.mockResolvedValueOnce({
      created: true,
      enrollment,
      planning: { planned: 1, created: 1 },
    });
    services.enrollAgency.mockResolvedValueOnce({ created: false, enrollment });
    const body = { programId: 'account-review', anchorDate: '2026-01-15' };
    // Act
    const created = await call('POST', '/agencies/CA0190000/enrollments', body);
    const again = await call('POST', '/agencies/CA0190000/enrollments', body);
    // Assess
    expect(services.enrollAgency).toHaveBeenCalledWith(
      'CA0190000',
      { ...body, timeZone: 'America/Los_Angeles', status: 'active' },
      administrator,
    );
    expect(created.status).toBe(201);
    expect(created.json).toEqual({ enrollment, planning: { planned: 1, created: 1 } });
    expect(again.status).toBe(409);
    expect(again.json.error.message).toMatch(/already enrolled in account-review \(status active\)/);
  });

  it('starts a scheduling run as the calling administrator and answers 202', async () => {
    services.startScheduleRun.mockResolvedValueOnce({ executionName: 'manual-1' });
    const { status, json } = await call('POST', '/schedule-runs');
    expect(status).toBe(202);
    expect(json).toEqual({ executionName: 'manual-1' });
    expect(services.startScheduleRun).toHaveBeenCalledWith('admin-sub-1');
  });

  it.each([
    ['status=in-review', { by: 'status', status: 'in-review' }],
    ['ori=ca0190000', { by: 'agency', ori: 'CA0190000', status: undefined }],
    ['ori=CA0190000&status=open', { by: 'agency', ori: 'CA0190000', status: 'open' }],
    ['overdue=true', { by: 'overdue', status: undefined }],
    ['overdue=true&status=collecting', { by: 'overdue', status: 'collecting' }],
  ])('lists audits for ?%s from the matching listing, without callback tokens', async (query, listing) => {
    // Prepare
    services.listAudits.mockResolvedValueOnce({ items: [storedAudit()] });
    // Act
    const { status, json } = await call('GET', `/audits?${query}`);
    // Assess
    expect(status).toBe(200);
    expect(services.listAudits).toHaveBeenCalledWith(listing, { limit: 50 });
    expect(json.items[0]).toMatchObject({ auditId: storedAudit().auditId });
    expect(json.items[0]).not.toHaveProperty('waitingTaskToken');
  });

  it('answers a cursor the table rejects as an invalid cursor, not a failure', async () => {
    // Prepare: a cursor of the right listing whose inner position was altered
    services.listAudits.mockRejectedValueOnce(
      Object.assign(new Error('bad key'), { name: 'ValidationException' }),
    );
    const cursor = toApiCursor('audits:status::open', 'tampered');
    // Act
    const { status, json } = await call('GET', `/audits?status=open&cursor=${cursor}`);
    // Assess
    expect(status).toBe(400);
    expect(json.error.code).toBe('InvalidCursor');
  });

  it('gets an audit detail without its callback token; 404 when unknown', async () => {
    // Prepare
    services.getAuditDetail.mockResolvedValueOnce({
      audit: storedAudit(),
      requests: [],
      evidence: [],
      findings: [],
      tasks: [],
      notices: [],
      trail: { items: [], cursor: 'trail-position' },
      trailVerification: { valid: true, streamId: storedAudit().auditId, count: 0, headHash: '0'.repeat(64) },
    });
    services.getAuditDetail.mockResolvedValueOnce(undefined);
    // Act
    const found = await call('GET', `/audits/${storedAudit().auditId}`);
    const missing = await call('GET', '/audits/aud_CA0000000_account-review_2026');
    // Assess
    expect(found.status).toBe(200);
    expect(found.json.audit).not.toHaveProperty('waitingTaskToken');
    expect(found.json.trail).toEqual({
      events: [],
      nextCursor: toApiCursor(`trail:${storedAudit().auditId}`, 'trail-position'),
    });
    expect(missing.status).toBe(404);
  });

  it('cancels an audit with the reason, as the calling administrator', async () => {
    services.cancelAudit.mockResolvedValueOnce({ ...storedAudit(), status: 'cancelled' });
    const { status, json } = await call('POST', `/audits/${storedAudit().auditId}/cancel`, {
      reason: ' Duplicate ',
    });
    expect(status).toBe(200);
    expect(json).toMatchObject({ status: 'cancelled' });
    expect(json).not.toHaveProperty('waitingTaskToken');
    expect(services.cancelAudit).toHaveBeenCalledWith(storedAudit().auditId, 'Duplicate', administrator);
  });

  it('serves the OpenAPI document with the caller-facing server URL', async () => {
    const { status, json } = await call('GET', '/openapi.json');
    expect(status).toBe(200);
    expect(json).toMatchObject({ openapi: '3.1.0', servers: [{ url: 'https://api.test' }] });
  });
});
