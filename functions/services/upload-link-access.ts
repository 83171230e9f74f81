import * as z from 'zod';
import type { UploadTokenRecord } from '../adapters/dynamodb/upload-token-store.js';
import { clock, repository } from '../adapters/runtime/bindings.js';
import type { Actor, ContactRole } from '../domain/schemas/common.js';
import { linkRefOf } from './upload-links.js';

/*
 * How an agency's action through its upload link is let in: the token must name a usable link (else a denial
 * that says only why), and any later refusal of the action counts as a failed use toward the link's lockout.
 * Uploads and corrective action plans go through the same door.
 */

// Errors

export type UploadLinkDenial = 'unknown' | 'expired' | 'revoked' | 'locked';

const denialMessages: Record<UploadLinkDenial, string> = {
  unknown: 'This upload link is not valid. Check that you opened the whole link from the email.',
  expired: 'This upload link has expired. Ask your audit administrator for a new link.',
  revoked: 'This upload link was withdrawn. Ask your audit administrator for a new link.',
  locked:
    'This upload link is locked after repeated failed attempts. Ask your audit administrator to reissue it.',
};

/** The token cannot be used: it is unknown, expired, revoked or locked. Says nothing about any audit. */
export class UploadLinkDeniedError extends Error {
  override readonly name = 'UploadLinkDeniedError';
  constructor(readonly reason: UploadLinkDenial) {
    super(denialMessages[reason]);
  }
}

export type UploadRefusal =
  | 'out-of-scope'
  | 'request-not-found'
  | 'request-closed'
  | 'task-not-found'
  | 'task-closed'
  | 'too-large'
  | 'content-type-not-accepted';

/** The link is valid, but this action is not allowed. Counted as a failed use of the link. */
export class UploadRefusedError extends Error {
  override readonly name = 'UploadRefusedError';
  constructor(
    readonly reason: UploadRefusal,
    message: string,
    /** Whether this failure locked the link. */
    readonly linkLocked: boolean,
  ) {
    super(linkLocked ? `${message} This link is now locked after repeated failed attempts.` : message);
  }
}

// The door

/** The token as every link-authenticated input carries it. */
export const UploadLinkTokenSchema = z
  .string({ error: 'token is required' })
  .min(1, 'token is required')
  .max(128, 'is not a valid token');

export interface OpenedUploadLink {
  readonly record: UploadTokenRecord;
  /** The link's non-secret name, as uploads and the trail carry it. */
  readonly linkRef: string;
  /** The instant the link was checked at: the action's time. */
  readonly now: Date;
  /** Counts a failed use of the link and throws the refusal (saying whether it locked the link). */
  refuse(reason: UploadRefusal, message: string): Promise<never>;
}

/** Checks a presented token; throws UploadLinkDeniedError when the link cannot be used. Writes nothing. */
export async function openUploadLink(token: string): Promise<OpenedUploadLink> {
  const now = clock().now();
  const { uploadTokens } = repository();
  const check = await uploadTokens.check(token, now);
  if (check.outcome !== 'valid') throw new UploadLinkDeniedError(check.outcome);
  const record = check.record;
  return {
    record,
    linkRef: linkRefOf(record.tokenHash),
    now,
    refuse: async (reason, message) => {
      const after = await uploadTokens.recordFailure(record.tokenHash, now);
      throw new UploadRefusedError(reason, message, after.lockedAt !== undefined);
    },
  };
}

/** Who acts through a link in the trail: an agency contact, named by the link (and its role, when known). */
export const uploadLinkActor = (linkRef: string, role?: ContactRole): Actor => ({
  type: 'agency-contact',
  id: linkRef,
  ...(role ? { role } : {}),
});
