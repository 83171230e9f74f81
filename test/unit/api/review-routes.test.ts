import { beforeEach, describe, expect, it, vi } from 'vitest';
import { type ApiRequest, handleApiRequest } from '../../../functions/api/router.js';
import { adminApiRoutes } from '../../../functions/api/routes.js';
import { IllegalTransitionError } from '../../../functions/domain/errors.js';
import { AuditNotReviewableError } from '../../../functions/services/evidence-review.js';
import { NoContactForRoleError } from '../../../functions/services/upload-links.js';

// The services behind the evidence-review and upload-link routes: these tests are about what reaches them.
const services = vi.hoisted(() => ({
  listAuditEvidence: vi.fn(),
  createEvidenceDownload: vi.fn(),
  decideEvidence: vi.fn(),
  listUploadLinks: vi.fn(),
  revokeUploadLinks: vi.fn(),
  reissueUploadLink: vi.fn(),
}));
vi.mock('../../../functions/services/evidence-review.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../functions/services/evidence-review.js')>()),
  listAuditEvidence: services.listAuditEvidence,
  createEvidenceDownload: services.createEvidenceDownload,
  decideEvidence: services.decideEvidence,
}));
vi.mock('../../../functions/services/upload-links.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../functions/services/upload-links.js')>()),
  listUploadLinks: services.listUploadLinks,
  revokeUploadLinks: services.revokeUploadLinks,
  reissueUploadLink: services.reissueUploadLink,
}));

const administrator = { type: 'administrator' as const, id: 'admin-sub-1' };
const AUDIT = 'aud_CA0190000_account-review_2026';
const REQUEST = 'req_CA0190000_account-review_2026_review-signoff';
const EVIDENCE = `evd_CA0190000_account-review_2026_review-signoff_${'a'.repeat(32)}`;

async function call(method: string, target: string, body?: unknown) {
  const url = new URL(target, 'http://api.test');
  const request: ApiRequest = {
    method,
    rawPath: url.pathname,
    query: url.searchParams,
    requestId: 'req-1',
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

const linkSummary = (overrides: Record<string, unknown> = {}) => ({
  linkRef: 'link-0123456789abcdef',
  role: 'tac',
  reason: 'reissued',
  issuedAt: '2026-06-10T16:00:00.000Z',
  expiresAt: '2026-08-15T07:59:59.999Z',
  state: 'active',
  failedAttempts: 0,
  ...overrides,
});

describe('Admin API routes: evidence review and upload links, bad input never reaches a service', () => {
  beforeEach(() => {
    vi.clearAllMocks();
  });

  it.each([
    ['GET', '/audits/aud%20x/evidence', undefined, /^auditId: may contain only letters, digits/],
    ['POST', `/audits/${AUDIT}/evidence/evd%24x/download`, undefined, /^evidenceId: may contain only/],
    [
      'POST',
      `/audits/${AUDIT}/evidence/${EVIDENCE}/download`,
      { url: 'x' },
      /^\(body\): this endpoint takes no/,
    ],
    [
      'POST',
      `/audits/${AUDIT}/requests/${REQUEST}/decision`,
      { decision: 'reject', evidenceId: EVIDENCE },
      /^decision: decision must be 'accept' \(with evidenceId\) or 'flag' \(with evidenceId and reason\)/,
    ],
    [
      'POST',
      `/audits/${AUDIT}/requests/${REQUEST}/decision`,
      { decision: 'flag', evidenceId: EVIDENCE },
      /^reason: a reason is required/,
    ],
    [
      'POST',
      `/audits/${AUDIT}/requests/${REQUEST}/decision`,
      { decision: 'flag', evidenceId: EVIDENCE, reason: 'x', comment: 'y' },
      /^comment: is not a field of this request body; allowed: decision, evidenceId, reason$/,
    ],
    ['POST', `/audits/${AUDIT}/requests/${REQUEST}/decision`, undefined, /^\(body\): is required/],
    ['GET', `/audits/${AUDIT}/upload-links?role=tac`, undefined, /^role: is not a query parameter/],
    [
      'POST',
      `/audits/${AUDIT}/upload-links/TAC/revoke`,
      { reason: 'x' },
      /^role: role must be one of: tac, laso, agency-head, alternate/,
    ],
    ['POST', `/audits/${AUDIT}/upload-links/tac/revoke`, { reason: '' }, /^reason: a reason is required/],
    [
      'POST',
      `/audits/${AUDIT}/upload-links/laso/reissue`,
      { reason: 'x' },
      /^\(body\): this endpoint takes no request body/,
    ],
  ])('%s %s %j → 400', async (method, target, body, issue) => {
    // Act
    const { status, json } = await call(method, target, body);
    // Assess
    expect(status).toBe(400);
    expect(json.error.code).toBe('ValidationFailed');
    expect(json.error.issues).toEqual(expect.arrayContaining([expect.stringMatching(issue)]));
    noServiceCalled();
  });
});

describe('Admin API routes: evidence review and upload links, what reaches the services', () => {
  beforeEach(() => {
    vi.clearAllMocks();
  });

  it('passes a decision on, trimmed, as the calling administrator', async () => {
    // Prepare
    services.decideEvidence.mockResolvedValueOnce({
      request: { requestId: REQUEST, status: 'flagged' },
      reviewComplete: false,
    });
    // Act
    const { status, json } = await call('POST', `/audits/${AUDIT}/requests/${REQUEST}/decision`, {
      decision: 'flag',
      evidenceId: EVIDENCE,
      reason: '  Unsigned  ',
    });
    // Assess
    expect(status).toBe(200);
    expect(json).toEqual({ request: { requestId: REQUEST, status: 'flagged' }, reviewComplete: false });
    expect(services.decideEvidence).toHaveBeenCalledWith(
      AUDIT,
      REQUEST,
      { decision: 'flag', evidenceId: EVIDENCE, reason: 'Unsigned' },
      administrator,
    );
  });

  it('issues a download as the calling administrator', async () => {
    services.createEvidenceDownload.mockResolvedValueOnce({ evidenceId: EVIDENCE, url: 'https://s3/x' });
    const { status } = await call('POST', `/audits/${AUDIT}/evidence/${EVIDENCE}/download`);
    expect(status).toBe(200);
    expect(services.createEvidenceDownload).toHaveBeenCalledWith(AUDIT, EVIDENCE, administrator);
  });

  it('wraps the link listing and the revoked links in objects, and answers a reissue with 201', async () => {
    // Prepare
    services.listUploadLinks.mockResolvedValueOnce([linkSummary()]);
    services.revokeUploadLinks.mockResolvedValueOnce([linkSummary({ state: 'revoked' })]);
    services.reissueUploadLink.mockResolvedValueOnce(linkSummary());
    // Act
    const listed = await call('GET', `/audits/${AUDIT}/upload-links`);
    const revoked = await call('POST', `/audits/${AUDIT}/upload-links/tac/revoke`, {
      reason: ' Wrong person ',
    });
    const reissued = await call('POST', `/audits/${AUDIT}/upload-links/agency-head/reissue`);
    // Assess
    expect(listed.json).toEqual({ items: [linkSummary()] });
    expect(revoked.json).toEqual({ revoked: [linkSummary({ state: 'revoked' })] });
    expect(services.revokeUploadLinks).toHaveBeenCalledWith(AUDIT, 'tac', 'Wrong person', administrator);
    expect(reissued.status).toBe(201);
    expect(services.reissueUploadLink).toHaveBeenCalledWith(AUDIT, 'agency-head', administrator);
  });

  it.each([
    ['an audit that is not under review', new AuditNotReviewableError(AUDIT, 'closed')],
    [
      'a request already decided',
      new IllegalTransitionError({
        entity: 'evidence-request',
        entityId: REQUEST,
        from: 'accepted',
        action: 'accept',
        allowedActions: [],
      }),
    ],
  ])('answers a decision on %s with 409 StateConflict', async (_name, error) => {
    services.decideEvidence.mockRejectedValueOnce(error);
    const { status, json } = await call('POST', `/audits/${AUDIT}/requests/${REQUEST}/decision`, {
      decision: 'accept',
      evidenceId: EVIDENCE,
    });
    expect(status).toBe(409);
    expect(json.error).toMatchObject({ code: 'StateConflict', message: error.message });
  });

  it('answers a reissue for a role without a contact with 409, saying what to do', async () => {
    services.reissueUploadLink.mockRejectedValueOnce(new NoContactForRoleError('CA0190000', 'alternate'));
    const { status, json } = await call('POST', `/audits/${AUDIT}/upload-links/alternate/reissue`);
    expect(status).toBe(409);
    expect(json.error.message).toMatch(/has no 'alternate' contact .*; add one first\./);
  });
});
