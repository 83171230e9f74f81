import { randomBytes, randomUUID } from 'node:crypto';
import { API_ERROR_CODES, ApiError, MAX_BODY_BYTES, payloadTooLarge } from '../functions/api/api-errors.js';
import type { ApiRoute } from '../functions/api/api-route.js';
import { handleApiRequest, type RouterOptions } from '../functions/api/router.js';
import { adminApiRoutes as adminApiRouteTable } from '../functions/api/routes.js';
import type { Actor } from '../functions/domain/schemas/common.js';
import { hasBearerToken } from './bearer-token.js';
import type { FrontDoorRequest, FrontDoorRoute } from './front-door.js';
import type { FrontDoorResponse } from './http-responses.js';

/** Every change made through the sandbox's admin API is recorded in the trail as this administrator. */
export const SANDBOX_ADMINISTRATOR: Actor = { type: 'administrator', id: 'sandbox-admin' };

/** A fresh token for one sandbox run: 256 random bits, printed at start, never stored. */
export const createAdminToken = (): string => randomBytes(32).toString('base64url');

export interface AdminApiRoutesOptions {
  /** The bearer token callers must send; see createAdminToken. */
  readonly token: string;
  /** The route table to serve; the admin API's by default. */
  readonly routes?: readonly ApiRoute[];
  readonly log?: RouterOptions['log'];
}

function headerValue(request: FrontDoorRequest, name: string): string | undefined {
  const value = request.headers?.[name];
  return Array.isArray(value) ? value[0] : value;
}

function bearerCheck(request: FrontDoorRequest, token: string): (route: ApiRoute) => Actor {
  return (route) => {
    // The API description is public here so a browser or code generator can read it; in AWS it needs a token.
    if (route.access === 'documentation') return SANDBOX_ADMINISTRATOR;
    if (!hasBearerToken(request, token)) {
      throw new ApiError(
        401,
        API_ERROR_CODES.unauthorized,
        'Send the token the sandbox printed at start: Authorization: Bearer <token>.',
        [],
        { 'www-authenticate': 'Bearer realm="clets-admin-api"' },
      );
    }
    return SANDBOX_ADMINISTRATOR;
  };
}

/** The body as text for the shared router; over the router's limit it is the router's own 413. */
export async function readRouterBody(request: FrontDoorRequest): Promise<string> {
  if (!request.readBody) return '';
  const bytes = await request.readBody(MAX_BODY_BYTES);
  if (bytes === undefined) throw payloadTooLarge();
  return bytes.toString('utf8');
}

/**
 * The admin API's route table as front-door routes, each behind the bearer token. The router matches the
 * route again from the raw path (the front door only picks one), so the sandbox and Lambda run the very
 * same matching, validation and error mapping.
 */
export function adminApiRoutes(options: AdminApiRoutesOptions): FrontDoorRoute[] {
  const routes = options.routes ?? adminApiRouteTable;
  const serve = async (request: FrontDoorRequest): Promise<FrontDoorResponse> => {
    const host = headerValue(request, 'host');
    return handleApiRequest(
      {
        method: request.method,
        rawPath: request.path,
        query: request.query,
        requestId: randomUUID(),
        ...(host ? { baseUrl: `http://${host}` } : {}),
        readBody: () => readRouterBody(request),
      },
      { routes, authenticate: bearerCheck(request, options.token), log: options.log },
    );
  };
  return routes.map((route) => ({
    method: route.method,
    path: route.path,
    summary: `Admin API${route.access === 'documentation' ? '' : ' (bearer token)'}: ${route.summary}`,
    handle: serve,
  }));
}
