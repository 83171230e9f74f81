import * as z from 'zod/mini';
import { environmentNames } from '../../shared/environment-names.js';
import { parseEnvironment } from '../../shared/parse-environment.js';
import { s3Client } from '../clients/s3.js';
import { type EvidenceObjectStore, S3EvidenceStore } from './evidence-store.js';

/*
 * The evidence store a function uses. In Lambda it is created on first use from EVIDENCE_BUCKET and the
 * function's S3 client; the sandbox and tests bind their own. (Kept apart from the shared Runtime until the
 * lead decides whether it joins it.)
 */

let bound: EvidenceObjectStore | undefined;

export function evidenceStore(): EvidenceObjectStore {
  if (!bound) {
    const env = parseEnvironment(
      z.object({ [environmentNames.evidenceBucket]: z.string().check(z.minLength(1)) }),
    );
    bound = new S3EvidenceStore(s3Client, env[environmentNames.evidenceBucket] as string);
  }
  return bound;
}

/** Replaces the evidence store (sandbox, tests); `undefined` forgets it. */
export function bindEvidenceStore(store: EvidenceObjectStore | undefined): void {
  bound = store;
}
