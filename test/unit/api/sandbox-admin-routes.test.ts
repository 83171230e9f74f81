import { describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import { defineRoute } from '../../../functions/api/api-route.js';
import {
  adminApiRoutes,
  createAdminToken,
  SANDBOX_ADMINISTRATOR,
} from '../../../sandbox/admin-api-routes.js';
import type { FrontDoorRequest } from '../../../sandbox/front-door.js';

const whoAmI = vi.fn(async ({ context }: { context: { actor: unknown } }) => ({ actor: context.actor }));
const routes = [
  defineRoute({
    method: 'POST',
    path: '/echo/{name}',
    operationId: 'echo',
    summary: 'Echoes the caller.',
    tag: 'Test',
    access: 'administrators',
    params: z.strictObject({ name: z.string() }),
    query: z.strictObject({}),
    body: { name: 'Echo', schema: z.strictObject({ note: z.string() }) },
    response: { status: 200, body: { name: 'Echoed', schema: z.object({ actor: z.unknown() }) } },
    errors: [],
    handle: whoAmI,
  }),
  defineRoute({
    method: 'GET',
    path: '/docs.json',
    operationId: 'docs',
    summary: 'Public documentation.',
    tag: 'Test',
    access: 'documentation',
    params: z.strictObject({}),
    query: z.strictObject({}),
    response: { status: 200, body: { name: 'Docs', schema: z.object({ ok: z.boolean() }) } },
    errors: [],
    handle: async () => ({ ok: true }),
  }),
];

const token = createAdminToken();
const [echoRoute, docsRoute] = adminApiRoutes({ token, routes });

function frontDoorRequest(
  method: 'GET' | 'POST',
  path: string,
  headers: FrontDoorRequest['headers'],
  body = '{"note":"hi"}',
): FrontDoorRequest {
  return {
    method,
    path,
    query: new URLSearchParams(),
    headers,
    readBody: async (maxBytes) => {
      const bytes = Buffer.from(body);
      return bytes.length > maxBytes ? undefined : bytes;
    },
  };
}

describe('Function: adminApiRoutes (sandbox)', () => {
  it('turns each route of the table into a front-door route with its method, path and summary', () => {
    expect(adminApiRoutes({ token, routes }).map(({ method, path }) => `${method} ${path}`)).toEqual([
      'POST /echo/{name}',
      'GET /docs.json',
    ]);
    expect(echoRoute?.summary).toBe('Admin API (bearer token): Echoes the caller.');
  });

  it('serves a request carrying the printed token, as the sandbox administrator', async () => {
    // Act
    const response = await echoRoute?.handle(
      frontDoorRequest('POST', '/echo/ana', { authorization: `Bearer ${token}`, host: '127.0.0.1:4280' }),
    );
    // Assess
    expect(response?.status).toBe(200);
    expect(JSON.parse(response?.body ?? '')).toEqual({ actor: SANDBOX_ADMINISTRATOR });
  });

  it.each([
    ['no Authorization header', {}],
    ['another token', { authorization: `Bearer ${createAdminToken()}` }],
    ['the token without the Bearer scheme', { authorization: token }],
  ])('answers 401 for %s, with a WWW-Authenticate challenge', async (_case, headers) => {
    // Act
    const response = await echoRoute?.handle(frontDoorRequest('POST', '/echo/ana', headers));
    // Assess
    expect(response?.status).toBe(401);
    expect(response?.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(JSON.parse(response?.body ?? '').error.code).toBe('Unauthorized');
  });

  it('serves documentation routes without a token', async () => {
    const response = await docsRoute?.handle(frontDoorRequest('GET', '/docs.json', {}, ''));
    expect(response?.status).toBe(200);
  });

  it('answers 413 when the body is longer than the limit, without parsing it', async () => {
    const response = await echoRoute?.handle(
      frontDoorRequest('POST', '/echo/ana', { authorization: `Bearer ${token}` }, 'x'.repeat(300 * 1024)),
    );
    expect(response?.status).toBe(413);
  });

  it('gives each run a different 256-bit token', () => {
    const first = createAdminToken();
    expect(Buffer.from(first, 'base64url')).toHaveLength(32);
    expect(createAdminToken()).not.toBe(first);
  });
});
