import { createHash, randomUUID } from 'node:crypto';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repository } from '../../../functions/adapters/runtime/bindings.js';
import { evidenceId } from '../../../functions/domain/ids.js';
import { registerAgency } from '../../../functions/services/agencies.js';
import { enrollAgency } from '../../../functions/services/enrollments.js';
import { authorizeUpload, type UploadAuthorization } from '../../../functions/services/evidence-intake.js';
import { s3ClientConfig } from '../../../sandbox/engine-config.js';
import { type Sandbox, startSandbox } from '../../../sandbox/start-sandbox.js';
import { injectedSandboxResources, injectedSandboxWorkflows } from '../../setup/local-engines.js';

/*
 * The sandbox's stand-in for the stack's EventBridge rule: an upload to s3rver under evidence/ reaches the
 * ingest handler through the sandbox's own wiring (no direct call to the ingest service).
 */

const DAY = 86_400_000;
/** Monday 2026-03-02, 10:00 in Los Angeles. */
const START = new Date('2026-03-02T18:00:00.000Z');
const ORI = 'CA3000011';
const administrator = { type: 'administrator' as const, id: 'evidence-events-test' };

const pdfBytes = (text: string) => Buffer.from(`%PDF-1.7\n${text}\n%%EOF\n`);
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** What a browser does with the authorization: a multipart form, fields first, the file last. */
async function postForm(post: UploadAuthorization, bytes: Buffer): Promise<Response> {
  const form = new FormData();
  for (const [name, value] of Object.entries(post.fields)) form.append(name, value);
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), 'upload.pdf');
  return fetch(post.url, { method: 'POST', body: form });
}

describe('Sandbox: evidence events from the local S3 engine', () => {
  let sandbox: Sandbox;
  let s3: S3Client;
  const lines: string[] = [];
  const ingestLines = () => lines.filter((line) => line.startsWith('evidence ingest'));

  beforeAll(async () => {
    sandbox = await startSandbox({
      resources: injectedSandboxResources(),
      workflows: injectedSandboxWorkflows(),
      clockStart: START,
      log: (line) => lines.push(line),
    });
    s3 = new S3Client(s3ClientConfig(sandbox.engines.config));
  });

  afterAll(async () => {
    s3?.destroy();
    await sandbox?.stop();
  });

  it('delivers an upload under evidence/ to the ingest handler: evidence recorded, request submitted', async () => {
    // Prepare: the annual account review due 2026-03-20 opens at once; a link covers its audit
    await registerAgency(
      {
        ori: ORI,
        name: 'Evidence Events Agency',
        county: 'Fresno',
        agencyType: 'criminal-justice-agency',
        contacts: [
          { role: 'tac', name: 'Terry Coordinator', email: 'tac@ca3000011.example.gov' },
          { role: 'laso', name: 'Lee Security', email: 'laso@ca3000011.example.gov' },
          { role: 'agency-head', name: 'Avery Chief', email: 'chief@ca3000011.example.gov' },
        ],
      },
      administrator,
    );
    await enrollAgency(ORI, { programId: 'account-review', anchorDate: '2026-03-20' }, administrator);
    await sandbox.workflows.runner.whenIdle();
    const auditId = `aud_${ORI}_account-review_2026`;
    const before = await repository().audits.getAuditBundle(auditId);
    const request = before?.requests.find((candidate) =>
      candidate.acceptedContentTypes.includes('application/pdf'),
    );
    if (!request) throw new Error(`the audit ${auditId} has no request that accepts a PDF`);
    const { token } = await repository().uploadTokens.issue(
      { agencyOri: ORI, auditId, requestIds: [request.requestId] },
      new Date(START.getTime() + 30 * DAY),
      START,
    );
    const bytes = pdfBytes(`signed review ${randomUUID()}`);

    // Act: authorize with the sandbox's bound store, upload by presigned POST, let the event be delivered
    const post = await authorizeUpload({
      token,
      auditId,
      requestId: request.requestId,
      fileName: 'Account review – signed.pdf',
      contentType: 'application/pdf',
      sizeBytes: bytes.byteLength,
      sha256: sha256(bytes),
    });
    const response = await postForm(post, bytes);
    expect(response.status).toBe(204);
    await sandbox.evidenceEvents.whenIdle();

    // Assess
    const after = await repository().audits.getAuditBundle(auditId);
    const expectedId = evidenceId(request.requestId, sha256(bytes));
    expect(after?.evidence).toEqual([
      expect.objectContaining({
        evidenceId: expectedId,
        objectKey: post.key,
        objectVersion: 'null',
        sha256: sha256(bytes),
        fileName: 'Account review – signed.pdf',
      }),
    ]);
    expect(after?.requests.find((candidate) => candidate.requestId === request.requestId)).toMatchObject({
      status: 'submitted',
      currentEvidenceId: expectedId,
    });
    // The outcome only: no key, file name or hash in the log.
    expect(ingestLines()).toEqual(['evidence ingest: recorded']);
  });

  it('ignores objects outside evidence/', async () => {
    // Prepare
    const delivered = ingestLines().length;
    // Act
    await s3.send(
      new PutObjectCommand({
        Bucket: sandbox.engines.config.s3.evidenceBucket,
        Key: `exports/${randomUUID()}.pdf`,
        Body: pdfBytes('not evidence'),
        ContentType: 'application/pdf',
      }),
    );
    await sandbox.evidenceEvents.whenIdle();
    // Assess: nothing delivered, not even a failed delivery
    expect(ingestLines()).toHaveLength(delivered);
  });
});
