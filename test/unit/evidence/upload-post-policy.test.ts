import { Readable } from 'node:stream';
import { S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { evidenceObjectKey, parseEvidenceObjectKey } from '../../../functions/adapters/s3/evidence-keys.js';
import {
  decodeFileNameMetadata,
  digestStream,
  S3EvidenceStore,
  UPLOAD_POST_LIFETIME_SECONDS,
  type UploadPostRequest,
} from '../../../functions/adapters/s3/evidence-store.js';
import { auditId, evidenceRequestId } from '../../../functions/domain/ids.js';

const ORI = 'CA0190000';
const AUDIT = auditId(ORI, 'account-review', '2027');
const REQUEST = evidenceRequestId(AUDIT, 'review-signoff');
const SHA = 'a'.repeat(64);

const client = new S3Client({
  region: 'us-gov-west-1',
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
  forcePathStyle: true,
  endpoint: 'http://127.0.0.1:4569',
});

type Condition = Record<string, string> | [string, ...(string | number)[]];

const KEY_ARN = 'arn:aws-us-gov:kms:us-gov-west-1:111122223333:key/0c5d1f2e-3a4b-4c5d-8e9f-0a1b2c3d4e5f';

/*
 * The local S3 engine (s3rver) does not enforce POST policies: it stores whatever form it is sent. These tests
 * are what guards the policy S3 enforces in AWS: every condition, decoded from the Policy field as issued.
 */
async function decodedPolicy(overrides: Partial<UploadPostRequest> = {}) {
  const store = new S3EvidenceStore(client, 'evidence-bucket', { kmsKeyId: KEY_ARN });
  const request: UploadPostRequest = {
    key: evidenceObjectKey({ ori: ORI, auditId: AUDIT, requestId: REQUEST }),
    contentType: 'application/pdf',
    sizeBytes: 12_345,
    sha256: SHA,
    fileName: 'Account review – Q2 (signed).pdf',
    uploadLink: 'link-0123456789abcdef',
    ...overrides,
  };
  const before = Date.now();
  const post = await store.createUploadPost(request);
  const policyField = post.fields.Policy;
  if (!policyField) throw new Error('no Policy field');
  const policy = JSON.parse(Buffer.from(policyField, 'base64').toString('utf8')) as {
    expiration: string;
    conditions: Condition[];
  };
  const exact = (name: string) =>
    policy.conditions
      .filter((c): c is Record<string, string> => !Array.isArray(c) && name in c)
      .map((c) => c[name]);
  return { request, post, policy, exact, before };
}

describe('Function: S3EvidenceStore.createUploadPost (decoded POST policy)', () => {
  it('pins the exact key, with no starts-with condition', async () => {
    const { request, post, policy, exact } = await decodedPolicy();
    expect(exact('key')).toEqual([request.key]);
    expect(post.fields.key).toBe(request.key);
    expect(policy.conditions.filter((c) => Array.isArray(c) && c[0] === 'starts-with')).toEqual([]);
  });

  it('allows exactly the declared number of bytes', async () => {
    const { policy } = await decodedPolicy({ sizeBytes: 777 });
    const ranges = policy.conditions.filter((c) => Array.isArray(c) && c[0] === 'content-length-range');
    expect(ranges).toEqual([['content-length-range', 777, 777]]);
  });

  it('pins the exact Content-Type, sha256, declared size and the SSE-KMS header', async () => {
    const { exact, post } = await decodedPolicy();
    expect(exact('Content-Type')).toEqual(['application/pdf']);
    expect(exact('x-amz-meta-sha256')).toEqual([SHA]);
    expect(exact('x-amz-meta-declared-size')).toEqual(['12345']);
    expect(exact('x-amz-server-side-encryption')).toEqual(['aws:kms']);
    expect(exact('bucket')).toEqual(['evidence-bucket']);
    expect(post.fields['Content-Type']).toBe('application/pdf');
  });

  it('pins the evidence CMK, the upload link reference and the authorization expiry', async () => {
    const { exact, policy } = await decodedPolicy();
    expect(exact('x-amz-server-side-encryption-aws-kms-key-id')).toEqual([KEY_ARN]);
    expect(exact('x-amz-meta-upload-link')).toEqual(['link-0123456789abcdef']);
    const [authorizedUntil] = exact('x-amz-meta-authorized-until');
    expect(Math.abs(Date.parse(authorizedUntil as string) - Date.parse(policy.expiration))).toBeLessThan(
      1000,
    );
  });

  it('has no condition beyond those listed (every form field is pinned exactly)', async () => {
    const { policy } = await decodedPolicy();
    const names = policy.conditions.map((c) => (Array.isArray(c) ? c[0] : Object.keys(c)[0])).sort();
    expect(names).toEqual(
      [
        'Content-Type',
        'X-Amz-Algorithm',
        'X-Amz-Credential',
        'X-Amz-Date',
        'bucket',
        'content-length-range',
        'key',
        'x-amz-meta-authorized-until',
        'x-amz-meta-declared-size',
        'x-amz-meta-file-name',
        'x-amz-meta-sha256',
        'x-amz-meta-upload-link',
        'x-amz-server-side-encryption',
        'x-amz-server-side-encryption-aws-kms-key-id',
      ].sort(),
    );
    expect(policy.conditions.every((c) => !Array.isArray(c) || c[0] === 'content-length-range')).toBe(true);
  });

  it('stores the file name percent-encoded (ASCII only) and decodes it back', async () => {
    const { exact, request } = await decodedPolicy();
    const [encoded] = exact('x-amz-meta-file-name');
    expect(encoded).toMatch(/^[\x21-\x7e]+$/);
    expect(decodeFileNameMetadata(encoded as string)).toBe(request.fileName);
    expect(decodeFileNameMetadata('%E0%A4%A')).toBeUndefined();
  });

  it('expires within 15 minutes', async () => {
    const { policy, post, before } = await decodedPolicy();
    const expiresAt = Date.parse(policy.expiration);
    expect(expiresAt).toBeGreaterThan(before);
    expect(expiresAt - before).toBeLessThanOrEqual(15 * 60 * 1000 + 1000);
    expect(Math.abs(Date.parse(post.expiresAt) - expiresAt)).toBeLessThan(2000);
    expect(
      () => new S3EvidenceStore(client, 'b', { lifetimeSeconds: UPLOAD_POST_LIFETIME_SECONDS + 1 }),
    ).toThrow(/15|900/);
  });
});

describe('Function: evidence object keys', () => {
  it('builds evidence/<ORI>/<auditId>/<requestId>/<uuid> and parses it back', () => {
    const key = evidenceObjectKey({ ori: ORI, auditId: AUDIT, requestId: REQUEST });
    expect(key).toMatch(new RegExp(`^evidence/${ORI}/${AUDIT}/${REQUEST}/[0-9a-f-]{36}$`));
    expect(parseEvidenceObjectKey(key)).toMatchObject({ ori: ORI, auditId: AUDIT, requestId: REQUEST });
    // A fresh uuid every time
    expect(evidenceObjectKey({ ori: ORI, auditId: AUDIT, requestId: REQUEST })).not.toBe(key);
  });

  it('rejects keys it did not hand out', () => {
    const uuid = '0b7c5b8e-1f7a-4c43-9a8e-2d2f3c4b5a69';
    const other = auditId('CA0340000', 'account-review', '2027');
    for (const key of [
      'uploads/file.pdf',
      `evidence/${ORI}/${AUDIT}/${REQUEST}/not-a-uuid`,
      `evidence/${ORI}/${AUDIT}/${REQUEST}/${uuid}/extra`,
      `evidence/${ORI}/${other}/${evidenceRequestId(other, 'review-signoff')}/${uuid}`,
      `evidence/${ORI}/${AUDIT}/${evidenceRequestId(other, 'review-signoff')}/${uuid}`,
      `evidence/../${ORI}/${AUDIT}/${REQUEST}/${uuid}`,
    ]) {
      expect(parseEvidenceObjectKey(key), key).toBeUndefined();
    }
  });
});

describe('Function: digestStream', () => {
  it('hashes a stream chunk by chunk and counts its bytes', async () => {
    const chunks = [Buffer.from('hello '), Buffer.from('world')];
    const digest = await digestStream(Readable.from(chunks));
    expect(digest).toEqual({
      sha256: 'b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9',
      sizeBytes: 11,
    });
  });
});
