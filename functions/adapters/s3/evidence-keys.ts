import { randomUUID } from 'node:crypto';

/**
 * Where evidence objects live in the bucket: evidence/<ORI>/<auditId>/<requestId>/<upload uuid>. The key
 * names the agency, audit and request, so an object's key alone says what it is evidence for, and a
 * presigned POST that pins the exact key cannot land anywhere else. The uuid keeps two uploads to the same
 * request apart (Object Lock forbids overwriting or deleting either).
 */

export const EVIDENCE_KEY_PREFIX = 'evidence/';

/** Close-out reports: reports/<ORI>/<auditId>/<generatedAt, compact>/<file>, beside the evidence, also locked. */
export const REPORT_KEY_PREFIX = 'reports/';

export interface EvidenceKeyParts {
  readonly ori: string;
  readonly auditId: string;
  readonly requestId: string;
  readonly uploadId: string;
}

const KEY_PATTERN =
  /^evidence\/([A-Z]{2}[A-Z0-9]{7})\/(aud_[A-Za-z0-9-]+(?:_[A-Za-z0-9-]+){2})\/(req_[A-Za-z0-9-]+(?:_[A-Za-z0-9-]+){3})\/([0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12})$/;

export function evidenceObjectKey(
  parts: Omit<EvidenceKeyParts, 'uploadId'>,
  uploadId: string = randomUUID(),
): string {
  const key = `${EVIDENCE_KEY_PREFIX}${parts.ori}/${parts.auditId}/${parts.requestId}/${uploadId}`;
  if (!parseEvidenceObjectKey(key))
    throw new Error(`Cannot build an evidence key from ${JSON.stringify(parts)}`);
  return key;
}

/**
 * The parts of an evidence key, or undefined for any key this system did not hand out: wrong shape, an
 * audit id of another agency than the ORI segment, or a request id of another audit.
 */
export function parseEvidenceObjectKey(key: string): EvidenceKeyParts | undefined {
  const match = KEY_PATTERN.exec(key);
  if (!match) return undefined;
  const [, ori, auditId, requestId, uploadId] = match as unknown as [string, string, string, string, string];
  const auditSuffix = auditId.slice('aud_'.length);
  if (auditSuffix.split('_')[0] !== ori) return undefined;
  if (!requestId.startsWith(`req_${auditSuffix}_`)) return undefined;
  return { ori, auditId, requestId, uploadId };
}
