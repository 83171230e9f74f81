import { createHash, timingSafeEqual } from 'node:crypto';
import type { FrontDoorRequest } from './front-door.js';
import { errorResponse, type FrontDoorResponse } from './http-responses.js';

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * Whether the request carries `Authorization: Bearer <token>`. Digests are compared in constant time, so
 * neither the token's length nor a matching prefix shows in the timing.
 */
export function hasBearerToken(request: FrontDoorRequest, token: string): boolean {
  const header = request.headers?.authorization ?? '';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] !== undefined && timingSafeEqual(digest(match[1]), digest(token));
}

/** The 401 for a sandbox endpoint that changes something and was called without the printed token. */
export function missingBearerToken(): FrontDoorResponse {
  return errorResponse(
    401,
    'Unauthorized',
    'Send the token the sandbox printed at start: Authorization: Bearer <token>.',
    { 'www-authenticate': 'Bearer realm="clets-sandbox"' },
  );
}
