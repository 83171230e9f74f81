import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { REPORT_KEY_PREFIX } from './evidence-keys.js';

/** A presigned POST is usable for at most this long (the brief caps it at 15 minutes). */
export const UPLOAD_POST_LIFETIME_SECONDS = 15 * 60;

/** A reviewer's download link lives long enough to click, not long enough to pass around. */
export const DOWNLOAD_URL_LIFETIME_SECONDS = 5 * 60;

/**
 * User metadata written with every upload (S3 returns it without the `x-amz-meta-` prefix). Each value is
 * pinned by an exact condition in the POST policy, so the uploader cannot change what it declared.
 */
export const EVIDENCE_METADATA = {
  sha256: 'sha256',
  declaredSize: 'declared-size',
  fileName: 'file-name',
  uploadLink: 'upload-link',
  /** When the POST's authorization expired: ingest refuses an object stored well after it (a replay). */
  authorizedUntil: 'authorized-until',
  /** Set on verification evidence only: the remediation task whose fix the file shows. */
  taskId: 'task-id',
} as const;

const metaField = (name: string) => `x-amz-meta-${name}`;

/** S3 user metadata travels as HTTP headers: ASCII only. The file name is percent-encoded (RFC 3986). */
export const encodeFileNameMetadata = (fileName: string): string => encodeURIComponent(fileName);

export function decodeFileNameMetadata(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

export interface UploadPostRequest {
  readonly key: string;
  readonly contentType: string;
  readonly sizeBytes: number;
  readonly sha256: string;
  readonly fileName: string;
  /** A non-secret reference to the upload link used (a prefix of its hash), for the trail. */
  readonly uploadLink: string;
  /** Verification evidence: the remediation task the file is for (stored under its finding's request). */
  readonly taskId?: string;
}

export interface UploadPost {
  /** POST the form here: every field below, then the file as the last field, named `file`. */
  readonly url: string;
  readonly fields: Record<string, string>;
  readonly key: string;
  readonly expiresAt: string;
}

export interface StoredObjectHead {
  readonly contentType?: string;
  readonly contentLength?: number;
  readonly versionId?: string;
  readonly serverSideEncryption?: string;
  /** When the object version was stored (S3's Last-Modified). */
  readonly lastModified?: Date;
  /** User metadata, keys lower-cased, without the `x-amz-meta-` prefix. */
  readonly metadata: Readonly<Record<string, string>>;
}

export interface ObjectDigest {
  readonly sha256: string;
  readonly sizeBytes: number;
}

export interface DownloadRequest {
  readonly key: string;
  readonly versionId: string;
  readonly fileName: string;
  readonly contentType: string;
}

export interface DownloadUrl {
  readonly url: string;
  readonly expiresAt: string;
}

/** RFC 6266 attachment with an RFC 5987 UTF-8 name, and an ASCII fallback for old clients. */
export function attachmentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export interface EvidenceStoreOptions {
  /** How long a presigned POST is usable: 1 to 900 seconds (the default). */
  readonly lifetimeSeconds?: number;
  /** S3 checks expiry against real time, so this is the real clock; tests pass an earlier one to replay a form. */
  readonly realNow?: () => number;
  /** The evidence CMK's ARN: pinned in every POST policy so an upload cannot name another key. */
  readonly kmsKeyId?: string;
}

/** What the intake and review services need from the evidence bucket. */
export interface EvidenceObjectStore {
  readonly bucket: string;
  createUploadPost(request: UploadPostRequest): Promise<UploadPost>;
  /** A presigned GET for one object version, served as an attachment, valid for at most five minutes. */
  createDownloadUrl(request: DownloadRequest): Promise<DownloadUrl>;
  /** The origin browsers POST uploads to (for the upload page's Content-Security-Policy). */
  uploadOrigin(): Promise<string>;
  headObject(key: string, versionId: string): Promise<StoredObjectHead>;
  sha256Of(key: string, versionId: string): Promise<ObjectDigest>;
  /**
   * Stores one close-out report file under reports/ (SSE-KMS; the bucket's default Object Lock retention in
   * compliance mode applies). Answers the stored object's version id ("null" where versioning is off).
   */
  putReportFile(key: string, body: string, contentType: string): Promise<{ versionId: string }>;
}

/**
 * The evidence bucket over S3. The bucket encrypts with its default CMK (SSE-KMS, bucket key); the POST
 * policy pins `x-amz-server-side-encryption: aws:kms` as well, so an upload cannot ask for anything weaker.
 */
export class S3EvidenceStore implements EvidenceObjectStore {
  private readonly lifetimeSeconds: number;
  private readonly realNow: () => number;
  private readonly kmsKeyId: string | undefined;

  constructor(
    private readonly client: S3Client,
    readonly bucket: string,
    options: EvidenceStoreOptions = {},
  ) {
    this.lifetimeSeconds = options.lifetimeSeconds ?? UPLOAD_POST_LIFETIME_SECONDS;
    this.realNow = options.realNow ?? Date.now;
    this.kmsKeyId = options.kmsKeyId;
    if (this.lifetimeSeconds < 1 || this.lifetimeSeconds > UPLOAD_POST_LIFETIME_SECONDS) {
      throw new Error(
        `An upload POST may live 1 to ${UPLOAD_POST_LIFETIME_SECONDS} seconds, not ${this.lifetimeSeconds}`,
      );
    }
  }

  /**
   * A POST policy that accepts exactly one object: this key (no starts-with), exactly the declared number of
   * bytes, this Content-Type, SSE-KMS, and the declaration as metadata. createPresignedPost turns every
   * field into an exact-match condition; the length range is added here.
   */
  async createUploadPost(request: UploadPostRequest): Promise<UploadPost> {
    const expiresAt = new Date(this.realNow() + this.lifetimeSeconds * 1000).toISOString();
    const fields: Record<string, string> = {
      'Content-Type': request.contentType,
      'x-amz-server-side-encryption': 'aws:kms',
      ...(this.kmsKeyId ? { 'x-amz-server-side-encryption-aws-kms-key-id': this.kmsKeyId } : {}),
      [metaField(EVIDENCE_METADATA.sha256)]: request.sha256,
      [metaField(EVIDENCE_METADATA.declaredSize)]: String(request.sizeBytes),
      [metaField(EVIDENCE_METADATA.fileName)]: encodeFileNameMetadata(request.fileName),
      [metaField(EVIDENCE_METADATA.uploadLink)]: request.uploadLink,
      [metaField(EVIDENCE_METADATA.authorizedUntil)]: expiresAt,
      ...(request.taskId ? { [metaField(EVIDENCE_METADATA.taskId)]: request.taskId } : {}),
    };
    const post = await createPresignedPost(this.client, {
      Bucket: this.bucket,
      Key: request.key,
      Fields: fields,
      Conditions: [['content-length-range', request.sizeBytes, request.sizeBytes]],
      Expires: this.lifetimeSeconds,
    });
    return {
      url: post.url,
      fields: post.fields,
      key: request.key,
      // createPresignedPost signs with the real clock (S3 checks real time), so this does too.
      expiresAt,
    };
  }

  private origin: Promise<string> | undefined;

  /** Signed once, locally (no request is made): the POST URL's origin is fixed by the client's endpoint. */
  uploadOrigin(): Promise<string> {
    this.origin ??= createPresignedPost(this.client, {
      Bucket: this.bucket,
      Key: 'evidence/origin-probe',
      Expires: 1,
    }).then((post) => new URL(post.url).origin);
    return this.origin;
  }

  async createDownloadUrl(request: DownloadRequest): Promise<DownloadUrl> {
    const issuedAt = Date.now();
    const url = await getSignedUrl(
      this.client,
      new GetObjectCommand({
        Bucket: this.bucket,
        Key: request.key,
        // "null" is the version id S3 reports for objects written before versioning; it is asked for as is.
        VersionId: request.versionId,
        ResponseContentDisposition: attachmentDisposition(request.fileName),
        ResponseContentType: request.contentType,
      }),
      { expiresIn: DOWNLOAD_URL_LIFETIME_SECONDS },
    );
    return { url, expiresAt: new Date(issuedAt + DOWNLOAD_URL_LIFETIME_SECONDS * 1000).toISOString() };
  }

  async putReportFile(key: string, body: string, contentType: string): Promise<{ versionId: string }> {
    if (!key.startsWith(REPORT_KEY_PREFIX))
      throw new Error(`A report file goes under ${REPORT_KEY_PREFIX}, not ${key}`);
    const bytes = Buffer.from(body, 'utf8');
    const stored = await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: bytes,
        ContentType: contentType,
        // S3 refuses a PutObject into a bucket with default retention unless it carries a checksum header; the
        // client computes checksums only where required, so the SHA-256 is given here (and S3 checks it).
        ChecksumSHA256: createHash('sha256').update(bytes).digest('base64'),
        // Without a key id, asking for aws:kms would pick the AWS managed key: the bucket's default (its CMK,
        // with a bucket key) applies instead. Where the key is known it is named, which comes to the same.
        ...(this.kmsKeyId ? { ServerSideEncryption: 'aws:kms' as const, SSEKMSKeyId: this.kmsKeyId } : {}),
      }),
    );
    return { versionId: stored.VersionId ?? 'null' };
  }

  async headObject(key: string, versionId: string): Promise<StoredObjectHead> {
    const head = await this.client.send(
      new HeadObjectCommand({ Bucket: this.bucket, Key: key, VersionId: versionId }),
    );
    const metadata: Record<string, string> = {};
    for (const [name, value] of Object.entries(head.Metadata ?? {})) metadata[name.toLowerCase()] = value;
    return {
      ...(head.ContentType !== undefined ? { contentType: head.ContentType } : {}),
      ...(head.ContentLength !== undefined ? { contentLength: head.ContentLength } : {}),
      ...(head.VersionId !== undefined ? { versionId: head.VersionId } : {}),
      ...(head.ServerSideEncryption !== undefined ? { serverSideEncryption: head.ServerSideEncryption } : {}),
      ...(head.LastModified !== undefined ? { lastModified: head.LastModified } : {}),
      metadata,
    };
  }

  /** Streams one object version through sha256: memory stays at one chunk, whatever the file's size. */
  async sha256Of(key: string, versionId: string): Promise<ObjectDigest> {
    const object = await this.client.send(
      new GetObjectCommand({ Bucket: this.bucket, Key: key, VersionId: versionId }),
    );
    if (!object.Body) throw new Error(`S3 returned no body for ${key} (version ${versionId})`);
    return digestStream(object.Body as Readable);
  }
}

/** sha256 and length of a byte stream, chunk by chunk. */
export async function digestStream(body: AsyncIterable<Uint8Array | string>): Promise<ObjectDigest> {
  const hash = createHash('sha256');
  let sizeBytes = 0;
  for await (const chunk of body) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    hash.update(bytes);
    sizeBytes += bytes.byteLength;
  }
  return { sha256: hash.digest('hex'), sizeBytes };
}
