import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { expect } from 'vitest';
import { ADMINISTRATORS_GROUP } from '../../../functions/api/administrators.js';
import { matchPath } from '../../../functions/api/path-template.js';
import { adminApiRoutes } from '../../../functions/api/routes.js';
import { handler } from '../../../functions/handlers/admin-api.js';

type Claims = APIGatewayProxyEventV2WithJWTAuthorizer['requestContext']['authorizer']['jwt']['claims'];

export const administratorClaims: Claims = {
  sub: 'a1b2c3d4-administrator',
  email: 'ana.auditor@doj.ca.gov',
  'cognito:groups': `[${ADMINISTRATORS_GROUP}]`,
};

export interface ApiAnswer {
  readonly status: number;
  readonly headers: Record<string, string>;
  // biome-ignore lint/suspicious/noExplicitAny: answers are read field by field in the tests
  readonly json: any;
}

/**
 * Calls the admin API the way API Gateway does (an HTTP API payload 2.0 event after the JWT authorizer), so
 * the integration tests run the deployed entry point. Every success is also checked against the route's
 * documented response schema: the OpenAPI document cannot drift from what the API answers.
 */
export async function callAdminApi(
  method: string,
  target: string,
  options: { body?: unknown; claims?: Claims } = {},
): Promise<ApiAnswer> {
  const url = new URL(target, 'https://admin.test');
  const body =
    options.body === undefined
      ? undefined
      : typeof options.body === 'string'
        ? options.body
        : JSON.stringify(options.body);
  const event = {
    version: '2.0',
    routeKey: '$default',
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers: { 'content-type': 'application/json' },
    isBase64Encoded: false,
    ...(body === undefined ? {} : { body }),
    requestContext: {
      accountId: '123456789012',
      apiId: 'admin',
      domainName: 'admin.test',
      domainPrefix: 'admin',
      http: { method, path: url.pathname, protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'vitest' },
      requestId: `req-${Math.random().toString(36).slice(2)}`,
      routeKey: '$default',
      stage: '$default',
      time: '10/Jun/2026:16:00:00 +0000',
      timeEpoch: 0,
      authorizer: {
        principalId: '',
        integrationLatency: 0,
        jwt: { claims: options.claims ?? administratorClaims, scopes: [] },
      },
    },
  } as APIGatewayProxyEventV2WithJWTAuthorizer;
  const response = await handler(event);
  const answer: ApiAnswer = {
    status: response.statusCode ?? 0,
    headers: (response.headers ?? {}) as Record<string, string>,
    json: JSON.parse(String(response.body)),
  };
  if (answer.status < 300) {
    const route = adminApiRoutes.find(
      (candidate) => candidate.method === method && matchPath(candidate.path, url.pathname).matched,
    );
    const contract = route?.response.body.schema.safeParse(answer.json);
    expect(contract?.success, `${method} ${target} answers per its schema: ${contract?.error?.message}`).toBe(
      true,
    );
  }
  return answer;
}
