import { createHash, randomBytes } from 'node:crypto';
import type { Repository } from '../../functions/adapters/dynamodb/repository.js';
import { bindRuntime } from '../../functions/adapters/runtime/runtime.js';
import type { RuntimeSettings } from '../../functions/adapters/runtime/settings.js';
import type { WorkflowClient } from '../../functions/adapters/runtime/workflow-client.js';
import type { EvidenceObjectStore } from '../../functions/adapters/s3/evidence-store.js';
import type { Audit } from '../../functions/domain/schemas/audit.js';
import type { EvidenceRequest } from '../../functions/domain/schemas/evidence.js';
import type { UploadAuthorization, UploadDeclaration } from '../../functions/services/evidence-intake.js';
import type { ObjectCreatedEvent } from '../../sandbox/evidence-events.js';
import { auditFixture, eventFixture, requestFixture } from '../../test/support/audit-fixtures.js';

/*
 * What the ingest benchmark seeds and sends: open audits waiting for evidence, their upload links, PDF-looking
 * files, the browser's multipart POST and the EventBridge event S3 would emit. Used by the benchmark process
 * and by the memory probe's child process alike.
 */

/** A fixed "now" inside the fixtures' collection window (they open 2027-01-30 and are due 2027-03-01). */
export const BENCH_NOW = new Date('2027-02-10T17:00:00.000Z');
const OPENED_AT = '2027-01-30T08:00:00.000Z';
const LINK_EXPIRES_AT = new Date('2027-03-10T00:00:00.000Z');

/** The deployed default upload limit (lib/config/deployment-config.ts): the largest file the benchmark ingests. */
export const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;

/** s3rver keeps no versions; an unversioned object's version id in S3 is the literal "null". */
export const UNVERSIONED = 'null';

export const PDF = 'application/pdf';

export interface OpenAudit {
  readonly audit: Audit;
  readonly requests: readonly EvidenceRequest[];
  /** The upload link's secret, covering every request of the audit. */
  readonly token: string;
}

/**
 * An open audit whose lifecycle workflow waits for its evidence (a task token on the audit), with one request
 * per requirement id and an upload link covering them all, as the audit's opening leaves it.
 */
export async function createOpenAudit(
  repository: Repository,
  ori: string,
  requirementIds: readonly string[],
): Promise<OpenAudit> {
  const { audits, uploadTokens } = repository;
  const fixture = auditFixture(ori, { status: 'open', openedAt: OPENED_AT });
  const { audit: created } = await audits.createAudit(fixture, eventFixture(fixture.auditId, 'audit.opened'));
  const audit = await audits.saveAuditBookkeeping(created, { waitingTaskToken: `bench-task-${ori}` });
  const requests: EvidenceRequest[] = [];
  for (const requirementId of requirementIds) {
    const { request } = await audits.createEvidenceRequest(
      requestFixture(audit, requirementId),
      eventFixture(audit.auditId, 'evidence-request.created', `req-${requirementId}`),
    );
    requests.push(request);
  }
  const { token } = await uploadTokens.issue(
    { agencyOri: ori, auditId: audit.auditId, requestIds: requests.map((request) => request.requestId) },
    LINK_EXPIRES_AT,
    new Date(OPENED_AT),
  );
  return { audit, requests, token };
}

/** `CA` + a 4-letter tag + a 3-digit number: a valid, readable ORI per benchmark audit. */
export function benchOri(tag: string, index: number): string {
  if (!/^[A-Z]{4}$/.test(tag) || !Number.isInteger(index) || index < 0 || index > 999) {
    throw new RangeError(`benchOri needs a 4-letter upper-case tag and 0..999, got ${tag}, ${index}`);
  }
  return `CA${tag}${String(index).padStart(3, '0')}`;
}

const PDF_HEAD = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1');
const PDF_TAIL = Buffer.from('\n%%EOF\n', 'latin1');

/**
 * `sizeBytes` bytes that look like a PDF to anyone sniffing (header, binary-marker comment, trailer) around
 * random bytes, so every file has its own sha256 and nothing compresses.
 */
export function pdfLikeBytes(sizeBytes: number): Buffer {
  const body = sizeBytes - PDF_HEAD.byteLength - PDF_TAIL.byteLength;
  if (!Number.isInteger(sizeBytes) || body < 0) {
    throw new RangeError(
      `a PDF-looking file needs at least ${PDF_HEAD.byteLength + PDF_TAIL.byteLength} bytes`,
    );
  }
  return Buffer.concat([PDF_HEAD, randomBytes(body), PDF_TAIL]);
}

export const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** What the upload page declares for one file: the link, the request, and the file's name, type, size, hash. */
export function declarationFor(
  open: OpenAudit,
  request: EvidenceRequest,
  bytes: Buffer,
  fileName: string,
): UploadDeclaration {
  return {
    token: open.token,
    auditId: open.audit.auditId,
    requestId: request.requestId,
    fileName,
    contentType: PDF,
    sizeBytes: bytes.byteLength,
    sha256: sha256Hex(bytes),
  };
}

/** What a browser does with the authorization: a multipart form, every field first, the file last. */
export async function postUpload(post: UploadAuthorization, bytes: Buffer, fileName: string): Promise<void> {
  const form = new FormData();
  for (const [name, value] of Object.entries(post.fields)) form.append(name, value);
  form.append(
    'file',
    new Blob([new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)], { type: PDF }),
    fileName,
  );
  const response = await fetch(post.url, { method: 'POST', body: form });
  // Drain the (empty) body so the connection goes back to the pool.
  await response.arrayBuffer();
  if (response.status !== 204) {
    throw new Error(`The presigned POST of ${fileName} answered ${response.status}, not 204`);
  }
}

/** The "Object Created" event the stack's EventBridge rule delivers for one new evidence object. */
export function objectCreatedEvent(bucket: string, key: string, versionId = UNVERSIONED): ObjectCreatedEvent {
  return {
    source: 'aws.s3',
    'detail-type': 'Object Created',
    detail: { bucket: { name: bucket }, object: { key, 'version-id': versionId } },
  };
}

/** Step Functions stand-in: completes nothing, counts the evidence phases the ingest reported complete. */
export function countingWorkflows(): WorkflowClient & { readonly resumed: () => number } {
  let resumed = 0;
  return {
    startAuditLifecycle: async () => ({ started: false }),
    continueAuditLifecycle: async () => ({ started: false }),
    startScheduleRun: async () => ({ executionName: 'bench-unused' }),
    sendTaskSuccess: async () => {
      resumed += 1;
    },
    sendTaskFailure: async () => undefined,
    resumed: () => resumed,
  };
}

export const benchSettings: RuntimeSettings = {
  stage: 'bench',
  timeZone: 'America/Los_Angeles',
  adminEmails: ['cjis-admin@example.gov'],
  uploadLinkLifetimeDays: 30,
  maxUploadBytes: MAX_UPLOAD_BYTES,
  publicBaseUrl: 'https://audits.example.gov',
  severityPolicy: { critical: 15, high: 30, medium: 60, low: 90 },
};

/**
 * Binds what the intake services use: the engines' table and bucket (when given), the fixed clock, the
 * counting workflow client and a mailer that sends nothing (it counts, should intake ever mail).
 */
export function bindBenchRuntime(parts: {
  /** Left out, the function's own default is used: its client, from the environment. */
  readonly repository?: Repository;
  readonly evidenceStore?: EvidenceObjectStore;
  readonly workflows: WorkflowClient;
}): { readonly mailsSent: () => number } {
  let mailsSent = 0;
  bindRuntime({
    workflows: parts.workflows,
    ...(parts.repository ? { repository: parts.repository } : {}),
    ...(parts.evidenceStore ? { evidenceStore: parts.evidenceStore } : {}),
    clock: { now: () => BENCH_NOW },
    settings: benchSettings,
    mailer: {
      send: async () => {
        mailsSent += 1;
        return { messageId: `bench-${mailsSent}` };
      },
    },
  });
  return { mailsSent: () => mailsSent };
}
