import { createHash, randomUUID } from 'node:crypto';
import { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Mailer, OutgoingEmail } from '../../../functions/adapters/runtime/mailer.js';
import { bindRuntime } from '../../../functions/adapters/runtime/runtime.js';
import { S3EvidenceStore } from '../../../functions/adapters/s3/evidence-store.js';
import type { Audit } from '../../../functions/domain/schemas/audit.js';
import type { ContactRole } from '../../../functions/domain/schemas/common.js';
import type { EvidenceRequest } from '../../../functions/domain/schemas/evidence.js';
import { type RenderedNotice, renderNoticeTemplate } from '../../../functions/notices/render-notice.js';
import { startReview } from '../../../functions/services/audit-lifecycle.js';
import { authorizeUpload, ingestUploadedObject } from '../../../functions/services/evidence-intake.js';
import { issueUploadLink } from '../../../functions/services/upload-links.js';
import { s3ClientConfig } from '../../../sandbox/engine-config.js';
import { injectedLocalEngines } from '../../setup/local-engines.js';
import { auditFixture, eventFixture, requestFixture, systemActor } from '../../support/audit-fixtures.js';
import { type TestTable, uniqueOri } from '../../support/test-table.js';
import { agencyBody } from '../../unit/api/api-fixtures.js';
import { callAdminApi } from './admin-api-client.js';
import { bindApiTestRuntime, type fakeWorkflows, NOW } from './api-runtime.js';

/** s3rver keeps no versions; an unversioned object's version id in S3 is the literal "null". */
const VERSION = 'null';
const ADMINISTRATOR = { type: 'administrator', id: 'a1b2c3d4-administrator' };
/** The agency's TAC in agencyBody(): the role every link below is issued to. */
const TAC_EMAIL = 'tac@fresnopd.ca.gov';

let table: TestTable;
let workflows: ReturnType<typeof fakeWorkflows>;
let s3: S3Client;
let store: S3EvidenceStore;
const mailer = { send: vi.fn<Mailer['send']>(async () => ({ messageId: 'message-1' })) };

beforeAll(async () => {
  ({ table, workflows } = await bindApiTestRuntime());
  const engines = injectedLocalEngines();
  s3 = new S3Client(s3ClientConfig(engines));
  store = new S3EvidenceStore(s3, engines.s3.evidenceBucket);
  // The route's services use the bound store and mailer; the mailer is kept here to read what was sent.
  bindRuntime({ evidenceStore: store, mailer });
});

afterAll(() => s3?.destroy());
beforeEach(() => vi.clearAllMocks());

interface Scenario {
  readonly ori: string;
  readonly audit: Audit;
  readonly requests: EvidenceRequest[];
  /** The TAC's upload link, as the audit-opened email carried it. */
  readonly token: string;
}

/**
 * A registered agency (TAC, LASO and agency head; no alternate) with an audit in `status`, its requests, its
 * workflow parked on a task token, and an upload link issued to the TAC.
 */
async function auditWithLink(
  options: { status?: Audit['status']; requirements?: string[] } = {},
): Promise<Scenario> {
  const ori = uniqueOri();
  expect((await callAdminApi('POST', '/agencies', { body: agencyBody(ori) })).status).toBe(201);
  const { audits } = table.repository;
  const fixture = auditFixture(ori, {
    status: options.status ?? 'open',
    openedAt: '2026-06-01T15:00:00.000Z',
  });
  const { audit: created } = await audits.createAudit(fixture, eventFixture(fixture.auditId, 'audit.opened'));
  const audit = await audits.saveAuditBookkeeping(created, { waitingTaskToken: `task-${ori}` });
  const requests: EvidenceRequest[] = [];
  for (const requirement of options.requirements ?? ['review-signoff']) {
    const { request } = await audits.createEvidenceRequest(
      requestFixture(audit, requirement),
      eventFixture(audit.auditId, 'evidence-request.created', `req-${requirement}`),
    );
    requests.push(request);
  }
  const { token } = await issueUploadLink(audit, 'tac', 'audit-opened', systemActor);
  return { ori, audit, requests, token };
}

const pdfBytes = (text: string) => Buffer.from(`%PDF-1.7\n${text}\n%%EOF\n`);
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * What the upload page and the bucket's event do: authorize with the link's token, POST the form to
 * s3rver, then ingest the stored object. `declared` differs from `bytes` to provoke a rejection at ingest.
 */
async function uploadAndIngest(
  scenario: Scenario,
  options: { token?: string; request?: EvidenceRequest; bytes: Buffer; declared?: Buffer },
) {
  const request = options.request ?? (scenario.requests[0] as EvidenceRequest);
  const declared = options.declared ?? options.bytes;
  const post = await authorizeUpload(
    {
      token: options.token ?? scenario.token,
      auditId: scenario.audit.auditId,
      requestId: request.requestId,
      fileName: 'Account review – signed.pdf',
      contentType: 'application/pdf',
      sizeBytes: declared.byteLength,
      sha256: sha256(declared),
    },
    store,
  );
  const form = new FormData();
  for (const [name, value] of Object.entries(post.fields)) form.append(name, value);
  form.append('file', new Blob([new Uint8Array(options.bytes)], { type: 'application/pdf' }), 'upload.pdf');
  expect((await fetch(post.url, { method: 'POST', body: form })).status).toBe(204);
  return ingestUploadedObject({ bucket: store.bucket, key: post.key, versionId: VERSION }, store);
}

async function submittedEvidence(scenario: Scenario, text = `signed review ${randomUUID()}`) {
  const bytes = pdfBytes(text);
  const result = await uploadAndIngest(scenario, { bytes });
  if (result.outcome !== 'recorded') throw new Error(`the upload was rejected: ${result.reasons.join('; ')}`);
  return { bytes, evidenceId: result.evidenceId };
}

/** Everything a review or link route can write about an audit: its partition, its trail and any email. */
async function footprint(scenario: Scenario) {
  return {
    bundle: await table.repository.audits.getAuditBundle(scenario.audit.auditId),
    trail: await table.repository.trail.readAll(scenario.audit.auditId),
    emails: mailer.send.mock.calls.length,
  };
}

/** What the mailer was asked to send, rendered as the agency reads it (the same templates SES renders). */
type SentEmail = OutgoingEmail & RenderedNotice;
const emailsWithSubject = (pattern: RegExp): SentEmail[] =>
  mailer.send.mock.calls
    .map(([email]) => ({ ...email, ...renderNoticeTemplate(email.template, email.data) }))
    .filter((email) => pattern.test(email.subject));

/** The token of the upload link in an email: https://audits.example.gov/upload/<token>. */
function linkTokenIn(email: SentEmail | undefined): string {
  const match = /https:\/\/audits\.example\.gov\/upload\/([A-Za-z0-9_-]{43})\b/.exec(email?.text ?? '');
  if (!match?.[1]) throw new Error(`no upload link in: ${email?.text}`);
  return match[1];
}

const decisionPath = (scenario: Scenario, request = scenario.requests[0] as EvidenceRequest) =>
  `/audits/${scenario.audit.auditId}/requests/${request.requestId}/decision`;

describe('Admin API: evidence review (dynalite + s3rver)', () => {
  it('lists each request with the files received and the uploads refused at ingest', async () => {
    // Prepare: a good file for the first request, bytes that do not match the declaration for the second
    const scenario = await auditWithLink({ requirements: ['review-signoff', 'user-roster'] });
    const { bytes, evidenceId } = await submittedEvidence(scenario);
    const declared = pdfBytes(`declared ${randomUUID()}`);
    const tampered = Buffer.from(declared);
    tampered[10] = (tampered[10] as number) ^ 0xff;
    const rejected = await uploadAndIngest(scenario, {
      request: scenario.requests[1],
      bytes: tampered,
      declared,
    });
    expect(rejected.outcome).toBe('rejected');
    // Act
    const { status, json } = await callAdminApi('GET', `/audits/${scenario.audit.auditId}/evidence`);
    // Assess
    expect(status).toBe(200);
    expect(json).toMatchObject({ auditId: scenario.audit.auditId, status: 'open' });
    const [first, second] = json.requests;
    expect(first.request).toMatchObject({
      requestId: scenario.requests[0]?.requestId,
      status: 'submitted',
      currentEvidenceId: evidenceId,
      submissionCount: 1,
    });
    expect(first.evidence).toEqual([
      expect.objectContaining({
        evidenceId,
        fileName: 'Account review – signed.pdf',
        sizeBytes: bytes.byteLength,
        sha256: sha256(bytes),
        receivedAt: NOW.toISOString(),
      }),
    ]);
    expect(first.rejections).toEqual([]);
    expect(second.request).toMatchObject({ status: 'requested', submissionCount: 0 });
    expect(second.evidence).toEqual([]);
    expect(second.rejections).toEqual([
      expect.objectContaining({ declaredSha256: sha256(declared), actualSha256: sha256(tampered) }),
    ]);
  });

  it('issues a download URL that serves exactly the stored bytes, and records the access in the trail', async () => {
    // Prepare
    const scenario = await auditWithLink();
    const { bytes, evidenceId } = await submittedEvidence(scenario);
    // Act
    const { status, json } = await callAdminApi(
      'POST',
      `/audits/${scenario.audit.auditId}/evidence/${evidenceId}/download`,
    );
    const file = await fetch(json.url);
    // Assess
    expect(status).toBe(200);
    expect(json).toMatchObject({
      evidenceId,
      fileName: 'Account review – signed.pdf',
      contentType: 'application/pdf',
      sizeBytes: bytes.byteLength,
      sha256: sha256(bytes),
    });
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer())).toEqual(bytes);
    const events = await table.repository.trail.readAll(scenario.audit.auditId);
    expect(events.at(-1)).toMatchObject({
      type: 'evidence.download-issued',
      actor: ADMINISTRATOR,
      subject: { type: 'evidence', id: evidenceId },
      payload: { sha256: sha256(bytes), expiresAt: json.expiresAt },
    });
    expect((await table.repository.trail.verify(scenario.audit.auditId)).valid).toBe(true);
  });

  it('accepts the file under review, as the calling administrator, with the comment in the trail', async () => {
    // Prepare
    const scenario = await auditWithLink({ requirements: ['review-signoff', 'user-roster'] });
    const { evidenceId } = await submittedEvidence(scenario);
    // Act
    const { status, json } = await callAdminApi('POST', decisionPath(scenario), {
      body: { decision: 'accept', evidenceId, comment: 'Signed by the chief' },
    });
    // Assess
    expect(status).toBe(200);
    expect(json).toMatchObject({
      request: { status: 'accepted', currentEvidenceId: evidenceId, decidedAt: NOW.toISOString() },
      reviewComplete: false,
    });
    const events = await table.repository.trail.readAll(scenario.audit.auditId);
    expect(events.at(-1)).toMatchObject({
      type: 'evidence-request.accepted',
      actor: ADMINISTRATOR,
      payload: { evidenceId, comment: 'Signed by the chief' },
    });
    expect(workflows.sendTaskSuccess).not.toHaveBeenCalled();
  });

  it("flags with a reason: the uploader's role is emailed the reason and a new link that works", async () => {
    // Prepare
    const scenario = await auditWithLink({ requirements: ['review-signoff', 'user-roster'] });
    const { evidenceId } = await submittedEvidence(scenario);
    const reason = 'The signature page is missing; upload all 4 pages.';
    // Act
    const { status, json } = await callAdminApi('POST', decisionPath(scenario), {
      body: { decision: 'flag', evidenceId, reason },
    });
    // Assess
    expect(status).toBe(200);
    expect(json).toMatchObject({ request: { status: 'flagged', flagReason: reason }, reviewComplete: false });
    const [email, ...others] = emailsWithSubject(/^Evidence returned/);
    expect(others).toEqual([]);
    expect(email?.to).toEqual([TAC_EMAIL]);
    expect(email?.template).toBe('evidence-flagged');
    expect(email?.text).toContain(`Why it was returned:\n${reason}`);
    const check = await table.repository.uploadTokens.check(linkTokenIn(email), NOW);
    expect(check.outcome).toBe('valid');
    const links = await callAdminApi('GET', `/audits/${scenario.audit.auditId}/upload-links`);
    const issued = links.json.items.map(
      (link: { reason: string; role: string }) => `${link.role} ${link.reason}`,
    );
    expect(issued.sort()).toEqual(['tac audit-opened', 'tac evidence-flagged']);
  });

  it('flag, upload again with the emailed link, accept in review: the review completes, the workflow wakes', async () => {
    // Prepare: the only request submitted, the audit moved into review with its workflow waiting
    const scenario = await auditWithLink();
    const first = await submittedEvidence(scenario);
    await startReview(scenario.audit.auditId);
    const inReview = await table.repository.audits.getAudit(scenario.audit.auditId);
    await table.repository.audits.saveAuditBookkeeping(inReview as Audit, {
      waitingTaskToken: 'review-task-token',
    });
    // Act: flag, then the agency uploads a corrected file with the link from the email, then accept
    const flagged = await callAdminApi('POST', decisionPath(scenario), {
      body: { decision: 'flag', evidenceId: first.evidenceId, reason: 'Unsigned' },
    });
    const newToken = linkTokenIn(emailsWithSubject(/^Evidence returned/)[0]);
    const corrected = pdfBytes(`signed this time ${randomUUID()}`);
    const resubmitted = await uploadAndIngest(scenario, { token: newToken, bytes: corrected });
    const secondId = resubmitted.outcome === 'recorded' ? resubmitted.evidenceId : 'rejected';
    const accepted = await callAdminApi('POST', decisionPath(scenario), {
      body: { decision: 'accept', evidenceId: secondId },
    });
    // Assess
    expect(flagged.json.request.status).toBe('flagged');
    expect(resubmitted).toMatchObject({ outcome: 'recorded', requestStatus: 'resubmitted' });
    expect(accepted.status).toBe(200);
    expect(accepted.json).toMatchObject({
      request: { status: 'accepted', currentEvidenceId: secondId, submissionCount: 2 },
      reviewComplete: true,
    });
    expect(workflows.sendTaskSuccess).toHaveBeenCalledWith('review-task-token', {
      auditId: scenario.audit.auditId,
      phase: 'review',
    });
    // Both files stay listed (the clock stands still here, so they share a receipt time)
    const listing = await callAdminApi('GET', `/audits/${scenario.audit.auditId}/evidence`);
    const listed = listing.json.requests[0].evidence.map((item: { evidenceId: string }) => item.evidenceId);
    expect(listed.sort()).toEqual([first.evidenceId, secondId].sort());
    expect((await table.repository.trail.verify(scenario.audit.auditId)).valid).toBe(true);
  });

  it('refuses a decision on a file other than the one under review (400), writing nothing', async () => {
    // Prepare
    const scenario = await auditWithLink();
    const { evidenceId } = await submittedEvidence(scenario);
    const before = await footprint(scenario);
    // Act
    const { status, json } = await callAdminApi('POST', decisionPath(scenario), {
      body: { decision: 'flag', evidenceId: `${evidenceId}0`, reason: 'Unsigned' },
    });
    // Assess
    expect(status).toBe(400);
    expect(json.error.issues).toEqual([
      `evidenceId: Cannot 'flag' evidence-request ${scenario.requests[0]?.requestId}: evidenceId is '${evidenceId}0' but the evidence under review is '${evidenceId}'.`,
    ]);
    expect(await footprint(scenario)).toEqual(before);
  });

  it('takes a repeated accept as a retry (200, nothing written) and refuses to flag an accepted request (409)', async () => {
    // Prepare
    const scenario = await auditWithLink({ requirements: ['review-signoff', 'user-roster'] });
    const { evidenceId } = await submittedEvidence(scenario);
    const accept = { decision: 'accept', evidenceId };
    expect((await callAdminApi('POST', decisionPath(scenario), { body: accept })).status).toBe(200);
    const before = await footprint(scenario);
    // Act
    const again = await callAdminApi('POST', decisionPath(scenario), { body: accept });
    const flag = await callAdminApi('POST', decisionPath(scenario), {
      body: { decision: 'flag', evidenceId, reason: 'Second thoughts' },
    });
    // Assess
    expect([again.status, flag.status]).toEqual([200, 409]);
    expect(again.json).toMatchObject({ request: { status: 'accepted' }, reviewComplete: false });
    expect(flag.json.error.code).toBe('StateConflict');
    expect(await footprint(scenario)).toEqual(before);
  });

  it('sends the flag email on a retried decision when the first attempt failed to send it', async () => {
    // Prepare: the mail service fails once, after the flag was saved
    const scenario = await auditWithLink();
    const { evidenceId } = await submittedEvidence(scenario);
    const flag = { decision: 'flag', evidenceId, reason: 'Pages 3 and 4 are missing.' };
    mailer.send.mockRejectedValueOnce(new Error('SES is unavailable'));
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    // Act
    const first = await callAdminApi('POST', decisionPath(scenario), { body: flag });
    log.mockRestore();
    const retry = await callAdminApi('POST', decisionPath(scenario), { body: flag });
    const third = await callAdminApi('POST', decisionPath(scenario), { body: flag });
    // Assess: one flag in the trail, one email sent (the retry's), and its link works
    expect([first.status, retry.status, third.status]).toEqual([500, 200, 200]);
    const trail = await table.repository.trail.readAll(scenario.audit.auditId);
    expect(trail.filter((event) => event.type === 'evidence-request.flagged')).toHaveLength(1);
    const sent = emailsWithSubject(/^Evidence returned/);
    expect(sent).toHaveLength(2); // the failed attempt and the retry; the third found the notice sent
    expect((await table.repository.uploadTokens.check(linkTokenIn(sent[1]), NOW)).outcome).toBe('valid');
  });

  it.each(['closed', 'cancelled'] as const)(
    'refuses decisions on a %s audit (409), writing nothing',
    async (status) => {
      // Prepare: a request that was submitted before the audit ended
      const scenario = await auditWithLink({ status });
      const request = scenario.requests[0] as EvidenceRequest;
      await table.repository.audits.saveEvidenceRequest(
        request,
        { ...request, status: 'submitted', currentEvidenceId: 'evd_earlier', submissionCount: 1 },
        eventFixture(scenario.audit.auditId, 'evidence-request.submitted', request.requestId),
      );
      const before = await footprint(scenario);
      // Act
      const answer = await callAdminApi('POST', decisionPath(scenario), {
        body: { decision: 'accept', evidenceId: 'evd_earlier' },
      });
      // Assess
      expect(answer.status).toBe(409);
      expect(answer.json.error.message).toMatch(new RegExp(`is ${status}: evidence is reviewed while`));
      expect(await footprint(scenario)).toEqual(before);
    },
  );

  it('answers 404 for an unknown audit, request or evidence, writing nothing', async () => {
    // Prepare
    const scenario = await auditWithLink();
    const { evidenceId } = await submittedEvidence(scenario);
    const ghost = `aud_${uniqueOri()}_account-review_2027`;
    const { auditId } = scenario.audit;
    const before = await footprint(scenario);
    // Act
    const answers = await Promise.all([
      callAdminApi('GET', `/audits/${ghost}/evidence`),
      callAdminApi('POST', `/audits/${ghost}/evidence/${evidenceId}/download`),
      callAdminApi('POST', `/audits/${auditId}/evidence/${evidenceId}x/download`),
      callAdminApi('POST', `/audits/${ghost}/requests/${scenario.requests[0]?.requestId}/decision`, {
        body: { decision: 'accept', evidenceId },
      }),
      callAdminApi('POST', `/audits/${auditId}/requests/req_nothing/decision`, {
        body: { decision: 'accept', evidenceId },
      }),
      callAdminApi('GET', `/audits/${ghost}/upload-links`),
      callAdminApi('POST', `/audits/${ghost}/upload-links/tac/revoke`, { body: { reason: 'x' } }),
      callAdminApi('POST', `/audits/${ghost}/upload-links/tac/reissue`),
    ]);
    // Assess
    expect(answers.map((answer) => answer.status)).toEqual([404, 404, 404, 404, 404, 404, 404, 404]);
    expect(answers.every((answer) => answer.json.error.code === 'NotFound')).toBe(true);
    expect(await footprint(scenario)).toEqual(before);
  });

  it.each([
    ['decision: none', {}, /^decision: decision must be 'accept' \(with evidenceId\) or 'flag'/],
    [
      'decision: unknown',
      { decision: 'maybe', evidenceId: 'evd_x' },
      /^decision: decision must be 'accept' .* or 'flag'/,
    ],
    ['evidenceId: missing', { decision: 'accept' }, /^evidenceId: is required/],
    ['evidenceId: not an id', { decision: 'accept', evidenceId: 'evd x' }, /^evidenceId: may contain only/],
    ['reason: missing', { decision: 'flag', evidenceId: 'evd_x' }, /^reason: a reason is required/],
    [
      'reason: blank',
      { decision: 'flag', evidenceId: 'evd_x', reason: '   ' },
      /^reason: a reason is required/,
    ],
    [
      'reason: on an acceptance',
      { decision: 'accept', evidenceId: 'evd_x', reason: 'x' },
      /^reason: is not a field of this request body; allowed: decision, evidenceId, comment$/,
    ],
    [
      'comment: too long',
      { decision: 'accept', evidenceId: 'evd_x', comment: 'x'.repeat(2001) },
      /^comment: must be at most 2000 characters/,
    ],
    ['body: not JSON', '{"decision": ', /.*/],
  ])('refuses a decision body with %s (400), writing nothing', async (_name, body, issue) => {
    // Prepare
    const scenario = await auditWithLink();
    await submittedEvidence(scenario);
    const before = await footprint(scenario);
    // Act
    const { status, json } = await callAdminApi('POST', decisionPath(scenario), { body });
    // Assess
    expect(status).toBe(400);
    if (typeof body !== 'string') expect(json.error.issues).toEqual([expect.stringMatching(issue)]);
    else expect(json.error.code).toBe('MalformedJson');
    expect(await footprint(scenario)).toEqual(before);
  });

  it('refuses bad paths and bodies on the other routes (400), naming the field, writing nothing', async () => {
    // Prepare
    const scenario = await auditWithLink();
    const { evidenceId } = await submittedEvidence(scenario);
    const { auditId } = scenario.audit;
    const before = await footprint(scenario);
    // Act
    const answers = await Promise.all([
      callAdminApi('GET', '/audits/aud%20x/evidence'),
      callAdminApi('GET', `/audits/${auditId}/evidence?all=true`),
      callAdminApi('POST', `/audits/${auditId}/evidence/${evidenceId}/download`, { body: { inline: true } }),
      callAdminApi('POST', `/audits/${auditId}/upload-links/chief/revoke`, { body: { reason: 'x' } }),
      callAdminApi('POST', `/audits/${auditId}/upload-links/tac/revoke`, { body: {} }),
      callAdminApi('POST', `/audits/${auditId}/upload-links/tac/revoke`, {
        body: { reason: 'x', notify: 1 },
      }),
      callAdminApi('POST', `/audits/${auditId}/upload-links/tac/revoke`),
      callAdminApi('POST', `/audits/${auditId}/upload-links/chief/reissue`),
      callAdminApi('POST', `/audits/${auditId}/upload-links/tac/reissue`, { body: { role: 'laso' } }),
    ]);
    // Assess
    expect(answers.map((answer) => answer.status)).toEqual([400, 400, 400, 400, 400, 400, 400, 400, 400]);
    expect(answers.map((answer) => answer.json.error.issues)).toEqual([
      [expect.stringMatching(/^auditId: may contain only letters, digits/)],
      [`all: is not a query parameter of GET /audits/{auditId}/evidence; none are allowed`],
      ['(body): this endpoint takes no request body; send none'],
      ['role: role must be one of: tac, laso, agency-head, alternate'],
      ['reason: a reason is required'],
      ['notify: is not a field of this request body; allowed: reason'],
      ['(body): is required: a JSON object'],
      ['role: role must be one of: tac, laso, agency-head, alternate'],
      ['(body): this endpoint takes no request body; send none'],
    ]);
    expect(await footprint(scenario)).toEqual(before);
  });
});

describe('Admin API: upload links (dynalite)', () => {
  const linksOf = async (scenario: Scenario) =>
    (await callAdminApi('GET', `/audits/${scenario.audit.auditId}/upload-links`)).json.items as {
      linkRef: string;
      role: ContactRole;
      state: string;
      reason: string;
      revokedReason?: string;
    }[];

  it("lists an audit's links with their state, never a token or its hash", async () => {
    // Prepare
    const scenario = await auditWithLink();
    const tokenHash = createHash('sha256').update(scenario.token).digest('hex');
    // Act
    const { status, json } = await callAdminApi('GET', `/audits/${scenario.audit.auditId}/upload-links`);
    // Assess
    expect(status).toBe(200);
    expect(json.items).toEqual([
      {
        linkRef: `link-${tokenHash.slice(0, 16)}`,
        role: 'tac',
        reason: 'audit-opened',
        issuedAt: NOW.toISOString(),
        expiresAt: expect.any(String),
        state: 'active',
        failedAttempts: 0,
      },
    ]);
    expect(JSON.stringify(json)).not.toContain(scenario.token);
    expect(JSON.stringify(json)).not.toContain(tokenHash);
  });

  it('reissues: the earlier link stops working, and the new one is emailed to the role and works', async () => {
    // Prepare
    const scenario = await auditWithLink();
    // Act
    const { status, json } = await callAdminApi(
      'POST',
      `/audits/${scenario.audit.auditId}/upload-links/tac/reissue`,
    );
    // Assess
    expect(status).toBe(201);
    expect(json).toMatchObject({ role: 'tac', reason: 'reissued', state: 'active', failedAttempts: 0 });
    const [email, ...others] = emailsWithSubject(/^New upload link/);
    expect(others).toEqual([]);
    expect(email?.to).toEqual([TAC_EMAIL]);
    const newToken = linkTokenIn(email);
    expect((await table.repository.uploadTokens.check(newToken, NOW)).outcome).toBe('valid');
    expect((await table.repository.uploadTokens.check(scenario.token, NOW)).outcome).toBe('revoked');
    // Listed oldest first; both were issued at the same (fixed) instant here, so the order is not asserted
    const links = await linksOf(scenario);
    expect(links).toHaveLength(2);
    expect(links).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          state: 'revoked',
          reason: 'audit-opened',
          revokedReason: 'a new link was issued',
        }),
        expect.objectContaining({ linkRef: json.linkRef, state: 'active', reason: 'reissued' }),
      ]),
    );
    const events = await table.repository.trail.readAll(scenario.audit.auditId);
    expect(
      events.filter((event) => event.type.startsWith('upload-link.')).map((event) => event.type),
    ).toEqual(['upload-link.issued', 'upload-link.revoked', 'upload-link.issued']);
  });

  it("revokes a role's live links at once, with the reason; revoking again withdraws nothing", async () => {
    // Prepare
    const scenario = await auditWithLink();
    const path = `/audits/${scenario.audit.auditId}/upload-links/tac/revoke`;
    // Act
    const first = await callAdminApi('POST', path, { body: { reason: ' Sent to the wrong person ' } });
    const again = await callAdminApi('POST', path, { body: { reason: 'Again' } });
    const otherRole = await callAdminApi(
      'POST',
      `/audits/${scenario.audit.auditId}/upload-links/laso/revoke`,
      { body: { reason: 'No LASO link exists' } },
    );
    // Assess
    expect(first.status).toBe(200);
    expect(first.json.revoked).toEqual([
      expect.objectContaining({ role: 'tac', state: 'revoked', revokedReason: 'Sent to the wrong person' }),
    ]);
    expect(again.json).toEqual({ revoked: [] });
    expect(otherRole.json).toEqual({ revoked: [] });
    expect((await table.repository.uploadTokens.check(scenario.token, NOW)).outcome).toBe('revoked');
    const events = await table.repository.trail.readAll(scenario.audit.auditId);
    expect(events.at(-1)).toMatchObject({
      type: 'upload-link.revoked',
      actor: ADMINISTRATOR,
      payload: { role: 'tac', reason: 'Sent to the wrong person' },
    });
  });

  it('refuses to reissue for a role without a contact, or on a closed audit (409), writing nothing', async () => {
    // Prepare: agencyBody() names no alternate
    const open = await auditWithLink();
    const closed = await auditWithLink({ status: 'closed' });
    const before = [await footprint(open), await footprint(closed)];
    // Act
    const noContact = await callAdminApi(
      'POST',
      `/audits/${open.audit.auditId}/upload-links/alternate/reissue`,
    );
    const ended = await callAdminApi('POST', `/audits/${closed.audit.auditId}/upload-links/tac/reissue`);
    // Assess
    expect([noContact.status, ended.status]).toEqual([409, 409]);
    expect(noContact.json.error.message).toMatch(/has no 'alternate' contact to send an upload link to/);
    expect(ended.json.error.message).toMatch(/is closed: it takes no uploads/);
    expect([await footprint(open), await footprint(closed)]).toEqual(before);
    expect((await table.repository.uploadTokens.check(open.token, NOW)).outcome).toBe('valid');
  });
});
