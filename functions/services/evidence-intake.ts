import * as z from 'zod';
import { VersionConflictError } from '../adapters/dynamodb/persistence-errors.js';
import { clock, repository, settings } from '../adapters/runtime/bindings.js';
import { evidenceObjectKey, parseEvidenceObjectKey } from '../adapters/s3/evidence-keys.js';
import {
  decodeFileNameMetadata,
  EVIDENCE_METADATA,
  type EvidenceObjectStore,
  encodeFileNameMetadata,
  type UploadPost,
} from '../adapters/s3/evidence-store.js';
import { evidenceStore } from '../adapters/s3/evidence-store-binding.js';
import {
  auditTakesRemediationWork,
  REMEDIATION_WORK_AUDIT_STATUSES,
  taskTakesVerificationEvidence,
  verificationRequestId,
} from '../domain/access/remediation-work-policy.js';
import { scopeCovers } from '../domain/access/upload-token-policy.js';
import { localDateAt } from '../domain/calendar/time-zones.js';
import { isAcceptedContentType } from '../domain/catalog/content-types.js';
import { evidenceId as buildEvidenceId, verificationEvidenceId } from '../domain/ids.js';
import {
  auditIsCollecting,
  auditTakesUploads,
  evidencePhaseComplete,
  requestTakesUploads,
} from '../domain/lifecycle/evidence-phase.js';
import { transitionEvidenceRequest } from '../domain/lifecycle/evidence-request.js';
import { unwrapTransition } from '../domain/lifecycle/state-machine.js';
import type { Actor } from '../domain/schemas/common.js';
import { ContentTypeSchema, EntityIdSchema, Sha256Schema } from '../domain/schemas/common.js';
import {
  type Evidence,
  type EvidenceRequest,
  EvidenceSchema,
  MAX_EVIDENCE_BYTES,
} from '../domain/schemas/evidence.js';
import type { Finding, RemediationTask } from '../domain/schemas/finding.js';
import { parseOrThrow } from '../domain/schemas/format-issues.js';
import { completeEvidencePhase } from './audit-lifecycle.js';
import { auditFactsData, contactEmailsData, fileSizeText, localTimeText, oneLine } from './notice-data.js';
import { recordAndSendNotice } from './notices.js';
import { AuditCancelledError } from './service-errors.js';
import {
  type OpenedUploadLink,
  openUploadLink,
  UploadLinkTokenSchema,
  uploadLinkActor,
} from './upload-link-access.js';
import { roleRecipients, stepDigest } from './upload-links.js';

/*
 * Evidence intake, in two steps:
 *   1. authorizeUpload: an agency contact presents its upload link's token and declares one file; if the
 *      link, the request and the declaration allow it, it gets a presigned POST for exactly that file.
 *   2. ingestUploadedObject: S3 reports the new object; the bytes are hashed and compared with the
 *      declaration, and a match becomes evidence and moves the request on.
 */

// Errors

// The link's denial and refusals are the door's (upload-link-access.ts); re-exported for intake's callers.
export {
  UploadLinkDeniedError,
  type UploadRefusal,
  UploadRefusedError,
} from './upload-link-access.js';

/** The object is not one this system handed out (another bucket, a key of another shape, no such request). */
export class ForeignEvidenceObjectError extends Error {
  override readonly name = 'ForeignEvidenceObjectError';
  constructor(
    readonly bucket: string,
    readonly key: string,
    detail: string,
  ) {
    super(`s3://${bucket}/${key} is not an evidence upload: ${detail}`);
  }
}

// Step 1: authorize

/** File names are shown to reviewers and used as download names: no paths, no control characters. */
export const SafeFileNameSchema = z
  .string({ error: 'file name is required' })
  .trim()
  .min(1, 'file name is required')
  .max(255, 'must be at most 255 characters')
  .refine((name) => !/[/\\]/.test(name), { error: 'must be a file name, not a path (no / or \\)' })
  .refine((name) => !/[\p{Cc}\p{Cf}]/u.test(name), { error: 'must not contain control characters' })
  .refine((name) => name !== '.' && name !== '..', { error: "must not be '.' or '..'" })
  .refine((name) => encodeFileNameMetadata(name).length <= 1024, {
    error: 'is too long once encoded for storage: use a shorter name',
  });

export const UploadDeclarationSchema = z
  .object({
    token: UploadLinkTokenSchema,
    auditId: EntityIdSchema,
    /** The requested item the file is for; or else: */
    requestId: EntityIdSchema.optional(),
    /** The remediation task whose fix the file shows (verification evidence). */
    taskId: EntityIdSchema.optional(),
    fileName: SafeFileNameSchema,
    contentType: ContentTypeSchema,
    sizeBytes: z
      .number({ error: 'must be a number of bytes' })
      .int('must be a whole number of bytes')
      .min(1, 'must be at least 1 byte: empty files are not evidence')
      .max(MAX_EVIDENCE_BYTES, 'must be at most 5 GiB'),
    sha256: Sha256Schema,
  })
  .superRefine((declaration, ctx) => {
    // Exactly one target: a requested item, or a remediation task's verification evidence.
    if (declaration.requestId === undefined && declaration.taskId === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['requestId'],
        message:
          'is required: give requestId for a requested item, or taskId for evidence of a corrective action',
      });
    }
    if (declaration.requestId !== undefined && declaration.taskId !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['taskId'],
        message: 'give either requestId or taskId, not both: a file goes to one item',
      });
    }
  });
export type UploadDeclaration = z.input<typeof UploadDeclarationSchema>;

export interface UploadAuthorization extends UploadPost {
  /** The request the file is stored under (for a task: its finding's request). */
  readonly requestId: string;
  /** Set for verification evidence: the task the file is for. */
  readonly taskId?: string;
  readonly maxBytes: number;
}

/**
 * Checks a declared upload and returns a presigned POST for exactly that file. Input errors raise
 * DomainValidationError (nothing read or written); a token that cannot be used raises UploadLinkDeniedError;
 * any other refusal counts a failed use of the link and raises UploadRefusedError. Nothing else is written.
 *
 * A declaration names a requested item (requestId) or a remediation task (taskId). Verification evidence for
 * a task whose plan was accepted is stored under the task's finding's request, whatever that request's state,
 * with the task id pinned in the POST policy; ingest records it against the task and leaves the request alone.
 */
export async function authorizeUpload(
  input: UploadDeclaration,
  store: EvidenceObjectStore = evidenceStore(),
): Promise<UploadAuthorization> {
  const declaration = parseOrThrow(UploadDeclarationSchema, input, 'upload declaration');
  const link = await openUploadLink(declaration.token);
  // The schema lets exactly one of taskId and requestId through.
  const target =
    declaration.taskId !== undefined
      ? await taskUploadTarget(declaration.auditId, declaration.taskId, link)
      : await requestUploadTarget(declaration.auditId, declaration.requestId ?? '', link);
  const { request } = target;
  const maxBytes = Math.min(settings().maxUploadBytes, MAX_EVIDENCE_BYTES);
  if (declaration.sizeBytes > maxBytes) {
    return link.refuse(
      'too-large',
      `sizeBytes: ${declaration.sizeBytes} bytes is over the ${maxBytes}-byte limit for uploads.`,
    );
  }
  if (!isAcceptedContentType(request.acceptedContentTypes, declaration.contentType)) {
    return link.refuse(
      'content-type-not-accepted',
      `contentType: '${declaration.contentType}' is not accepted for this ${target.taskId ? 'task' : 'request'}; accepted: ${request.acceptedContentTypes.join(', ')}.`,
    );
  }

  const key = evidenceObjectKey({ ori: request.ori, auditId: request.auditId, requestId: request.requestId });
  const post = await store.createUploadPost({
    key,
    contentType: declaration.contentType,
    sizeBytes: declaration.sizeBytes,
    sha256: declaration.sha256,
    fileName: declaration.fileName,
    uploadLink: link.linkRef,
    ...(target.taskId ? { taskId: target.taskId } : {}),
  });
  return {
    ...post,
    requestId: request.requestId,
    ...(target.taskId ? { taskId: target.taskId } : {}),
    maxBytes,
  };
}

interface UploadTarget {
  readonly request: EvidenceRequest;
  readonly taskId?: string;
}

/** A requested item of the link's audit that takes an upload now. */
async function requestUploadTarget(
  auditId: string,
  requestId: string,
  link: OpenedUploadLink,
): Promise<UploadTarget> {
  const { audits } = repository();
  // The same answer whether or not the request exists elsewhere: a link reveals nothing outside its scope.
  if (!scopeCovers(link.record.scope, { auditId, requestId })) {
    return link.refuse('out-of-scope', 'This upload link does not cover that audit or request.');
  }
  const request = await audits.getEvidenceRequest(auditId, requestId);
  if (!request || request.ori !== link.record.scope.agencyOri) {
    return link.refuse('request-not-found', `Evidence request ${requestId} does not exist.`);
  }
  const audit = await audits.getAudit(request.auditId);
  if (!audit || !auditTakesUploads(audit.status)) {
    return link.refuse('request-closed', `Audit ${request.auditId} is no longer collecting evidence.`);
  }
  if (!requestTakesUploads(request.status)) {
    return link.refuse(
      'request-closed',
      `Evidence request ${request.requestId} is '${request.status}' and takes no upload now; uploads are open while it is 'requested' or 'flagged'.`,
    );
  }
  return { request };
}

/** A remediation task of the link's audit whose plan was accepted, with the request its evidence goes under. */
async function taskUploadTarget(
  auditId: string,
  taskId: string,
  link: OpenedUploadLink,
): Promise<UploadTarget> {
  const { audits } = repository();
  const { scope } = link.record;
  if (!scopeCovers(scope, { auditId })) {
    return link.refuse('out-of-scope', 'This upload link does not cover that audit or task.');
  }
  const task = await audits.getRemediationTask(auditId, taskId);
  if (!task || task.ori !== scope.agencyOri) {
    return link.refuse('task-not-found', `Remediation task ${taskId} does not exist.`);
  }
  const audit = await audits.getAudit(task.auditId);
  if (!audit || !auditTakesRemediationWork(audit.status)) {
    return link.refuse(
      'task-closed',
      `Audit ${task.auditId} is '${audit?.status ?? 'gone'}': evidence of a corrective action is taken while the audit is ${REMEDIATION_WORK_AUDIT_STATUSES.map((status) => `'${status}'`).join(' or ')}.`,
    );
  }
  if (!taskTakesVerificationEvidence(task.status)) {
    return link.refuse(
      'task-closed',
      `Remediation task ${taskId} is '${task.status}' and takes no verification evidence now; it does once its corrective action plan is accepted ('plan-accepted').`,
    );
  }
  const filing = await verificationFiling(task);
  if (!filing) {
    return link.refuse(
      'task-closed',
      `Remediation task ${taskId} is about a finding with no evidence request to file its evidence under; send the evidence to the audit administrators instead.`,
    );
  }
  return { request: filing.request, taskId: task.taskId };
}

/**
 * The finding a task's verification evidence answers and the request it is filed under (see
 * verificationRequestId). Undefined when the finding is about no requirement, or the audit has no request for it.
 */
async function verificationFiling(
  task: Pick<RemediationTask, 'auditId' | 'findingId' | 'ori'>,
): Promise<{ finding: Finding; request: EvidenceRequest } | undefined> {
  const { audits } = repository();
  const finding = await audits.getFinding(task.auditId, task.findingId);
  if (!finding || finding.ori !== task.ori) return undefined;
  const requestId = verificationRequestId(task.auditId, finding);
  if (!requestId) return undefined;
  const request = await audits.getEvidenceRequest(task.auditId, requestId);
  return request && request.ori === task.ori ? { finding, request } : undefined;
}

// Step 2: ingest

export const UploadedObjectSchema = z.object({
  bucket: z.string({ error: 'bucket is required' }).min(1, 'bucket is required'),
  key: z.string({ error: 'key is required' }).min(1, 'key is required').max(1024),
  versionId: z.string({ error: 'versionId is required' }).min(1, 'versionId is required'),
});
export type UploadedObject = z.input<typeof UploadedObjectSchema>;

export type IngestResult =
  | {
      readonly outcome: 'recorded';
      readonly evidenceId: string;
      /** False when this object version (or the same bytes) was recorded before. */
      readonly created: boolean;
      readonly requestStatus: EvidenceRequest['status'];
      /** Whether this upload became the request's current evidence (false: it arrived while another was). */
      readonly current: boolean;
      readonly evidencePhaseComplete: boolean;
      /** Set for verification evidence: the task it shows the fix of (the request was left as it was). */
      readonly taskId?: string;
    }
  | { readonly outcome: 'rejected'; readonly reasons: readonly string[] };

const intakeActor: Actor = { type: 'system', id: 'evidence-intake' };

/**
 * Turns an uploaded object into evidence, or records why it was rejected. Idempotent on the object version:
 * a redelivered event finds the evidence (or the rejection) already recorded and changes nothing.
 *
 * An object whose metadata names a remediation task is verification evidence: checked the same way, recorded
 * with the task's id, receipted, and nothing about its request (status, current evidence, submissions) or the
 * evidence phase changes. A task id that names no task of the audit about this request makes it foreign.
 */
export async function ingestUploadedObject(
  input: UploadedObject,
  store: EvidenceObjectStore = evidenceStore(),
): Promise<IngestResult> {
  const object = parseOrThrow(UploadedObjectSchema, input, 'uploaded object');
  if (object.bucket !== store.bucket) {
    throw new ForeignEvidenceObjectError(object.bucket, object.key, `the evidence bucket is ${store.bucket}`);
  }
  const parts = parseEvidenceObjectKey(object.key);
  if (!parts) {
    throw new ForeignEvidenceObjectError(
      object.bucket,
      object.key,
      'evidence keys look like evidence/<ORI>/<auditId>/<requestId>/<uuid>',
    );
  }
  const { audits } = repository();
  const request = await audits.getEvidenceRequest(parts.auditId, parts.requestId);
  if (!request || request.ori !== parts.ori) {
    throw new ForeignEvidenceObjectError(object.bucket, object.key, 'it names no existing evidence request');
  }

  const head = await store.headObject(object.key, object.versionId);
  const declared = {
    sha256: head.metadata[EVIDENCE_METADATA.sha256],
    sizeBytes: head.metadata[EVIDENCE_METADATA.declaredSize],
    fileName: decodeFileNameMetadata(head.metadata[EVIDENCE_METADATA.fileName] ?? ''),
    uploadLink: head.metadata[EVIDENCE_METADATA.uploadLink],
  };
  const verification = await verificationOf(request, head.metadata[EVIDENCE_METADATA.taskId], object);
  const reasons: string[] = [];
  const declaredSha256 = Sha256Schema.safeParse(declared.sha256).success ? declared.sha256 : undefined;
  if (!declaredSha256) reasons.push('the declared sha256 is missing or malformed');
  const declaredSize = Number(declared.sizeBytes);
  if (!declared.sizeBytes || !Number.isSafeInteger(declaredSize) || declaredSize < 1)
    reasons.push('the declared size is missing or malformed');
  if (!declared.fileName || !SafeFileNameSchema.safeParse(declared.fileName).success)
    reasons.push('the declared file name is missing or unsafe');
  if (head.contentLength !== undefined && head.contentLength !== declaredSize)
    reasons.push(
      `the object has ${head.contentLength} bytes but ${declared.sizeBytes ?? 'none'} were declared`,
    );
  const contentType = (head.contentType ?? '').trim().toLowerCase();
  if (!isAcceptedContentType(request.acceptedContentTypes, contentType))
    reasons.push(
      `content type '${contentType || 'none'}' is not accepted for this request (${request.acceptedContentTypes.join(', ')})`,
    );
  const maxBytes = Math.min(settings().maxUploadBytes, MAX_EVIDENCE_BYTES);
  if ((head.contentLength ?? 0) > maxBytes) reasons.push(`the object is over the ${maxBytes}-byte limit`);
  const replay = lateUpload(
    head.metadata[EVIDENCE_METADATA.authorizedUntil],
    head.lastModified,
    declaredSize,
  );
  if (replay) reasons.push(replay);

  let actual: { sha256: string; sizeBytes: number } | undefined;
  if (reasons.length === 0) {
    actual = await store.sha256Of(object.key, object.versionId);
    if (actual.sizeBytes !== declaredSize)
      reasons.push(`the object has ${actual.sizeBytes} bytes but ${declaredSize} were declared`);
    if (actual.sha256 !== declaredSha256)
      reasons.push(`the file's sha256 ${actual.sha256} does not match the declared ${declared.sha256}`);
  }
  if (reasons.length > 0 || !actual) {
    await recordRejection(request, object, reasons, {
      declared: declaredSha256,
      actual: actual?.sha256,
      fileName: declared.fileName,
      linkRef: declared.uploadLink,
      taskId: verification?.task.taskId,
    });
    return { outcome: 'rejected', reasons };
  }

  const now = clock().now();
  const audit = await audits.getAudit(request.auditId);
  const evidence: Evidence = parseOrThrow(
    EvidenceSchema,
    {
      evidenceId: verification
        ? verificationEvidenceId(verification.task.taskId, actual.sha256)
        : buildEvidenceId(request.requestId, actual.sha256),
      requestId: request.requestId,
      ...(verification ? { taskId: verification.task.taskId } : {}),
      auditId: request.auditId,
      ori: request.ori,
      requirementId: request.requirementId,
      fileName: declared.fileName,
      contentType,
      sizeBytes: actual.sizeBytes,
      sha256: actual.sha256,
      objectKey: object.key,
      objectVersion: object.versionId,
      receivedAt: now.toISOString(),
      effectiveDate: localDateAt(now, audit?.timeZone ?? settings().timeZone),
      uploadedBy: uploadLinkActor(declared.uploadLink || 'upload-link'),
    },
    'evidence',
  );
  const { created } = await audits.recordEvidence(evidence, {
    type: 'evidence.received',
    at: evidence.receivedAt,
    actor: intakeActor,
    subject: { type: 'evidence', id: evidence.evidenceId },
    streamId: evidence.auditId,
    payload: {
      requestId: evidence.requestId,
      objectKey: evidence.objectKey,
      objectVersion: evidence.objectVersion,
      sha256: evidence.sha256,
      sizeBytes: evidence.sizeBytes,
      contentType: evidence.contentType,
      uploadedBy: evidence.uploadedBy.id,
      ...(evidence.taskId ? { taskId: evidence.taskId } : {}),
    },
  });

  if (verification) {
    await sendReceipt(request, evidence, verificationDescription(request, verification.finding));
    return {
      outcome: 'recorded',
      evidenceId: evidence.evidenceId,
      created,
      requestStatus: request.status,
      current: false,
      evidencePhaseComplete: false,
      taskId: verification.task.taskId,
    };
  }
  const settled = await moveRequestOn(request, evidence.evidenceId, now);
  await sendReceipt(request, evidence);
  const evidencePhaseComplete = await completeIfAllIn(request.auditId);
  return {
    outcome: 'recorded',
    evidenceId: evidence.evidenceId,
    created,
    requestStatus: settled.request.status,
    current: settled.current,
    evidencePhaseComplete,
  };
}

/**
 * The task an object's task-id metadata names, with its finding; undefined when it names none (an upload for
 * the request itself). A task id that is malformed, names no task of the object's audit, or a task whose
 * finding is about another requirement is not one this system handed out for this key: the object is foreign.
 */
async function verificationOf(
  request: EvidenceRequest,
  taskId: string | undefined,
  object: z.output<typeof UploadedObjectSchema>,
): Promise<{ task: RemediationTask; finding: Finding } | undefined> {
  if (taskId === undefined) return undefined;
  const foreign = (detail: string) => new ForeignEvidenceObjectError(object.bucket, object.key, detail);
  if (!EntityIdSchema.safeParse(taskId).success) throw foreign('its task id metadata is malformed');
  const task = await repository().audits.getRemediationTask(request.auditId, taskId);
  if (!task || task.ori !== request.ori) {
    throw foreign(`its task id names no remediation task of audit ${request.auditId}`);
  }
  const filing = await verificationFiling(task);
  if (filing?.request.requestId !== request.requestId) {
    throw foreign(`remediation task ${taskId} files its evidence under another request`);
  }
  return { task, finding: filing.finding };
}

/** The receipt's "Item" for verification evidence: the finding it answers, then the request it is filed under. */
const verificationDescription = (request: EvidenceRequest, finding: Finding) =>
  `Evidence of the corrective action for the finding “${finding.title}” (filed under: ${request.description})`;

/** The slowest transfer an honest upload is allowed: it may finish this long after its POST expired. */
const SLOWEST_UPLOAD_BYTES_PER_SECOND = 64 * 1024;
const CLOCK_SKEW_MS = 5 * 60 * 1000;

/**
 * S3 refuses a POST whose policy has expired; this catches one stored long after (a replayed form on a store
 * that did not check, or a policy mistake), allowing for a slow transfer of the declared size that started in
 * time. Undefined when the object was stored in time.
 */
function lateUpload(authorizedUntil: string | undefined, storedAt: Date | undefined, sizeBytes: number) {
  const until = authorizedUntil ? Date.parse(authorizedUntil) : Number.NaN;
  if (Number.isNaN(until)) return 'the upload authorization expiry is missing or malformed';
  if (!storedAt) return undefined;
  const transferMs = Number.isSafeInteger(sizeBytes)
    ? (sizeBytes / SLOWEST_UPLOAD_BYTES_PER_SECOND) * 1000
    : 0;
  if (storedAt.getTime() <= until + transferMs + CLOCK_SKEW_MS) return undefined;
  return `the file was stored at ${storedAt.toISOString()}, after its upload authorization expired at ${new Date(until).toISOString()}`;
}

/** requested → submitted, flagged → resubmitted; a retry finds the move done. Re-reads on a concurrent change. */
async function moveRequestOn(
  first: EvidenceRequest,
  evidenceId: string,
  now: Date,
): Promise<{ request: EvidenceRequest; current: boolean }> {
  const { audits } = repository();
  let request = first;
  for (let attempt = 0; attempt < 3; attempt++) {
    const action =
      request.status === 'requested' ? 'submit' : request.status === 'flagged' ? 'resubmit' : undefined;
    if (!action) return { request, current: request.currentEvidenceId === evidenceId };
    const { entity, event } = unwrapTransition(
      transitionEvidenceRequest(request, { action, evidenceId }, { at: now, actor: intakeActor }),
    );
    try {
      return { request: await audits.saveEvidenceRequest(request, entity, event), current: true };
    } catch (error) {
      if (!(error instanceof VersionConflictError)) throw error;
      const reread = await audits.getEvidenceRequest(request.auditId, request.requestId);
      if (!reread) throw error;
      request = reread;
    }
  }
  throw new VersionConflictError('EvidenceRequest', first.requestId, first.version);
}

async function completeIfAllIn(auditId: string): Promise<boolean> {
  const bundle = await repository().audits.getAuditBundle(auditId);
  if (!bundle || !auditIsCollecting(bundle.audit.status)) return false;
  if (!evidencePhaseComplete(bundle.requests)) return false;
  try {
    await completeEvidencePhase(auditId);
    return true;
  } catch (error) {
    if (error instanceof AuditCancelledError) return false;
    throw error;
  }
}

/** The contacts of the role whose link uploaded the object; none when the link is not known. */
async function uploaderRecipients(auditId: string, linkRef: string | undefined) {
  if (!linkRef) return { recipients: [], agency: undefined };
  const { audits, agencies } = repository();
  const link = await audits.getUploadLink(auditId, linkRef);
  if (!link) return { recipients: [], agency: undefined };
  const agency = await agencies.getAgency(link.ori);
  return { recipients: roleRecipients(agency, link.role), agency };
}

/** Emails the receipt, with the file's fingerprint, to the role whose link uploaded it. Once per evidence. */
async function sendReceipt(
  request: EvidenceRequest,
  evidence: Evidence,
  itemDescription: string = request.description,
): Promise<void> {
  const audit = await repository().audits.getAudit(request.auditId);
  if (!audit) return;
  const { recipients, agency } = await uploaderRecipients(request.auditId, evidence.uploadedBy.id);
  if (recipients.length === 0) return;
  await recordAndSendNotice({
    audit,
    kind: 'evidence-receipt',
    stepKey: `receipt-${stepDigest(evidence.evidenceId)}`,
    recipients,
    template: 'evidence-receipt',
    data: {
      ...auditFactsData(audit, agency),
      ...contactEmailsData(),
      requestDescription: itemDescription,
      fileName: oneLine(evidence.fileName),
      size: fileSizeText(evidence.sizeBytes),
      sha256: evidence.sha256,
      receivedAt: localTimeText(evidence.receivedAt, audit.timeZone),
    },
    scheduledFor: evidence.receivedAt,
  });
}

/**
 * A rejected upload is recorded under the request (shown on the upload page) with a trail event on the
 * audit's chain; the object itself stays in the locked bucket. The uploader's role is told why. Idempotent
 * on bucket/key/version: a redelivered event finds the record and the notice.
 */
async function recordRejection(
  request: EvidenceRequest,
  object: z.output<typeof UploadedObjectSchema>,
  reasons: readonly string[],
  declared: {
    declared: string | undefined;
    actual: string | undefined;
    fileName: string | undefined;
    linkRef: string | undefined;
    /** Set when the refused file was verification evidence for this task. */
    taskId?: string | undefined;
  },
): Promise<void> {
  const at = clock().now().toISOString();
  const rejectionId = stepDigest(`s3://${object.bucket}/${object.key}#${object.versionId}`);
  const linkRef =
    declared.linkRef && EntityIdSchema.safeParse(declared.linkRef).success ? declared.linkRef : undefined;
  const { audits } = repository();
  await audits.recordUploadRejection(
    {
      rejectionId,
      auditId: request.auditId,
      requestId: request.requestId,
      ...(declared.taskId ? { taskId: declared.taskId } : {}),
      ori: request.ori,
      objectKey: object.key,
      objectVersion: object.versionId,
      ...(declared.fileName ? { fileName: declared.fileName.slice(0, 255) } : {}),
      ...(linkRef ? { linkRef } : {}),
      reasons: [...reasons],
      ...(declared.declared ? { declaredSha256: declared.declared } : {}),
      ...(declared.actual ? { actualSha256: declared.actual } : {}),
      at,
    },
    {
      type: 'evidence.rejected',
      at,
      actor: intakeActor,
      subject: { type: 'evidence-request', id: request.requestId },
      streamId: request.auditId,
      payload: {
        objectKey: object.key,
        objectVersion: object.versionId,
        ...(declared.taskId ? { taskId: declared.taskId } : {}),
        reasons: [...reasons],
        ...(declared.declared ? { declaredSha256: declared.declared } : {}),
        ...(declared.actual ? { actualSha256: declared.actual } : {}),
      },
    },
  );
  const audit = await audits.getAudit(request.auditId);
  const { recipients, agency } = await uploaderRecipients(request.auditId, linkRef);
  if (!audit || recipients.length === 0) return;
  await recordAndSendNotice({
    audit,
    kind: 'upload-rejected',
    stepKey: `rejected-${rejectionId}`,
    recipients,
    template: 'upload-rejected',
    data: {
      ...auditFactsData(audit, agency),
      ...contactEmailsData(),
      requestDescription: request.description,
      fileName: oneLine(declared.fileName ?? '', 255),
      reasons: [...reasons],
    },
    scheduledFor: at,
  });
}
