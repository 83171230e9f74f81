import { describe, expect, it, vi } from 'vitest';
import type { EvidenceObjectStore } from '../../../functions/adapters/s3/evidence-store.js';
import { DomainValidationError } from '../../../functions/domain/errors.js';
import { auditId, evidenceRequestId } from '../../../functions/domain/ids.js';
import {
  authorizeUpload,
  ForeignEvidenceObjectError,
  ingestUploadedObject,
  SafeFileNameSchema,
  type UploadDeclaration,
} from '../../../functions/services/evidence-intake.js';

const AUDIT = auditId('CA0190000', 'account-review', '2027');
const valid: UploadDeclaration = {
  token: 'x'.repeat(43),
  auditId: AUDIT,
  requestId: evidenceRequestId(AUDIT, 'review-signoff'),
  fileName: 'review.pdf',
  contentType: 'application/pdf',
  sizeBytes: 1024,
  sha256: 'b'.repeat(64),
};

/** A store that must not be touched: input errors are raised before any I/O. */
const untouchedStore = (): EvidenceObjectStore => ({
  bucket: 'evidence-bucket',
  createUploadPost: vi.fn(async () => {
    throw new Error('must not be called');
  }),
  createDownloadUrl: vi.fn(async () => {
    throw new Error('must not be called');
  }),
  uploadOrigin: vi.fn(async () => {
    throw new Error('must not be called');
  }),
  headObject: vi.fn(async () => {
    throw new Error('must not be called');
  }),
  sha256Of: vi.fn(async () => {
    throw new Error('must not be called');
  }),
  putReportFile: vi.fn(async () => {
    throw new Error('must not be called');
  }),
});

async function issuesFor(overrides: Record<string, unknown>): Promise<readonly string[]> {
  const store = untouchedStore();
  const error = await authorizeUpload({ ...valid, ...overrides } as UploadDeclaration, store).catch(
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DomainValidationError);
  expect(store.createUploadPost).not.toHaveBeenCalled();
  return (error as DomainValidationError).issues;
}

describe('Function: authorizeUpload (input validation)', () => {
  it.each([
    [{ sha256: 'B'.repeat(64) }, /^sha256: must be a SHA-256 digest: 64 lowercase hexadecimal/],
    [{ sha256: 'a'.repeat(63) }, /^sha256: /],
    [{ sha256: undefined }, /^sha256: /],
    [{ fileName: '../etc/passwd' }, /^fileName: must be a file name, not a path/],
    [{ fileName: 'C:\\evidence\\review.pdf' }, /^fileName: must be a file name, not a path/],
    [{ fileName: 'review\u0000.pdf' }, /^fileName: must not contain control characters/],
    [{ fileName: 'review\u202e.pdf' }, /^fileName: must not contain control characters/],
    [{ fileName: '   ' }, /^fileName: file name is required/],
    [{ fileName: '..' }, /^fileName: must not be '\.' or '\.\.'/],
    [{ fileName: `${'a'.repeat(252)}.pdf` }, /^fileName: must be at most 255 characters/],
    [{ fileName: '文'.repeat(200) }, /^fileName: is too long once encoded/],
    [{ sizeBytes: 0 }, /^sizeBytes: must be at least 1 byte/],
    [{ sizeBytes: 1.5 }, /^sizeBytes: must be a whole number of bytes/],
    [{ sizeBytes: 6 * 1024 ** 3 }, /^sizeBytes: must be at most 5 GiB/],
    [{ sizeBytes: '1024' }, /^sizeBytes: /],
    [{ contentType: 'pdf' }, /^contentType: must be a MIME type/],
    [{ token: '' }, /^token: token is required/],
    [{ auditId: 'aud/../x' }, /^auditId: may contain only/],
    [{ requestId: undefined }, /^requestId: /],
  ])('refuses %j with a message naming the field', async (overrides, message) => {
    const issues = await issuesFor(overrides);
    expect(
      issues.some((issue) => message.test(issue)),
      issues.join(' | '),
    ).toBe(true);
  });

  it('lists every bad field at once', async () => {
    const issues = await issuesFor({ sha256: 'nope', sizeBytes: -1, fileName: 'a/b' });
    expect(issues.map((issue) => issue.split(':')[0]).sort()).toEqual(['fileName', 'sha256', 'sizeBytes']);
  });

  it('accepts unicode file names up to 255 characters, trimmed', () => {
    expect(SafeFileNameSchema.parse('  Überprüfung – 2027 (final).pdf ')).toBe(
      'Überprüfung – 2027 (final).pdf',
    );
    expect(SafeFileNameSchema.safeParse(`${'a'.repeat(251)}.pdf`).success).toBe(true);
  });
});

describe('Function: ingestUploadedObject (foreign objects)', () => {
  it.each([
    [
      'another bucket',
      { bucket: 'someone-elses', key: 'evidence/x' },
      /the evidence bucket is evidence-bucket/,
    ],
    [
      'a key of another shape',
      { bucket: 'evidence-bucket', key: 'uploads/x.pdf' },
      /evidence keys look like/,
    ],
  ])('refuses %s before reading anything', async (_label, target, message) => {
    const store = untouchedStore();
    const error = await ingestUploadedObject({ ...target, versionId: 'v1' }, store).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ForeignEvidenceObjectError);
    expect((error as Error).message).toMatch(message);
    expect(store.headObject).not.toHaveBeenCalled();
  });

  it('refuses an event without a version id', async () => {
    const error = await ingestUploadedObject(
      { bucket: 'evidence-bucket', key: 'evidence/x', versionId: '' },
      untouchedStore(),
    ).catch((e: unknown) => e);
    expect((error as DomainValidationError).issues).toEqual(['versionId: versionId is required']);
  });
});
