import * as z from 'zod/mini';
import { ingestUploadedObject } from '../services/evidence-intake.js';

/** The part of S3's "Object Created" EventBridge event the ingest needs. */
const ObjectCreatedEvent = z.object({
  'detail-type': z.literal('Object Created'),
  detail: z.object({
    bucket: z.object({ name: z.string().check(z.minLength(3)) }),
    object: z.object({
      key: z.string().check(z.minLength(1)),
      // The evidence bucket is versioned: every stored object has a version id.
      'version-id': z.string().check(z.minLength(1)),
    }),
  }),
});

export class InvalidIngestEventError extends Error {
  override readonly name = 'InvalidIngestEventError';
}

/**
 * Evidence ingest (EventBridge, S3 Object Created under evidence/): verifies the stored object against the
 * uploader's declaration and records it, or records why it was rejected. Retried by EventBridge, then
 * dead-lettered; ingesting the same object version twice changes nothing.
 */
export async function handler(event: unknown) {
  const parsed = ObjectCreatedEvent.safeParse(event);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.map(String).join('.')}: ${issue.message}`,
    );
    throw new InvalidIngestEventError(
      `Not an S3 Object Created event for a versioned object: ${problems.join('; ')}`,
    );
  }
  const { bucket, object } = parsed.data.detail;
  // S3 URL-encodes keys in its events (spaces as '+'); evidence keys never need it, but decode to be exact.
  const key = decodeURIComponent(object.key.replace(/\+/g, ' '));
  const result = await ingestUploadedObject({ bucket: bucket.name, key, versionId: object['version-id'] });
  // The outcome only: no hashes, names or content.
  return { outcome: result.outcome };
}
