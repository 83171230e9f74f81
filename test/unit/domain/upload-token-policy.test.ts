import { describe, expect, it } from 'vitest';
import {
  countFailure,
  scopeCovers,
  tokenDenial,
  UPLOAD_TOKEN_LOCKOUT,
  type UploadTokenState,
} from '../../../functions/domain/access/upload-token-policy.js';

const scope = { agencyOri: 'CA0190000', auditId: 'aud_1', requestIds: ['req_a', 'req_b'] };
const state = (overrides: Partial<UploadTokenState> = {}): UploadTokenState => ({
  scope,
  expiresAt: '2027-01-31T08:00:00.000Z',
  failureCount: 0,
  ...overrides,
});
const at = (iso: string) => new Date(iso);

describe('Function: tokenDenial', () => {
  it('allows a live link and denies it from the expiry instant on', () => {
    expect(tokenDenial(state(), at('2027-01-31T07:59:59.999Z'))).toBeUndefined();
    expect(tokenDenial(state(), at('2027-01-31T08:00:00.000Z'))).toBe('expired');
  });

  it('reports revocation and lockout before expiry', () => {
    const late = at('2028-01-01T00:00:00Z');
    expect(
      tokenDenial(state({ revokedAt: '2026-12-01T00:00:00Z', lockedAt: '2026-12-02T00:00:00Z' }), late),
    ).toBe('revoked');
    expect(tokenDenial(state({ lockedAt: '2026-12-02T00:00:00Z' }), late)).toBe('locked');
  });
});

describe('Function: scopeCovers', () => {
  it('covers only its own audit and requests', () => {
    expect(scopeCovers(scope, { auditId: 'aud_1' })).toBe(true);
    expect(scopeCovers(scope, { auditId: 'aud_1', requestId: 'req_b' })).toBe(true);
    expect(scopeCovers(scope, { auditId: 'aud_1', requestId: 'req_z' })).toBe(false);
    expect(scopeCovers(scope, { auditId: 'aud_2', requestId: 'req_a' })).toBe(false);
  });
});

describe('Function: countFailure', () => {
  it(`locks after ${UPLOAD_TOKEN_LOCKOUT.maxFailures} failures within 15 minutes`, () => {
    let current: Parameters<typeof countFailure>[0] = { failureCount: 0 };
    const start = Date.parse('2026-12-01T10:00:00Z');
    for (let failure = 1; failure <= 4; failure++) {
      current = countFailure(current, new Date(start + failure * 60_000));
      expect(current.lockedAt).toBeUndefined();
    }
    current = countFailure(current, new Date(start + 14 * 60_000));
    expect(current).toMatchObject({ failureCount: 5, lockedAt: '2026-12-01T10:14:00.000Z' });
  });

  it('starts a new window once 15 minutes have passed since the first failure', () => {
    const first = countFailure({ failureCount: 0 }, at('2026-12-01T10:00:00Z'));
    const later = countFailure({ ...first, failureCount: 4 }, at('2026-12-01T10:15:00Z'));
    expect(later).toEqual({ failureWindowStartedAt: '2026-12-01T10:15:00.000Z', failureCount: 1 });
  });

  it('keeps an existing lock', () => {
    const locked = countFailure(
      { failureCount: 5, lockedAt: '2026-12-01T10:00:00Z' },
      at('2026-12-02T00:00:00Z'),
    );
    expect(locked.lockedAt).toBe('2026-12-01T10:00:00Z');
  });
});
