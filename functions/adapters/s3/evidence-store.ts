import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { GetObjectCommand, HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';

/** A presigned POST is usable for at most this long (the brief caps it at 15 minutes). */
export const UPLOAD_POST_LIFETIME_SECONDS = 15 * 60;

/**
 * User metadata written with every upload (S3 returns it without the `x-amz-meta-` prefix). Each value is
 * pinned by an exact condition in the POST policy, so the uploader cannot change what it declared.
 */
export const EVIDENCE_METADATA = {
  sha256: 'sha256',
  declaredSize: 'declared-size',
  fileName: 'file-name',
  uploadLink: 'upload-link',
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
  /** User metadata, keys lower-cased, without the `x-amz-meta-` prefix. */
  readonly metadata: Readonly<Record<string, string>>;
}

export interface ObjectDigest {
  readonly sha256: string;
  readonly sizeBytes: number;
}

/** What the intake services need from the evidence bucket. */
export interface EvidenceObjectStore {
  readonly bucket: string;
  createUploadPost(request: UploadPostRequest): Promise<UploadPost>;
  headObject(key: string, versionId: string): Promise<StoredObjectHead>;
  sha256Of(key: string, versionId: string): Promise<ObjectDigest>;
}

/**
 * The evidence bucket over S3. The bucket encrypts with its default CMK (SSE-KMS, bucket key); the POST
 * policy pins `x-amz-server-side-encryption: aws:kms` as well, so an upload cannot ask for anything weaker.
 */
export class S3EvidenceStore implements EvidenceObjectStore {
  constructor(
    private readonly client: S3Client,
    readonly bucket: string,
    private readonly lifetimeSeconds = UPLOAD_POST_LIFETIME_SECONDS,
  ) {
    if (lifetimeSeconds < 1 || lifetimeSeconds > UPLOAD_POST_LIFETIME_SECONDS) {
      throw new Error(
        `An upload POST may live 1 to ${UPLOAD_POST_LIFETIME_SECONDS} seconds, not ${lifetimeSeconds}`,
      );
    }
  }

  /**
   * A POST policy that accepts exactly one object: this key (no starts-with), exactly the declared number of
   * bytes, this Content-Type, SSE-KMS, and the declaration as metadata. createPresignedPost turns every
   * field into an exact-match condition; the length range is added here.
   */
  async createUploadPost(request: UploadPostRequest): Promise<UploadPost> {
    const fields: Record<string, string> = {
      'Content-Type': request.contentType,
      'x-amz-server-side-encryption': 'aws:kms',
      [metaField(EVIDENCE_METADATA.sha256)]: request.sha256,
      [metaField(EVIDENCE_METADATA.declaredSize)]: String(request.sizeBytes),
      [metaField(EVIDENCE_METADATA.fileName)]: encodeFileNameMetadata(request.fileName),
      [metaField(EVIDENCE_METADATA.uploadLink)]: request.uploadLink,
    };
    const issuedAt = Date.now();
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
      expiresAt: new Date(issuedAt + this.lifetimeSeconds * 1000).toISOString(),
    };
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
