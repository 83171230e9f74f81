import { createHash, randomUUID } from 'node:crypto';
import { ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { evidenceObjectKey } from '../../../functions/adapters/s3/evidence-keys.js';
import { S3EvidenceStore } from '../../../functions/adapters/s3/evidence-store.js';
import { auditId as buildAuditId, evidenceId } from '../../../functions/domain/ids.js';
import type { Audit } from '../../../functions/domain/schemas/audit.js';
import type { EvidenceRequest } from '../../../functions/domain/schemas/evidence.js';
import { handler as ingestHandler } from '../../../functions/handlers/ingest-evidence.js';
import {
  authorizeUpload,
  ingestUploadedObject,
  type UploadDeclaration,
  UploadLinkDeniedError,
  UploadRefusedError,
} from '../../../functions/services/evidence-intake.js';
import { auditFixture, eventFixture, requestFixture } from '../../support/audit-fixtures.js';
import { bindLocalEvidenceRuntime } from '../../support/local-evidence-runtime.js';
import { postUploadForm } from '../../support/post-upload-form.js';
import { fakeWorkflows } from '../../support/test-runtime.js';
import { uniqueOri } from '../../support/test-table.js';

const NOW = new Date('2027-02-10T17:00:00.000Z');
const MAX_UPLOAD_BYTES = 64 * 1024;
/** s3rver keeps no versions; an unversioned object's version id in S3 is the literal "null". */
const VERSION = 'null';

const workflows = fakeWorkflows();
const local = bindLocalEvidenceRuntime({
  now: NOW,
  workflows,
  settings: { maxUploadBytes: MAX_UPLOAD_BYTES },
});
beforeEach(() => vi.clearAllMocks());

interface Scenario {
  readonly ori: string;
  readonly audit: Audit;
  readonly requests: EvidenceRequest[];
  readonly token: string;
  readonly tokenHash: string;
}

/** An open audit waiting for evidence (its workflow parked on a task token) with requests and a link. */
async function openAuditWithLink(
  options: { requirements?: string[]; scopeRequirements?: string[]; linkExpiresAt?: Date } = {},
): Promise<Scenario> {
  const ori = uniqueOri();
  const { audits, uploadTokens } = local.table.repository;
  const fixture = auditFixture(ori, { status: 'open', openedAt: '2027-01-30T08:00:00.000Z' });
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
  const scoped = options.scopeRequirements
    ? requests.filter((request) => options.scopeRequirements?.includes(request.requirementId))
    : requests;
  const { token, record } = await uploadTokens.issue(
    { agencyOri: ori, auditId: audit.auditId, requestIds: scoped.map((request) => request.requestId) },
    options.linkExpiresAt ?? new Date('2027-03-10T00:00:00.000Z'),
    new Date('2027-01-30T08:00:00.000Z'),
  );
  return { ori, audit, requests, token, tokenHash: record.tokenHash };
}

const pdfBytes = (text: string) => Buffer.from(`%PDF-1.7\n${text}\n%%EOF\n`);
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

function declarationFor(scenario: Scenario, bytes: Buffer, overrides: Partial<UploadDeclaration> = {}) {
  const request = scenario.requests[0] as EvidenceRequest;
  return {
    token: scenario.token,
    auditId: scenario.audit.auditId,
    requestId: request.requestId,
    fileName: 'Account review – signed.pdf',
    contentType: 'application/pdf',
    sizeBytes: bytes.byteLength,
    sha256: sha256(bytes),
    ...overrides,
  };
}

/** Everything intake could write about one audit: its partition and its trail. */
async function footprint(scenario: Scenario) {
  const bundle = await local.table.repository.audits.getAuditBundle(scenario.audit.auditId);
  return { bundle, trail: await local.table.repository.trail.readAll(scenario.audit.auditId) };
}

const tokenFailures = async (scenario: Scenario) => {
  const check = await local.table.repository.uploadTokens.check(scenario.token, NOW);
  return check.outcome === 'unknown' ? undefined : check.record.failureCount;
};

describe('Service: evidence intake (dynalite + s3rver)', () => {
  it('authorizes, uploads by presigned POST, ingests: evidence recorded, request submitted, phase complete', async () => {
    // Prepare
    const scenario = await openAuditWithLink();
    const bytes = pdfBytes(`signed review ${randomUUID()}`);
    // Act: authorize and upload
    const post = await authorizeUpload(declarationFor(scenario, bytes), local.store);
    expect(post.key).toMatch(
      new RegExp(`^evidence/${scenario.ori}/${scenario.audit.auditId}/${post.requestId}/[0-9a-f-]{36}$`),
    );
    const response = await postUploadForm(post, bytes, 'application/pdf');
    expect(response.status).toBe(204);
    // Act: S3 reports the object
    const result = await ingestUploadedObject(
      { bucket: local.store.bucket, key: post.key, versionId: VERSION },
      local.store,
    );
    // Assess
    const expectedId = evidenceId(post.requestId, sha256(bytes));
    expect(result).toEqual({
      outcome: 'recorded',
      evidenceId: expectedId,
      created: true,
      requestStatus: 'submitted',
      current: true,
      evidencePhaseComplete: true,
    });
    const { bundle, trail } = await footprint(scenario);
    expect(bundle?.evidence).toHaveLength(1);
    expect(bundle?.evidence[0]).toMatchObject({
      evidenceId: expectedId,
      fileName: 'Account review – signed.pdf',
      contentType: 'application/pdf',
      sizeBytes: bytes.byteLength,
      sha256: sha256(bytes),
      objectKey: post.key,
      objectVersion: VERSION,
      receivedAt: NOW.toISOString(),
      effectiveDate: '2027-02-10',
      uploadedBy: { type: 'agency-contact', id: `link-${scenario.tokenHash.slice(0, 16)}` },
    });
    expect(bundle?.requests[0]).toMatchObject({
      status: 'submitted',
      currentEvidenceId: expectedId,
      submissionCount: 1,
    });
    expect(bundle?.audit.status).toBe('collecting');
    expect(workflows.sendTaskSuccess).toHaveBeenCalledWith(`task-${scenario.ori}`, {
      auditId: scenario.audit.auditId,
      phase: 'evidence',
    });
    expect(trail.map((event) => event.type)).toEqual([
      'audit.opened',
      'evidence-request.created',
      'evidence.received',
      'evidence-request.submitted',
      'audit.collection-started',
    ]);
    expect((await local.table.repository.trail.verify(scenario.audit.auditId)).valid).toBe(true);
    expect(await tokenFailures(scenario)).toBe(0);
  });

  it('an Object Created event delivered three times records one piece of evidence and one submission', async () => {
    const scenario = await openAuditWithLink({ requirements: ['review-signoff', 'user-roster'] });
    const bytes = pdfBytes(`thrice ${randomUUID()}`);
    const post = await authorizeUpload(declarationFor(scenario, bytes), local.store);
    expect((await postUploadForm(post, bytes, 'application/pdf')).status).toBe(204);
    const object = { bucket: local.store.bucket, key: post.key, versionId: VERSION };
    // What the EventBridge rule delivers (at least once: here three times)
    const event = {
      'detail-type': 'Object Created',
      source: 'aws.s3',
      detail: { bucket: { name: local.store.bucket }, object: { key: post.key, 'version-id': VERSION } },
    };
    const first = await ingestHandler(event);
    const trailAfterFirst = await local.table.repository.trail.readAll(scenario.audit.auditId);
    await ingestHandler(event);
    await ingestHandler(event);
    const second = await ingestUploadedObject(object, local.store);
    // The handler answers the outcome only (no names or hashes reach the log)
    expect(first).toEqual({ outcome: 'recorded' });
    // The second request is still open, so the phase is not complete
    expect(second).toMatchObject({ evidencePhaseComplete: false });
    expect(second).toMatchObject({
      outcome: 'recorded',
      created: false,
      requestStatus: 'submitted',
      current: true,
    });
    const { bundle, trail } = await footprint(scenario);
    expect(bundle?.evidence).toHaveLength(1);
    expect(bundle?.requests.find((r) => r.requestId === post.requestId)?.submissionCount).toBe(1);
    expect(trail).toEqual(trailAfterFirst);
    expect(workflows.sendTaskSuccess).not.toHaveBeenCalled();
  });

  it('two last uploads ingested at once: both recorded, the workflow resumed exactly once, no error', async () => {
    const scenario = await openAuditWithLink({ requirements: ['review-signoff', 'user-roster'] });
    const objects = [];
    for (const request of scenario.requests) {
      const bytes = pdfBytes(`concurrent ${randomUUID()}`);
      const post = await authorizeUpload(
        declarationFor(scenario, bytes, { requestId: request.requestId }),
        local.store,
      );
      expect((await postUploadForm(post, bytes, 'application/pdf')).status).toBe(204);
      objects.push({ bucket: local.store.bucket, key: post.key, versionId: VERSION });
    }
    const results = await Promise.all(objects.map((object) => ingestUploadedObject(object, local.store)));
    expect(results.map((result) => result.outcome)).toEqual(['recorded', 'recorded']);
    expect(workflows.sendTaskSuccess).toHaveBeenCalledTimes(1);
    const audit = await local.table.repository.audits.getAudit(scenario.audit.auditId);
    expect(audit?.status).toBe('collecting');
    expect(audit?.waitingTaskToken).toBeUndefined();
    expect((await local.table.repository.trail.verify(scenario.audit.auditId)).valid).toBe(true);
  });

  it('rejects an upload whose bytes do not match the declared sha256: nothing submitted, reason recorded', async () => {
    const scenario = await openAuditWithLink();
    const declared = pdfBytes(`declared ${randomUUID()}`);
    // Same length, other bytes (s3rver does not enforce the policy, so the POST itself succeeds)
    const uploaded = Buffer.from(declared);
    uploaded[10] = (uploaded[10] as number) ^ 0xff;
    const post = await authorizeUpload(declarationFor(scenario, declared), local.store);
    expect((await postUploadForm(post, uploaded, 'application/pdf')).status).toBe(204);
    const before = await footprint(scenario);
    const object = { bucket: local.store.bucket, key: post.key, versionId: VERSION };
    const result = await ingestUploadedObject(object, local.store);
    expect(result.outcome).toBe('rejected');
    expect(result.outcome === 'rejected' && result.reasons.join('\n')).toMatch(
      new RegExp(`sha256 ${sha256(uploaded)} does not match the declared ${sha256(declared)}`),
    );
    const after = await footprint(scenario);
    expect(after.bundle?.evidence).toEqual([]);
    expect(after.bundle?.requests).toEqual(before.bundle?.requests);
    expect(after.bundle?.audit).toEqual(before.bundle?.audit);
    const rejected = after.trail.filter((event) => event.type === 'evidence.rejected');
    expect(rejected).toHaveLength(1);
    expect(rejected[0]?.payload).toMatchObject({
      objectKey: post.key,
      declaredSha256: sha256(declared),
      actualSha256: sha256(uploaded),
    });
    // A redelivered event records the rejection once
    await ingestUploadedObject(object, local.store);
    expect((await footprint(scenario)).trail).toEqual(after.trail);
    expect((await local.table.repository.trail.verify(scenario.audit.auditId)).valid).toBe(true);
    expect(workflows.sendTaskSuccess).not.toHaveBeenCalled();
  });

  it('rejects a presigned POST replayed after it expired: nothing submitted, the reason recorded', async () => {
    // s3rver does not enforce POST policies (S3 refuses an expired one; the policy unit test asserts the
    // expiration). A form presigned two hours ago and replayed now still reaches s3rver, so ingest must refuse it.
    const scenario = await openAuditWithLink();
    const bytes = pdfBytes(`replayed ${randomUUID()}`);
    const twoHoursAgo = () => Date.now() - 2 * 3600_000;
    const oldForm = new S3EvidenceStore(local.s3, local.store.bucket, { realNow: twoHoursAgo });
    const post = await authorizeUpload(declarationFor(scenario, bytes), oldForm);
    expect(Date.parse(post.expiresAt)).toBeLessThan(Date.now());
    expect((await postUploadForm(post, bytes, 'application/pdf')).status).toBe(204);
    const before = await footprint(scenario);
    const result = await ingestUploadedObject(
      { bucket: local.store.bucket, key: post.key, versionId: VERSION },
      local.store,
    );
    expect(result.outcome).toBe('rejected');
    expect(result.outcome === 'rejected' && result.reasons.join('\n')).toMatch(
      /after its upload authorization expired at /,
    );
    const after = await footprint(scenario);
    expect(after.bundle?.evidence).toEqual([]);
    expect(after.bundle?.requests).toEqual(before.bundle?.requests);
    expect(after.bundle?.rejections).toEqual([
      expect.objectContaining({
        requestId: post.requestId,
        objectKey: post.key,
        reasons: result.outcome === 'rejected' ? result.reasons : [],
      }),
    ]);
    expect(workflows.sendTaskSuccess).not.toHaveBeenCalled();
  });

  it('rejects an object stored with a content type the request does not accept', async () => {
    const scenario = await openAuditWithLink();
    const bytes = pdfBytes(`typed ${randomUUID()}`);
    const post = await authorizeUpload(declarationFor(scenario, bytes), local.store);
    // Bypass the (unenforced locally) policy: the stored object claims another type
    const form = { ...post, fields: { ...post.fields, 'Content-Type': 'text/html' } };
    expect((await postUploadForm(form, bytes, 'text/html')).status).toBe(204);
    const result = await ingestUploadedObject(
      { bucket: local.store.bucket, key: post.key, versionId: VERSION },
      local.store,
    );
    expect(result).toMatchObject({ outcome: 'rejected' });
    expect(result.outcome === 'rejected' && result.reasons.join()).toMatch(/content type 'text\/html'/);
    expect((await footprint(scenario)).bundle?.evidence).toEqual([]);
  });

  it('refuses objects that are not evidence uploads of an existing request', async () => {
    const ori = uniqueOri();
    const ghostAudit = buildAuditId(ori, 'account-review', '2027');
    const key = evidenceObjectKey({ ori, auditId: ghostAudit, requestId: `req_${ghostAudit.slice(4)}_x` });
    await local.s3.send(new PutObjectCommand({ Bucket: local.store.bucket, Key: key, Body: 'x' }));
    await expect(
      ingestUploadedObject({ bucket: local.store.bucket, key, versionId: VERSION }, local.store),
    ).rejects.toMatchObject({
      name: 'ForeignEvidenceObjectError',
      message: /names no existing evidence request/,
    });
  });

  describe('refusals after a valid link: typed error, one failure counted, nothing else written', () => {
    const cases: {
      name: string;
      reason: string;
      message: RegExp;
      setup?: Parameters<typeof openAuditWithLink>[0];
      declare: (scenario: Scenario, bytes: Buffer) => Partial<UploadDeclaration>;
    }[] = [
      {
        name: 'a content type the request does not accept',
        reason: 'content-type-not-accepted',
        message: /contentType: 'image\/png' is not accepted for this request; accepted: application\/pdf/,
        declare: () => ({ contentType: 'image/png', fileName: 'scan.png' }),
      },
      {
        name: 'a file over the deployment limit',
        reason: 'too-large',
        message: /sizeBytes: 65537 bytes is over the 65536-byte limit/,
        declare: () => ({ sizeBytes: MAX_UPLOAD_BYTES + 1 }),
      },
      {
        name: 'a request outside the link’s scope',
        reason: 'out-of-scope',
        message: /^This upload link does not cover that audit or request\.$/,
        setup: { requirements: ['review-signoff', 'user-roster'], scopeRequirements: ['review-signoff'] },
        declare: (scenario) => ({ requestId: scenario.requests[1]?.requestId }),
      },
      {
        name: 'another agency’s audit',
        reason: 'out-of-scope',
        message: /^This upload link does not cover that audit or request\.$/,
        declare: () => {
          const other = buildAuditId('CA0340000', 'account-review', '2027');
          return { auditId: other, requestId: `req_${other.slice(4)}_review-signoff` };
        },
      },
      {
        name: 'a request id in scope that does not exist',
        reason: 'request-not-found',
        message: /does not exist/,
        setup: { scopeRequirements: [] },
        declare: (scenario) => ({ requestId: `${scenario.requests[0]?.requestId}x` }),
      },
    ];

    it.each(cases)('$name', async ({ reason, message, setup, declare }) => {
      let scenario = await openAuditWithLink(setup);
      if (reason === 'request-not-found') {
        // A link whose scope names a request that was never created
        const ghost = `${scenario.requests[0]?.requestId}x`;
        const issued = await local.table.repository.uploadTokens.issue(
          { agencyOri: scenario.ori, auditId: scenario.audit.auditId, requestIds: [ghost] },
          new Date('2027-03-10T00:00:00.000Z'),
          NOW,
        );
        scenario = { ...scenario, token: issued.token, tokenHash: issued.record.tokenHash };
      }
      const bytes = pdfBytes('refused');
      const before = await footprint(scenario);
      const error = await authorizeUpload(
        declarationFor(scenario, bytes, declare(scenario, bytes)),
        local.store,
      ).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(UploadRefusedError);
      expect(error).toMatchObject({ reason, linkLocked: false });
      expect((error as Error).message).toMatch(message);
      expect(await tokenFailures(scenario)).toBe(1);
      expect(await footprint(scenario)).toEqual(before);
    });

    it('a request that is no longer open for upload', async () => {
      const scenario = await openAuditWithLink();
      const request = scenario.requests[0] as EvidenceRequest;
      await local.table.repository.audits.saveEvidenceRequest(
        request,
        { ...request, status: 'submitted', currentEvidenceId: 'evd_earlier', submissionCount: 1 },
        eventFixture(scenario.audit.auditId, 'evidence-request.submitted', request.requestId),
      );
      const before = await footprint(scenario);
      await expect(
        authorizeUpload(declarationFor(scenario, pdfBytes('late')), local.store),
      ).rejects.toMatchObject({
        name: 'UploadRefusedError',
        reason: 'request-closed',
        message: /is 'submitted' and takes no upload now/,
      });
      expect(await tokenFailures(scenario)).toBe(1);
      expect(await footprint(scenario)).toEqual(before);
    });

    it('the fifth failure locks the link, and a locked link is then denied', async () => {
      const scenario = await openAuditWithLink();
      const tooBig = declarationFor(scenario, pdfBytes('x'), { sizeBytes: MAX_UPLOAD_BYTES + 1 });
      const errors = [];
      for (let attempt = 0; attempt < 5; attempt++)
        errors.push(await authorizeUpload(tooBig, local.store).catch((caught: unknown) => caught));
      expect(errors.map((error) => (error as UploadRefusedError).linkLocked)).toEqual([
        false,
        false,
        false,
        false,
        true,
      ]);
      const denied = await authorizeUpload(declarationFor(scenario, pdfBytes('x')), local.store).catch(
        (caught: unknown) => caught,
      );
      expect(denied).toBeInstanceOf(UploadLinkDeniedError);
      expect(denied).toMatchObject({ reason: 'locked' });
    });
  });

  describe('links that cannot be used: typed error naming why, nothing written', () => {
    it.each(['unknown', 'expired', 'revoked', 'locked'] as const)('%s link', async (reason) => {
      const scenario = await openAuditWithLink(
        reason === 'expired' ? { linkExpiresAt: new Date(NOW.getTime() - 1) } : {},
      );
      const { uploadTokens } = local.table.repository;
      if (reason === 'revoked') await uploadTokens.revoke(scenario.tokenHash, NOW);
      if (reason === 'locked') {
        for (let attempt = 0; attempt < 5; attempt++)
          await uploadTokens.recordFailure(scenario.tokenHash, NOW);
      }
      const token = reason === 'unknown' ? 'A'.repeat(43) : scenario.token;
      const failuresBefore = await tokenFailures(scenario);
      const before = await footprint(scenario);
      const objectsBefore = await countObjects(scenario);
      const error = await authorizeUpload(
        declarationFor({ ...scenario, token }, pdfBytes('denied')),
        local.store,
      ).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(UploadLinkDeniedError);
      expect(error).toMatchObject({ name: 'UploadLinkDeniedError', reason });
      expect((error as Error).message).not.toMatch(new RegExp(`${scenario.ori}|${scenario.audit.auditId}`));
      expect(await tokenFailures(scenario)).toBe(failuresBefore);
      expect(await footprint(scenario)).toEqual(before);
      expect(await countObjects(scenario)).toBe(objectsBefore);
    });
  });
});

async function countObjects(scenario: Scenario): Promise<number> {
  const listed = await local.s3.send(
    new ListObjectsV2Command({ Bucket: local.store.bucket, Prefix: `evidence/${scenario.ori}/` }),
  );
  return listed.KeyCount ?? 0;
}
