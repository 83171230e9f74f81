import type { Actor } from '../domain/schemas/common.js';
import { API_ERROR_CODES, ApiError } from './api-errors.js';

/** The Cognito group whose members may use the admin API; the CDK construct creates it under this name. */
export const ADMINISTRATORS_GROUP = 'clets-administrators';

export type JwtClaims = Readonly<Record<string, string | number | boolean | readonly string[] | undefined>>;

/**
 * The groups in a `cognito:groups` claim. API Gateway's JWT authorizer hands array claims to Lambda as one
 * string, "[a b]", so that form is read as well as a real array and a JSON array.
 */
export function groupsInClaim(claim: unknown): string[] {
  if (Array.isArray(claim)) return claim.map(String);
  if (typeof claim !== 'string') return [];
  return claim
    .replace(/^\[|\]$/g, '')
    .split(/[\s,]+/)
    .map((group) => group.replace(/^"|"$/g, ''))
    .filter(Boolean);
}

const unauthorized = (message: string) => new ApiError(401, API_ERROR_CODES.unauthorized, message);

/**
 * The administrator a verified token speaks for. API Gateway has already checked the token's signature,
 * issuer, audience and expiry; this checks the group, which the JWT authorizer cannot.
 */
export function administratorFromClaims(claims: JwtClaims | undefined): Actor {
  const id = claims?.sub ?? claims?.email;
  if (typeof id !== 'string' || id.length === 0) {
    throw unauthorized('Send a Cognito token of the admin user pool: Authorization: Bearer <token>.');
  }
  if (!groupsInClaim(claims?.['cognito:groups']).includes(ADMINISTRATORS_GROUP)) {
    throw new ApiError(
      403,
      API_ERROR_CODES.forbidden,
      `This API is for members of the ${ADMINISTRATORS_GROUP} group; ask an administrator to add your user to it.`,
    );
  }
  return { type: 'administrator', id };
}
