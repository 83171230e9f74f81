import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminApiRoutes as adminApiRouteTable } from '../../../functions/api/routes.js';
import { adminApiRoutes, createAdminToken } from '../../../sandbox/admin-api-routes.js';
import { type FrontDoor, type FrontDoorRequest, startFrontDoor } from '../../../sandbox/front-door.js';
import { type TestTable, uniqueOri } from '../../support/test-table.js';
import { agencyBody } from '../../unit/api/api-fixtures.js';
import { callAdminApi } from './admin-api-client.js';
import { agencyFootprint, bindApiTestRuntime } from './api-runtime.js';

let table: TestTable;

beforeAll(async () => {
  ({ table } = await bindApiTestRuntime());
});

describe('Admin API: access', () => {
  it.each([
    ['no verified subject', {}, 401, 'Unauthorized'],
    [
      'a user outside the administrators group',
      { sub: 'u-1', 'cognito:groups': '[reviewers]' },
      403,
      'Forbidden',
    ],
    ['a user in no group', { sub: 'u-2', email: 'someone@agency.ca.gov' }, 403, 'Forbidden'],
  ])('refuses %s with %i and writes nothing', async (_case, claims, status, code) => {
    // Prepare
    const ori = uniqueOri();
    const before = await agencyFootprint(table, ori);
    // Act
    const answer = await callAdminApi('POST', '/agencies', { body: agencyBody(ori), claims });
    // Assess
    expect(answer.status).toBe(status);
    expect(answer.json.error.code).toBe(code);
    expect(await agencyFootprint(table, ori)).toEqual(before);
  });

  it('serves the OpenAPI document to administrators, naming the host they called', async () => {
    const { status, json } = await callAdminApi('GET', '/openapi.json');
    expect(status).toBe(200);
    expect(json).toMatchObject({ openapi: '3.1.0', servers: [{ url: 'https://admin.test' }] });
    expect(Object.keys(json.paths)).toEqual([...new Set(adminApiRouteTable.map((route) => route.path))]);
  });

  it('answers 405 with Allow for a method a path does not take, and 404 elsewhere', async () => {
    const wrongMethod = await callAdminApi('DELETE', '/agencies');
    const nowhere = await callAdminApi('GET', '/agencies/CA0190000/secrets');
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.allow).toBe('POST, GET');
    expect(nowhere.status).toBe(404);
  });
});

describe('Admin API: through the sandbox front door routes', () => {
  const token = createAdminToken();
  const routes = adminApiRoutes({ token });

  /** What the front door hands a route (see the front-door change in the report). */
  function frontDoorRequest(
    method: FrontDoorRequest['method'],
    target: string,
    options: { body?: unknown; authorization?: string } = {},
  ): FrontDoorRequest {
    const url = new URL(target, 'http://127.0.0.1:4280');
    return {
      method,
      path: url.pathname,
      query: url.searchParams,
      headers: {
        host: '127.0.0.1:4280',
        ...(options.authorization ? { authorization: options.authorization } : {}),
      },
      readBody: async () => Buffer.from(options.body === undefined ? '' : JSON.stringify(options.body)),
    };
  }

  const send = async (request: FrontDoorRequest) => {
    const route = routes.find(
      (candidate) => candidate.method === request.method && candidate.path === '/agencies',
    );
    const answer = await route?.handle(request);
    return { status: answer?.status, json: JSON.parse(answer?.body ?? '{}') };
  };

  it('registers an agency with the printed token, recorded as the sandbox administrator', async () => {
    // Prepare
    const ori = uniqueOri();
    // Act
    const { status } = await send(
      frontDoorRequest('POST', '/agencies', { body: agencyBody(ori), authorization: `Bearer ${token}` }),
    );
    // Assess
    expect(status).toBe(201);
    const [event] = await table.repository.trail.readAll(`agy_${ori}`);
    expect(event?.actor).toEqual({ type: 'administrator', id: 'sandbox-admin' });
  });

  it('refuses a missing or wrong token with 401 and writes nothing', async () => {
    const ori = uniqueOri();
    const before = await agencyFootprint(table, ori);
    const missing = await send(frontDoorRequest('POST', '/agencies', { body: agencyBody(ori) }));
    const wrong = await send(
      frontDoorRequest('POST', '/agencies', {
        body: agencyBody(ori),
        authorization: `Bearer ${createAdminToken()}`,
      }),
    );
    expect([missing.status, wrong.status]).toEqual([401, 401]);
    expect(await agencyFootprint(table, ori)).toEqual(before);
  });

  it('serves the OpenAPI document without a token, with the sandbox as its server', async () => {
    const route = routes.find((candidate) => candidate.path === '/openapi.json');
    const answer = await route?.handle(frontDoorRequest('GET', '/openapi.json'));
    expect(answer?.status).toBe(200);
    expect(JSON.parse(answer?.body ?? '{}').servers).toEqual([{ url: 'http://127.0.0.1:4280' }]);
  });
});

describe('Admin API: over HTTP through the sandbox front door', () => {
  const token = createAdminToken();
  let frontDoor: FrontDoor;

  beforeAll(async () => {
    frontDoor = await startFrontDoor({ port: 0, routes: adminApiRoutes({ token }) });
  });

  afterAll(async () => {
    await frontDoor.stop();
  });

  const send = (method: string, path: string, body?: string, authorization = `Bearer ${token}`) =>
    fetch(new URL(path, frontDoor.url), {
      method,
      headers: { authorization, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body }),
    });

  it('registers and reads an agency, with path parameters matched by the front door', async () => {
    const ori = uniqueOri();
    const created = await send('POST', '/agencies', JSON.stringify(agencyBody(ori)));
    const fetched = await send('GET', `/agencies/${ori.toLowerCase()}`);
    expect(created.status).toBe(201);
    expect(created.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(fetched.status).toBe(200);
    expect(await fetched.json()).toMatchObject({ ori });
  });

  it('answers 413 for a body over 256 KB, 401 without the token, and writes nothing', async () => {
    const ori = uniqueOri();
    const before = await agencyFootprint(table, ori);
    const oversized = await send(
      'POST',
      '/agencies',
      JSON.stringify({ ...agencyBody(ori), name: 'x'.repeat(300_000) }),
    );
    const anonymous = await send('POST', '/agencies', JSON.stringify(agencyBody(ori)), '');
    expect(oversized.status).toBe(413);
    expect(((await oversized.json()) as { error: { code: string } }).error.code).toBe('PayloadTooLarge');
    expect(anonymous.status).toBe(401);
    expect(await agencyFootprint(table, ori)).toEqual(before);
  });

  it('serves GET /openapi.json without a token', async () => {
    const response = await send('GET', '/openapi.json', undefined, '');
    expect(response.status).toBe(200);
    expect(((await response.json()) as { openapi: string }).openapi).toBe('3.1.0');
  });
});
