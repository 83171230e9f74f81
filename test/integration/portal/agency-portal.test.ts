import { createHash } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import type { Audit } from '../../../functions/domain/schemas/audit.js';
import type { EvidenceRequest } from '../../../functions/domain/schemas/evidence.js';
import { registerAgency } from '../../../functions/services/agencies.js';
import { issueUploadLink, revokeUploadLinks } from '../../../functions/services/upload-links.js';
import { auditFixture, eventFixture, requestFixture, systemActor } from '../../support/audit-fixtures.js';
import { bindLocalEvidenceRuntime } from '../../support/local-evidence-runtime.js';
import { callPortal } from '../../support/portal-handler-calls.js';
import { fakeWorkflows } from '../../support/test-runtime.js';
import { uniqueOri } from '../../support/test-table.js';

/*
 * The agencies' portal through its Lambda handler (API Gateway's event shape), on dynalite and s3rver: the page
 * at a link, the denial pages, and every refusal of the authorize route, each with nothing written but the
 * link's failure count.
 */

const NOW = new Date('2027-02-10T17:00:00.000Z');
const MAX_UPLOAD_BYTES = 64 * 1024;
const local = bindLocalEvidenceRuntime({
  now: NOW,
  workflows: fakeWorkflows(),
  settings: { maxUploadBytes: MAX_UPLOAD_BYTES },
});

interface Scenario {
  readonly ori: string;
  readonly agencyName: string;
  readonly audit: Audit;
  readonly requests: EvidenceRequest[];
  readonly token: string;
}

/** A registered agency with an open audit of two requests and a TAC link issued the way openAudit does. */
async function agencyWithOpenAudit(): Promise<Scenario> {
  const ori = uniqueOri();
  const agencyName = `Portal Test <b>Agency</b> & "${ori}"`;
  await registerAgency(
    {
      ori,
      name: agencyName,
      county: 'Fresno',
      agencyType: 'criminal-justice-agency',
      contacts: [
        { role: 'tac', name: 'Terry', email: `tac-${ori.toLowerCase()}@example.gov` },
        { role: 'laso', name: 'Lee', email: `laso-${ori.toLowerCase()}@example.gov` },
        { role: 'agency-head', name: 'Avery', email: `head-${ori.toLowerCase()}@example.gov` },
      ],
    },
    systemActor,
  );
  const { audits } = local.table.repository;
  const fixture = auditFixture(ori, { status: 'open', openedAt: '2027-01-30T08:00:00.000Z' });
  const { audit } = await audits.createAudit(fixture, eventFixture(fixture.auditId, 'audit.opened'));
  const requests: EvidenceRequest[] = [];
  for (const requirement of ['review-signoff', 'user-roster']) {
    const { request } = await audits.createEvidenceRequest(
      requestFixture(audit, requirement),
      eventFixture(audit.auditId, 'evidence-request.created', `req-${requirement}`),
    );
    requests.push(request);
  }
  const { token } = await issueUploadLink(audit, 'tac', 'audit-opened', systemActor);
  return { ori, agencyName, audit, requests, token };
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function declaration(scenario: Scenario, overrides: Record<string, unknown> = {}) {
  return {
    token: scenario.token,
    auditId: scenario.audit.auditId,
    requestId: scenario.requests[0]?.requestId,
    fileName: 'review.pdf',
    contentType: 'application/pdf',
    sizeBytes: 2048,
    sha256: sha256('review'),
    ...overrides,
  };
}

/** Everything the portal could write about the audit, and the link's failure count. */
async function footprint(scenario: Scenario) {
  const bundle = await local.table.repository.audits.getAuditBundle(scenario.audit.auditId);
  const trail = await local.table.repository.trail.readAll(scenario.audit.auditId);
  const check = await local.table.repository.uploadTokens.check(scenario.token, NOW);
  return {
    requests: bundle?.requests,
    evidence: bundle?.evidence,
    trail: trail.length,
    failures: check.outcome === 'unknown' ? undefined : check.record.failureCount,
  };
}

describe('Agency portal (Lambda handler, dynalite + s3rver)', () => {
  it('serves the upload page at a valid link: the requests, escaped, with the security headers', async () => {
    const scenario = await agencyWithOpenAudit();
    const page = await callPortal('GET', `/upload/${scenario.token}`);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['cache-control']).toBe('no-store');
    expect(String(page.headers['content-security-policy'])).toMatch(
      /connect-src 'self' http:\/\/127\.0\.0\.1:\d+/,
    );
    expect(page.text).toContain('Portal Test &lt;b&gt;Agency&lt;/b&gt; &amp;');
    expect(page.text).not.toContain('<b>Agency</b>');
    expect(page.text.match(/<form /g)).toHaveLength(2);
    for (const request of scenario.requests) expect(page.text).toContain(request.requestId);
  });

  it.each([
    ['unknown', 404, /not valid/i],
    ['expired', 410, /expired/i],
    ['revoked', 410, /withdrawn|revoked/i],
    ['locked', 423, /locked/i],
  ] as const)(
    'answers a plain page for an %s link, with nothing about the audit',
    async (reason, status, words) => {
      const scenario = await agencyWithOpenAudit();
      let token = scenario.token;
      if (reason === 'unknown') token = 'A'.repeat(43);
      if (reason === 'expired') {
        const { token: short } = await local.table.repository.uploadTokens.issue(
          { agencyOri: scenario.ori, auditId: scenario.audit.auditId, requestIds: [] },
          new Date(NOW.getTime() - 1000),
          new Date(NOW.getTime() - 86_400_000),
        );
        token = short;
      }
      if (reason === 'revoked') await revokeUploadLinks(scenario.audit.auditId, 'tac', 'test', systemActor);
      if (reason === 'locked') {
        for (let attempt = 0; attempt < 5; attempt++) {
          await callPortal(
            'POST',
            '/upload-api/authorize',
            declaration(scenario, { requestId: 'req_elsewhere_x' }),
          );
        }
      }
      const page = await callPortal('GET', `/upload/${token}`);
      expect(page.status).toBe(status);
      expect(page.text).toMatch(words);
      expect(page.text).not.toContain(scenario.ori);
      expect(page.text).not.toContain(scenario.audit.auditId);
      expect(page.text).not.toContain('Portal Test');
      // The script and page state are denied as well, with the same single reason
      const authorize = await callPortal('POST', '/upload-api/authorize', declaration(scenario, { token }));
      expect(authorize.status).toBe(403);
      expect(authorize.json?.error).toMatchObject({ code: 'UploadLinkDenied', issues: [`token: ${reason}`] });
    },
  );

  it('authorizes a declared file and answers its presigned POST', async () => {
    const scenario = await agencyWithOpenAudit();
    const answer = await callPortal('POST', '/upload-api/authorize', declaration(scenario));
    expect(answer.status).toBe(200);
    const body = JSON.parse(answer.text) as { url: string; fields: Record<string, string>; key: string };
    expect(body.key).toMatch(new RegExp(`^evidence/${scenario.ori}/${scenario.audit.auditId}/`));
    expect(body.fields).toMatchObject({
      'Content-Type': 'application/pdf',
      'x-amz-meta-sha256': sha256('review'),
    });
    expect((await footprint(scenario)).failures).toBe(0);
  });

  it.each([
    ['an oversize declaration', { sizeBytes: MAX_UPLOAD_BYTES + 1 }, 413, /over the 65536-byte limit/],
    ['a type the request does not accept', { contentType: 'image/png' }, 415, /'image\/png' is not accepted/],
    ['a request outside the scope', { requestId: 'req_CA0000000_x_2027_other' }, 403, /does not cover/],
    ['another agency’s audit', { auditId: 'aud_CA9999999_account-review_2027' }, 403, /does not cover/],
  ])('refuses %s, counts a failed use, writes nothing else', async (_name, overrides, status, message) => {
    const scenario = await agencyWithOpenAudit();
    const before = await footprint(scenario);
    const answer = await callPortal('POST', '/upload-api/authorize', declaration(scenario, overrides));
    expect(answer.status).toBe(status);
    expect(answer.json?.error?.code).toBe('UploadRefused');
    expect(answer.json?.error?.message).toMatch(message);
    const after = await footprint(scenario);
    expect({ ...after, failures: undefined }).toEqual({ ...before, failures: undefined });
    expect(after.failures).toBe(1);
  });

  it('refuses another agency’s link for this audit, as out of scope', async () => {
    const mine = await agencyWithOpenAudit();
    const theirs = await agencyWithOpenAudit();
    const before = { mine: await footprint(mine), theirs: await footprint(theirs) };
    const answer = await callPortal(
      'POST',
      '/upload-api/authorize',
      declaration(mine, { token: theirs.token }),
    );
    expect(answer.status).toBe(403);
    expect(answer.json?.error?.code).toBe('UploadRefused');
    expect(answer.json?.error?.message).not.toContain(mine.ori);
    // Nothing about my audit changed; their link counted one failed use
    expect(await footprint(mine)).toEqual(before.mine);
    expect((await footprint(theirs)).failures).toBe((before.theirs.failures ?? 0) + 1);
  });

  it.each([
    ['a missing sha256', { sha256: undefined }, /sha256/],
    ['a malformed sha256', { sha256: 'abc' }, /sha256: must be a SHA-256 digest/],
    ['a path for a file name', { fileName: '../etc/passwd' }, /fileName: must be a file name/],
    ['a negative size', { sizeBytes: -1 }, /sizeBytes/],
    ['an unknown field', { note: 'hello' }, /note/],
  ])('answers 400 naming the field for %s, and counts nothing', async (_name, overrides, issue) => {
    const scenario = await agencyWithOpenAudit();
    const before = await footprint(scenario);
    const answer = await callPortal('POST', '/upload-api/authorize', declaration(scenario, overrides));
    expect(answer.status).toBe(400);
    expect(answer.json?.error?.issues?.join('\n')).toMatch(issue);
    expect(await footprint(scenario)).toEqual(before);
  });

  it('answers malformed JSON with a 400', async () => {
    const answer = await callPortal('POST', '/upload-api/authorize', '{"token":');
    expect(answer.status).toBe(400);
    expect(answer.json?.error?.code).toBe('MalformedJson');
  });

  it('reports the requests’ state to the page, and denies an unknown token', async () => {
    const scenario = await agencyWithOpenAudit();
    const status = await callPortal('POST', '/upload-api/status', { token: scenario.token });
    expect(status.status).toBe(200);
    expect(JSON.parse(status.text)).toEqual({
      requests: scenario.requests.map((request) => ({
        requestId: request.requestId,
        status: 'requested',
        uploadable: true,
      })),
      tasks: [],
    });
    const denied = await callPortal('POST', '/upload-api/status', { token: 'B'.repeat(43) });
    expect(denied.status).toBe(403);
  });

  it('serves the script and stylesheet, and 404s other files', async () => {
    const script = await callPortal('GET', '/upload-assets/upload.js');
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await callPortal('GET', '/upload-assets/upload.css')).status).toBe(200);
    expect((await callPortal('GET', '/upload-assets/secrets.json')).status).toBe(404);
  });

  it('logs a failing page by route and request id, never the token', async () => {
    const scenario = await agencyWithOpenAudit();
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const spy = vi
      .spyOn(local.table.repository.uploadTokens, 'check')
      .mockRejectedValueOnce(new Error('table down'));
    try {
      const page = await callPortal('GET', `/upload/${scenario.token}`);
      expect(page.status).toBe(500);
      expect(page.text).not.toContain(scenario.token);
      const logged = log.mock.calls.map((args) => args.join(' ')).join('\n');
      expect(logged).toContain('/upload/{token}');
      expect(logged).not.toContain(scenario.token);
    } finally {
      spy.mockRestore();
      log.mockRestore();
    }
  });
});
