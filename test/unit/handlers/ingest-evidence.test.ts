import { beforeEach, describe, expect, it, vi } from 'vitest';

const ingestUploadedObject = vi.fn();
vi.mock('../../../functions/services/evidence-intake.js', () => ({ ingestUploadedObject }));
const { handler } = await import('../../../functions/handlers/ingest-evidence.js');

const objectCreated = (object: Record<string, unknown>) => ({
  version: '0',
  source: 'aws.s3',
  'detail-type': 'Object Created',
  detail: { bucket: { name: 'clets-evidence' }, object },
});

describe('Handler: ingest-evidence', () => {
  beforeEach(() => {
    ingestUploadedObject.mockReset();
  });

  it('hands the bucket, decoded key and version to the ingest, and returns only the outcome', async () => {
    // Prepare
    ingestUploadedObject.mockResolvedValue({
      outcome: 'recorded',
      evidenceId: 'evd_x',
      sha256: 'a'.repeat(64),
    });
    // Act
    const result = await handler(
      objectCreated({ key: 'evidence/CA0190000/aud_x/req_x/some+file%2Fpart', 'version-id': 'v1' }),
    );
    // Assess
    expect(ingestUploadedObject).toHaveBeenCalledWith({
      bucket: 'clets-evidence',
      key: 'evidence/CA0190000/aud_x/req_x/some file/part',
      versionId: 'v1',
    });
    expect(result).toEqual({ outcome: 'recorded' });
  });

  it.each([
    [
      'an event of another kind',
      { ...objectCreated({ key: 'evidence/x', 'version-id': 'v1' }), 'detail-type': 'Object Deleted' },
    ],
    ['an object without a version id', objectCreated({ key: 'evidence/x' })],
    ['no detail at all', { source: 'aws.s3' }],
  ])('rejects %s with a named error, ingesting nothing', async (_what, event) => {
    await expect(handler(event)).rejects.toMatchObject({ name: 'InvalidIngestEventError' });
    expect(ingestUploadedObject).not.toHaveBeenCalled();
  });
});
