import { createHash, randomUUID } from 'node:crypto';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { mailer } from '../../../functions/adapters/runtime/bindings.js';
import { evidenceObjectKey } from '../../../functions/adapters/s3/evidence-keys.js';
import { S3EvidenceStore } from '../../../functions/adapters/s3/evidence-store.js';
import { verificationEvidenceId } from '../../../functions/domain/ids.js';
import {
  authorizeUpload,
  ingestUploadedObject,
  UploadRefusedError,
} from '../../../functions/services/evidence-intake.js';
import { uploadStatus } from '../../../functions/services/upload-portal.js';
import {
  auditWithRemediationTasks,
  type FixtureTask,
  type RemediationScenario,
} from '../../support/agency-remediation-fixtures.js';
import { bindLocalEvidenceRuntime } from '../../support/local-evidence-runtime.js';
import { postUploadForm } from '../../support/post-upload-form.js';
import { fakeWorkflows } from '../../support/test-runtime.js';

/*
 * Verification evidence: a file showing a remediation task's fix, sent through the same verified path as
 * requested evidence (presigned POST pinned to the declaration, hashed at ingest), filed under the finding's
 * request with the task's id, and deciding nothing about that request. On dynalite and s3rver.
 */

const NOW = new Date('2027-02-10T17:00:00.000Z');
/** s3rver keeps no versions; an unversioned object's version id in S3 is the literal "null". */
const VERSION = 'null';

const workflows = fakeWorkflows();
const local = bindLocalEvidenceRuntime({ now: NOW, workflows, settings: { maxUploadBytes: 64 * 1024 } });
beforeEach(() => vi.clearAllMocks());

const pdfBytes = (text: string) => Buffer.from(`%PDF-1.7\n${text}\n%%EOF\n`);
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

const scenarioWith = (
  tasks: readonly FixtureTask[],
  auditStatus: 'in-review' | 'remediation' | 'closed' = 'remediation',
) => auditWithRemediationTasks(local.table.repository, { now: NOW, auditStatus, tasks });

function declaration(scenario: RemediationScenario, bytes: Buffer, overrides: Record<string, unknown> = {}) {
  return {
    token: scenario.token,
    auditId: scenario.audit.auditId,
    taskId: scenario.tasks[0]?.taskId,
    fileName: 'Named accounts – signed.pdf',
    contentType: 'application/pdf',
    sizeBytes: bytes.byteLength,
    sha256: sha256(bytes),
    ...overrides,
  };
}

async function footprint(scenario: RemediationScenario) {
  const bundle = await local.table.repository.audits.getAuditBundle(scenario.audit.auditId);
  const trail = await local.table.repository.trail.readAll(scenario.audit.auditId);
  const check = await local.table.repository.uploadTokens.check(scenario.token, NOW);
  return { bundle, trail, failures: check.outcome === 'unknown' ? undefined : check.record.failureCount };
}

describe('Service: verification evidence for a remediation task (dynalite + s3rver)', () => {
  it('authorizes an upload for a task whose plan was accepted, under its finding’s (accepted) request, pinning the task', async () => {
    const scenario = await scenarioWith([{ status: 'plan-accepted' }]);
    const [request] = scenario.requests;
    expect(request?.status).toBe('accepted');
    const bytes = pdfBytes(`fix ${randomUUID()}`);
    const post = await authorizeUpload(declaration(scenario, bytes), local.store);
    expect(post.requestId).toBe(request?.requestId);
    expect(post.taskId).toBe(scenario.tasks[0]?.taskId);
    expect(post.key).toMatch(
      new RegExp(`^evidence/${scenario.ori}/${scenario.audit.auditId}/${request?.requestId}/[0-9a-f-]{36}$`),
    );
    expect(post.fields).toMatchObject({
      'x-amz-meta-task-id': scenario.tasks[0]?.taskId,
      'x-amz-meta-sha256': sha256(bytes),
      'x-amz-meta-upload-link': scenario.linkRef,
    });
    expect(post.fields['x-amz-meta-authorized-until']).toBe(post.expiresAt);
    // The task id is pinned in the signed policy, like the other declared values
    const policy = JSON.parse(Buffer.from(post.fields.Policy ?? '', 'base64').toString('utf8')) as {
      conditions: unknown[];
    };
    expect(policy.conditions).toContainEqual({ 'x-amz-meta-task-id': scenario.tasks[0]?.taskId });
    expect((await footprint(scenario)).failures).toBe(0);
  });

  it.each(['awaiting-plan', 'plan-submitted', 'revision-requested'] as const)(
    'refuses verification evidence for a task in %s (409), counted, nothing else written',
    async (status) => {
      const scenario = await scenarioWith([{ status }]);
      const before = await footprint(scenario);
      const refusal = await authorizeUpload(declaration(scenario, pdfBytes('early')), local.store).catch(
        (error: unknown) => error,
      );
      expect(refusal).toBeInstanceOf(UploadRefusedError);
      expect(refusal).toMatchObject({ reason: 'task-closed' });
      expect((refusal as Error).message).toContain(`is '${status}' and takes no verification evidence now`);
      const after = await footprint(scenario);
      expect({ ...after, failures: undefined }).toEqual({ ...before, failures: undefined });
      expect(after.failures).toBe(1);
    },
  );

  it('refuses verification evidence while the audit is closed', async () => {
    const scenario = await scenarioWith([{ status: 'plan-accepted' }], 'closed');
    await expect(authorizeUpload(declaration(scenario, pdfBytes('late')), local.store)).rejects.toMatchObject(
      {
        reason: 'task-closed',
        message: expect.stringContaining("is 'closed'"),
      },
    );
  });

  it('refuses a task whose finding is about no requirement (nowhere to file it)', async () => {
    const scenario = await scenarioWith([{ status: 'plan-accepted', requirementId: null }]);
    await expect(authorizeUpload(declaration(scenario, pdfBytes('x')), local.store)).rejects.toMatchObject({
      reason: 'task-closed',
      message: expect.stringContaining('no evidence request to file its evidence under'),
    });
  });

  it('refuses a task of another audit as unknown, and another audit’s id as out of scope', async () => {
    const mine = await scenarioWith([{ status: 'plan-accepted' }]);
    const theirs = await scenarioWith([{ status: 'plan-accepted' }]);
    await expect(
      authorizeUpload(declaration(mine, pdfBytes('x'), { taskId: theirs.tasks[0]?.taskId }), local.store),
    ).rejects.toMatchObject({ reason: 'task-not-found' });
    await expect(
      authorizeUpload(
        declaration(mine, pdfBytes('x'), { auditId: theirs.audit.auditId, taskId: theirs.tasks[0]?.taskId }),
        local.store,
      ),
    ).rejects.toMatchObject({ reason: 'out-of-scope' });
    expect((await footprint(mine)).failures).toBe(2);
    expect((await footprint(theirs)).failures).toBe(0);
  });

  it.each([
    [
      'both a request and a task',
      { requestId: 'req_x' },
      /^taskId: give either requestId or taskId, not both/,
    ],
    ['neither a request nor a task', { taskId: undefined }, /^requestId: is required: give requestId/],
  ])(
    'answers a declaration naming %s with a validation error, counting nothing',
    async (_name, overrides, issue) => {
      const scenario = await scenarioWith([{ status: 'plan-accepted' }]);
      const before = await footprint(scenario);
      const error = await authorizeUpload(declaration(scenario, pdfBytes('x'), overrides), local.store).catch(
        (caught: unknown) => caught,
      );
      expect(error).toMatchObject({ name: 'DomainValidationError' });
      expect((error as { issues: string[] }).issues.some((line) => issue.test(line))).toBe(true);
      expect(await footprint(scenario)).toEqual(before);
    },
  );

  it('ingests verification evidence: recorded with the task id, receipted, the request and the phase left alone', async () => {
    // Prepare: the same bytes as the request's accepted file stay a separate piece of evidence
    const scenario = await scenarioWith([{ status: 'plan-accepted', title: 'Shared logins' }]);
    const [request] = scenario.requests;
    const task = scenario.tasks[0];
    const bytes = pdfBytes(`named accounts ${randomUUID()}`);
    const post = await authorizeUpload(declaration(scenario, bytes), local.store);
    expect((await postUploadForm(post, bytes)).status).toBe(204);
    const before = await footprint(scenario);
    // Act
    const object = { bucket: local.store.bucket, key: post.key, versionId: VERSION };
    const result = await ingestUploadedObject(object, local.store);
    // Assess
    const expectedId = verificationEvidenceId(task?.taskId ?? '', sha256(bytes));
    expect(result).toEqual({
      outcome: 'recorded',
      evidenceId: expectedId,
      created: true,
      requestStatus: 'accepted',
      current: false,
      evidencePhaseComplete: false,
      taskId: task?.taskId,
    });
    const after = await footprint(scenario);
    expect(after.bundle?.evidence).toEqual([
      expect.objectContaining({
        evidenceId: expectedId,
        taskId: task?.taskId,
        requestId: request?.requestId,
        requirementId: 'review-signoff',
        sha256: sha256(bytes),
        objectKey: post.key,
        uploadedBy: { type: 'agency-contact', id: scenario.linkRef },
      }),
    ]);
    // The request, the task and the audit are as they were
    expect(after.bundle?.requests).toEqual(before.bundle?.requests);
    expect(after.bundle?.tasks).toEqual(before.bundle?.tasks);
    expect(after.bundle?.audit).toEqual(before.bundle?.audit);
    expect(workflows.sendTaskSuccess).not.toHaveBeenCalled();
    const newEvents = after.trail.slice(before.trail.length);
    expect(newEvents[0]).toMatchObject({
      type: 'evidence.received',
      payload: { taskId: task?.taskId, requestId: request?.requestId },
    });
    expect(newEvents.map((event) => event.type)).not.toContain('evidence-request.submitted');
    // The usual receipt, to the role whose link uploaded it, naming the finding
    const receipts = (after.bundle?.notices ?? []).filter((notice) => notice.kind === 'evidence-receipt');
    expect(receipts).toHaveLength(1);
    const sent = vi.mocked(mailer().send).mock.calls.map(([email]) => JSON.stringify(email));
    expect(sent).toHaveLength(1);
    expect(sent[0]).toContain('Evidence of the corrective action for the finding “Shared logins”');
    expect(sent[0]).toContain(sha256(bytes));
    // A redelivered event changes nothing
    expect(await ingestUploadedObject(object, local.store)).toMatchObject({
      outcome: 'recorded',
      created: false,
    });
    expect((await footprint(scenario)).trail).toHaveLength(after.trail.length);
    expect((await local.table.repository.trail.verify(scenario.audit.auditId)).valid).toBe(true);
    // The page's status route shows it under the task, and not as the request's file
    const status = await uploadStatus(scenario.token);
    expect(status.tasks[0]?.verificationEvidence).toEqual([
      expect.objectContaining({ evidenceId: expectedId }),
    ]);
    expect(status.requests[0]?.currentEvidence).toBeUndefined();
  });

  it('rejects a verification upload whose bytes differ, under the task, not the request', async () => {
    const scenario = await scenarioWith([{ status: 'plan-accepted' }]);
    const declared = pdfBytes(`declared ${randomUUID()}`);
    const uploaded = Buffer.from(declared);
    uploaded[10] = (uploaded[10] as number) ^ 0xff;
    const post = await authorizeUpload(declaration(scenario, declared), local.store);
    expect((await postUploadForm(post, uploaded)).status).toBe(204);
    const result = await ingestUploadedObject(
      { bucket: local.store.bucket, key: post.key, versionId: VERSION },
      local.store,
    );
    expect(result.outcome).toBe('rejected');
    const after = await footprint(scenario);
    expect(after.bundle?.evidence).toEqual([]);
    expect(after.bundle?.rejections).toEqual([
      expect.objectContaining({ taskId: scenario.tasks[0]?.taskId }),
    ]);
    const status = await uploadStatus(scenario.token);
    expect(status.tasks[0]?.lastRejection?.reasons.join()).toMatch(/does not match the declared/);
    expect(status.requests[0]?.lastRejection).toBeUndefined();
  });

  it('keeps the late-upload check: a verification form replayed after it expired is rejected', async () => {
    const scenario = await scenarioWith([{ status: 'plan-accepted' }]);
    const bytes = pdfBytes(`replayed ${randomUUID()}`);
    const oldForm = new S3EvidenceStore(local.s3, local.store.bucket, {
      realNow: () => Date.now() - 2 * 3600_000,
    });
    const post = await authorizeUpload(declaration(scenario, bytes), oldForm);
    expect((await postUploadForm(post, bytes)).status).toBe(204);
    const result = await ingestUploadedObject(
      { bucket: local.store.bucket, key: post.key, versionId: VERSION },
      local.store,
    );
    expect(result.outcome === 'rejected' && result.reasons.join()).toMatch(
      /after its upload authorization expired/,
    );
    expect((await footprint(scenario)).bundle?.evidence).toEqual([]);
  });

  it.each([
    [
      'names no task',
      (scenario: RemediationScenario) => `rem_${scenario.ori}_account-review_2027_009_01`,
      /names no remediation task/,
    ],
    ['is malformed', () => 'rem bad/id', /task id metadata is malformed/],
    [
      'names a task of another audit',
      (_scenario: RemediationScenario, other: RemediationScenario) => other.tasks[0]?.taskId ?? '',
      /names no remediation task/,
    ],
    [
      'names a task filed under another request',
      (scenario: RemediationScenario) => scenario.tasks[1]?.taskId ?? '',
      /files its evidence under another request/,
    ],
  ])('refuses as foreign an object whose task id %s, recording nothing', async (_name, taskIdOf, message) => {
    const scenario = await auditWithRemediationTasks(local.table.repository, {
      now: NOW,
      auditStatus: 'remediation',
      tasks: [{ status: 'plan-accepted' }, { status: 'plan-accepted', requirementId: 'user-roster' }],
      requests: [{}, { requirementId: 'user-roster' }],
    });
    const other = await scenarioWith([{ status: 'plan-accepted' }]);
    const [request] = scenario.requests;
    const bytes = pdfBytes(`forged ${randomUUID()}`);
    const key = evidenceObjectKey({
      ori: scenario.ori,
      auditId: scenario.audit.auditId,
      requestId: request?.requestId ?? '',
    });
    await local.s3.send(
      new PutObjectCommand({
        Bucket: local.store.bucket,
        Key: key,
        Body: bytes,
        ContentType: 'application/pdf',
        Metadata: {
          sha256: sha256(bytes),
          'declared-size': String(bytes.byteLength),
          'file-name': 'forged.pdf',
          'upload-link': scenario.linkRef,
          'authorized-until': new Date().toISOString(),
          'task-id': taskIdOf(scenario, other),
        },
      }),
    );
    const before = await footprint(scenario);
    await expect(
      ingestUploadedObject({ bucket: local.store.bucket, key, versionId: VERSION }, local.store),
    ).rejects.toMatchObject({
      name: 'ForeignEvidenceObjectError',
      message,
    });
    expect(await footprint(scenario)).toEqual(before);
  });
});
