/**
 * Rules for account-less upload links. A link carries a random token; the system keeps only its hash plus
 * the scope it grants. These functions decide, from the stored record and the time, whether a use is
 * allowed, and how a failed use counts toward lockout. They hold no I/O, so the rules are tested alone.
 */

export const UPLOAD_TOKEN_LOCKOUT = {
  /** This many failed uses within the window lock the link until an administrator reissues it. */
  maxFailures: 5,
  windowMilliseconds: 15 * 60 * 1000,
} as const;

export interface UploadTokenScope {
  readonly agencyOri: string;
  readonly auditId: string;
  /** The evidence requests the link may upload to. */
  readonly requestIds: readonly string[];
}

export interface UploadTokenState {
  readonly scope: UploadTokenScope;
  readonly expiresAt: string;
  readonly revokedAt?: string;
  readonly lockedAt?: string;
  readonly failureWindowStartedAt?: string;
  readonly failureCount: number;
}

export type TokenDenial = 'expired' | 'revoked' | 'locked';

/** Why a link cannot be used now, or undefined when it can. Revocation and lockout outrank expiry. */
export function tokenDenial(state: UploadTokenState, now: Date): TokenDenial | undefined {
  if (state.revokedAt) return 'revoked';
  if (state.lockedAt) return 'locked';
  if (now.getTime() >= Date.parse(state.expiresAt)) return 'expired';
  return undefined;
}

/** Whether the link's scope covers this audit and request (the agency is implied by the audit). */
export function scopeCovers(
  scope: UploadTokenScope,
  target: { auditId: string; requestId?: string },
): boolean {
  if (scope.auditId !== target.auditId) return false;
  return target.requestId === undefined || scope.requestIds.includes(target.requestId);
}

/**
 * Counts a failed use: failures inside the window accumulate; the first failure after the window has passed
 * starts a new window. Reaching the maximum sets `lockedAt`.
 */
export function countFailure(
  state: Pick<UploadTokenState, 'failureWindowStartedAt' | 'failureCount' | 'lockedAt'>,
  now: Date,
): { failureWindowStartedAt: string; failureCount: number; lockedAt?: string } {
  const windowStart = state.failureWindowStartedAt ? Date.parse(state.failureWindowStartedAt) : undefined;
  const inWindow =
    windowStart !== undefined && now.getTime() - windowStart < UPLOAD_TOKEN_LOCKOUT.windowMilliseconds;
  const failureWindowStartedAt = inWindow ? (state.failureWindowStartedAt as string) : now.toISOString();
  const failureCount = inWindow ? state.failureCount + 1 : 1;
  const lockedAt =
    state.lockedAt ?? (failureCount >= UPLOAD_TOKEN_LOCKOUT.maxFailures ? now.toISOString() : undefined);
  return { failureWindowStartedAt, failureCount, ...(lockedAt ? { lockedAt } : {}) };
}
