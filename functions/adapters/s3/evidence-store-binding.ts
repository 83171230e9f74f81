import * as z from 'zod/mini';
import { environmentNames } from '../../shared/environment-names.js';
import { parseEnvironment } from '../../shared/parse-environment.js';
import { s3Client } from '../clients/s3.js';
import { resolveBinding } from '../runtime/runtime.js';
import { type EvidenceObjectStore, S3EvidenceStore } from './evidence-store.js';

/*
 * The evidence store a function uses, one of the runtime bindings: in Lambda it is created on first use from
 * EVIDENCE_BUCKET and the function's S3 client; the sandbox and tests bind their own with bindRuntime. It lives
 * beside the S3 adapter rather than in runtime/bindings.ts so only functions that touch evidence bundle S3.
 */
export const evidenceStore = (): EvidenceObjectStore =>
  resolveBinding('evidenceStore', () => {
    const env = parseEnvironment(
      z.object({
        [environmentNames.evidenceBucket]: z.string().check(z.minLength(1)),
        [environmentNames.evidenceKeyArn]: z.optional(z.string().check(z.minLength(1))),
      }),
    );
    const kmsKeyId = env[environmentNames.evidenceKeyArn] as string | undefined;
    return new S3EvidenceStore(s3Client, env[environmentNames.evidenceBucket] as string, {
      ...(kmsKeyId ? { kmsKeyId } : {}),
    });
  });
