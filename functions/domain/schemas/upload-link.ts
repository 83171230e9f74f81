import * as z from 'zod';
import {
  ContactRoleSchema,
  EntityIdSchema,
  IsoDateTimeSchema,
  OriSchema,
  Sha256Schema,
  VersionSchema,
} from './common.js';

/**
 * Why a link was issued: with the audit's opening, on a reviewer's flag, by an administrator, or with a
 * reminder, due-date, overdue or escalation notice.
 */
export const UPLOAD_LINK_REASONS = [
  'audit-opened',
  'evidence-flagged',
  'reissued',
  'reminder',
  'remediation',
] as const;
export type UploadLinkReason = (typeof UPLOAD_LINK_REASONS)[number];

/**
 * An upload link as the audit knows it: who it went to, when, until when, and whether it was withdrawn.
 * The token itself is never stored; `tokenHash` finds the token record (scope, lockout) and `linkRef`, a
 * prefix of that hash, is how uploads and the trail name the link without disclosing it.
 */
export const UploadLinkSchema = z.object({
  linkRef: EntityIdSchema,
  tokenHash: Sha256Schema,
  auditId: EntityIdSchema,
  ori: OriSchema,
  role: ContactRoleSchema,
  reason: z.enum(UPLOAD_LINK_REASONS),
  issuedAt: IsoDateTimeSchema,
  expiresAt: IsoDateTimeSchema,
  revokedAt: IsoDateTimeSchema.optional(),
  revokedReason: z.string().max(2000).optional(),
  version: VersionSchema,
});
export type UploadLink = z.infer<typeof UploadLinkSchema>;

/** An uploaded object that did not match its declaration: kept in the bucket, never evidence. */
export const UploadRejectionSchema = z.object({
  rejectionId: EntityIdSchema,
  auditId: EntityIdSchema,
  requestId: EntityIdSchema,
  /** Set when the refused file was verification evidence for a remediation task (kept under its request). */
  taskId: EntityIdSchema.optional(),
  ori: OriSchema,
  objectKey: z.string().min(1).max(1024),
  objectVersion: z.string().min(1),
  fileName: z.string().max(255).optional(),
  linkRef: EntityIdSchema.optional(),
  reasons: z.array(z.string().min(1)).min(1),
  declaredSha256: Sha256Schema.optional(),
  actualSha256: Sha256Schema.optional(),
  at: IsoDateTimeSchema,
});
export type UploadRejection = z.infer<typeof UploadRejectionSchema>;
