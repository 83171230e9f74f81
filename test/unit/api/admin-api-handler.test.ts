import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ADMINISTRATORS_GROUP, groupsInClaim } from '../../../functions/api/administrators.js';
import { handler } from '../../../functions/handlers/admin-api.js';
import { agencyBody, storedAgency } from './api-fixtures.js';

const services = vi.hoisted(() => ({ findAgency: vi.fn(), registerAgency: vi.fn() }));
vi.mock('../../../functions/services/agencies.js', async (importOriginal) => ({
  ...(await importOriginal()),
  findAgency: services.findAgency,
  registerAgency: services.registerAgency,
}));

type Claims = APIGatewayProxyEventV2WithJWTAuthorizer['requestContext']['authorizer']['jwt']['claims'];

/** An HTTP API (payload 2.0) event as API Gateway sends it after the JWT authorizer passed. */
function apiGatewayEvent(
  method: string,
  rawPath: string,
  options: { claims?: Claims; body?: string; base64?: boolean; query?: string } = {},
): APIGatewayProxyEventV2WithJWTAuthorizer {
  const claims = options.claims ?? {
    sub: 'sub-123',
    email: 'ana@doj.ca.gov',
    'cognito:groups': `[${ADMINISTRATORS_GROUP}]`,
  };
  return {
    version: '2.0',
    routeKey: `${method} ${rawPath}`,
    rawPath,
    rawQueryString: options.query ?? '',
    headers: { 'content-type': 'application/json' },
    isBase64Encoded: options.base64 ?? false,
    ...(options.body === undefined ? {} : { body: options.body }),
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      domainName: 'abc123.execute-api.us-gov-west-1.amazonaws.com',
      domainPrefix: 'abc123',
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'test' },
      requestId: 'apigw-request-1',
      routeKey: `${method} ${rawPath}`,
      stage: '$default',
      time: '01/Jun/2026:16:00:00 +0000',
      timeEpoch: 1_780_329_600_000,
      authorizer: { principalId: '', integrationLatency: 0, jwt: { claims, scopes: [] } },
    },
  } as APIGatewayProxyEventV2WithJWTAuthorizer;
}

describe('Handler: admin-api', () => {
  beforeEach(() => {
    vi.clearAllMocks();
  });

  it('serves a route for a member of the administrators group, with the API Gateway request id', async () => {
    // Prepare
    services.findAgency.mockResolvedValueOnce(storedAgency());
    // Act
    const response = await handler(apiGatewayEvent('GET', '/agencies/CA0190000'));
    // Assess
    expect(response.statusCode).toBe(200);
    expect(response.headers).toMatchObject({ 'x-request-id': 'apigw-request-1' });
    expect(JSON.parse(response.body as string)).toMatchObject({ ori: 'CA0190000' });
  });

  it('reads a base64-encoded body and records the administrator by the token subject', async () => {
    // Prepare
    services.registerAgency.mockResolvedValueOnce({ created: true, agency: storedAgency() });
    const body = Buffer.from(JSON.stringify(agencyBody())).toString('base64');
    // Act: API Gateway base64-encodes some bodies
    const response = await handler(apiGatewayEvent('POST', '/agencies', { body, base64: true }));
    // Assess
    expect(response.statusCode).toBe(201);
    expect(services.registerAgency).toHaveBeenCalledWith(expect.objectContaining({ ori: 'CA0190000' }), {
      type: 'administrator',
      id: 'sub-123',
    });
  });

  it('answers 403 for a valid token of a user outside the administrators group', async () => {
    // Act
    const response = await handler(
      apiGatewayEvent('GET', '/agencies/CA0190000', {
        claims: { sub: 'sub-9', 'cognito:groups': '[reviewers auditors]' },
      }),
    );
    // Assess
    expect(response.statusCode).toBe(403);
    expect(JSON.parse(response.body as string).error.code).toBe('Forbidden');
    expect(services.findAgency).not.toHaveBeenCalled();
  });

  it('answers 401 when the event carries no verified subject', async () => {
    const response = await handler(apiGatewayEvent('GET', '/agencies/CA0190000', { claims: {} }));
    expect(response.statusCode).toBe(401);
    expect(JSON.parse(response.body as string).error.code).toBe('Unauthorized');
  });

  it('answers 413 for a body over 256 KB', async () => {
    const response = await handler(
      apiGatewayEvent('POST', '/agencies', { body: 'x'.repeat(256 * 1024 + 1) }),
    );
    expect(response.statusCode).toBe(413);
    expect(services.registerAgency).not.toHaveBeenCalled();
  });
});

describe('Function: groupsInClaim', () => {
  it.each([
    ['[clets-administrators reviewers]', ['clets-administrators', 'reviewers']],
    ['["clets-administrators","reviewers"]', ['clets-administrators', 'reviewers']],
    [['clets-administrators'], ['clets-administrators']],
    ['', []],
    [undefined, []],
  ])('reads %j', (claim, groups) => {
    expect(groupsInClaim(claim)).toEqual(groups);
  });
});
