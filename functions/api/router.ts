import type { Actor } from '../domain/schemas/common.js';
import { API_ERROR_CODES, ApiError, MAX_BODY_BYTES, payloadTooLarge } from './api-errors.js';
import type { ApiRoute } from './api-route.js';
import { toApiError } from './error-mapping.js';
import { matchPath } from './path-template.js';
import { parseRouteInput } from './request-input.js';

/** A request as both front ends (API Gateway, the sandbox) can describe it. */
export interface ApiRequest {
  readonly method: string;
  /** The path as received, still percent-encoded, without the query string. */
  readonly rawPath: string;
  readonly query: URLSearchParams;
  /** Correlates the response (x-request-id) with the log line of a failure. */
  readonly requestId: string;
  readonly baseUrl?: string;
  /** The body as text; rejects with a 413 ApiError when it is over MAX_BODY_BYTES. Read only after authorization. */
  readBody(): Promise<string>;
}

export interface ApiResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

export interface RouterOptions {
  readonly routes: readonly ApiRoute[];
  /** Who is calling, for this route; throws a 401 or 403 ApiError when the caller may not. */
  authenticate(route: ApiRoute): Actor;
  /** Where failures are written; never given a body. Defaults to one JSON line on stderr. */
  readonly log?: (entry: Record<string, unknown>) => void;
}

const logAsJsonLine = (entry: Record<string, unknown>) => console.error(JSON.stringify(entry));

function jsonResponse(
  status: number,
  value: unknown,
  requestId: string,
  headers: Readonly<Record<string, string>> = {},
): ApiResponse {
  return {
    status,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      // Answers name agencies and people: never cache them, never let a browser sniff them into HTML.
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'x-request-id': requestId,
      ...headers,
    },
    body: JSON.stringify(value),
  };
}

function errorResponse(error: ApiError, requestId: string): ApiResponse {
  const body = {
    error: {
      code: error.code,
      message: error.message,
      ...(error.issues.length > 0 ? { issues: error.issues } : {}),
    },
  };
  return jsonResponse(error.status, body, requestId, error.headers);
}

type RouteMatch = { route: ApiRoute; params: Record<string, string> };

function findRoute(routes: readonly ApiRoute[], method: string, rawPath: string): RouteMatch {
  const onPath = routes
    .map((route) => ({ route, match: matchPath(route.path, rawPath) }))
    .filter((candidate) => candidate.match.matched);
  const found = onPath.find((candidate) => candidate.route.method === method);
  if (found?.match.matched) return { route: found.route, params: found.match.params };
  if (onPath.length > 0) {
    const allowed = onPath.map((candidate) => candidate.route.method).join(', ');
    throw new ApiError(405, API_ERROR_CODES.methodNotAllowed, `${rawPath} answers ${allowed} only.`, [], {
      allow: allowed,
    });
  }
  throw new ApiError(
    404,
    API_ERROR_CODES.notFound,
    `Nothing is served at ${method} ${rawPath}. GET /openapi.json lists every route.`,
  );
}

async function readBoundedBody(request: ApiRequest): Promise<string> {
  const body = await request.readBody();
  // Front ends enforce the limit while reading; this catches one that does not.
  if (Buffer.byteLength(body, 'utf8') > MAX_BODY_BYTES) throw payloadTooLarge();
  return body;
}

/**
 * The admin API's router: matches the route (404, 405), authorizes the caller (401, 403), reads and validates
 * the input (413, 400), runs the route's service call and maps whatever it throws (toApiError). A failure
 * that maps to nothing is a 500: logged with the request id, the route and the error, never the body.
 */
export async function handleApiRequest(request: ApiRequest, options: RouterOptions): Promise<ApiResponse> {
  let matched: RouteMatch | undefined;
  try {
    matched = findRoute(options.routes, request.method, request.rawPath);
    const { route } = matched;
    const actor = options.authenticate(route);
    const body = await readBoundedBody(request);
    const input = parseRouteInput(route, { params: matched.params, query: request.query, body });
    const result = await route.handle({
      ...input,
      context: { actor, requestId: request.requestId, baseUrl: request.baseUrl },
    });
    return jsonResponse(route.response.status, result, request.requestId);
  } catch (error) {
    const known = toApiError(error);
    if (known) return errorResponse(known, request.requestId);
    (options.log ?? logAsJsonLine)({
      level: 'ERROR',
      message: 'admin API request failed',
      requestId: request.requestId,
      method: request.method,
      route: matched?.route.path,
      operationId: matched?.route.operationId,
      error:
        error instanceof Error
          ? { name: error.name, message: error.message, stack: error.stack }
          : { value: String(error) },
    });
    return errorResponse(
      new ApiError(
        500,
        API_ERROR_CODES.internalError,
        `The request failed unexpectedly; nothing about it is disclosed here. Quote request id ${request.requestId} when reporting it.`,
      ),
      request.requestId,
    );
  }
}
