import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import {
  InvalidCursorError,
  ItemNotFoundError,
  PersistenceThrottledError,
  VersionConflictError,
} from '../../../functions/adapters/dynamodb/persistence-errors.js';
import { API_ERROR_CODES, ApiError, MAX_BODY_BYTES } from '../../../functions/api/api-errors.js';
import { type ApiRoute, defineRoute } from '../../../functions/api/api-route.js';
import { type ApiRequest, handleApiRequest } from '../../../functions/api/router.js';
import {
  DomainValidationError,
  IllegalTransitionError,
  UnknownObligationError,
} from '../../../functions/domain/errors.js';
import { OriSchema } from '../../../functions/domain/schemas/common.js';

/** A small table that exercises every part of the router without any service behind it. */
const createThing = vi.fn(async (body: { name: string; tags: { label: string }[] }) => ({
  id: 't1',
  ...body,
}));
const failWith = vi.fn(async (): Promise<{ ok: boolean }> => ({ ok: true }));

const routes: ApiRoute[] = [
  defineRoute({
    method: 'POST',
    path: '/things',
    operationId: 'createThing',
    summary: 'Creates a thing.',
    tag: 'Things',
    access: 'administrators',
    params: z.strictObject({}),
    query: z.strictObject({}),
    body: {
      name: 'CreateThing',
      schema: z.strictObject({
        name: z.string().min(1, 'name is required'),
        tags: z.array(z.strictObject({ label: z.string() })).default([]),
      }),
    },
    response: { status: 201, body: { name: 'Thing', schema: z.object({ id: z.string() }) } },
    errors: [409],
    handle: ({ body }) => createThing(body),
  }),
  defineRoute({
    method: 'GET',
    path: '/things/{ori}',
    operationId: 'getThing',
    summary: 'Gets a thing.',
    tag: 'Things',
    access: 'administrators',
    params: z.strictObject({ ori: OriSchema }),
    query: z.strictObject({ verbose: z.enum(['true', 'false']).optional() }),
    response: { status: 200, body: { name: 'Outcome', schema: z.object({ ok: z.boolean() }) } },
    errors: [404],
    handle: () => failWith(),
  }),
  defineRoute({
    method: 'POST',
    path: '/things/{ori}/poke',
    operationId: 'pokeThing',
    summary: 'Pokes a thing; takes no body.',
    tag: 'Things',
    access: 'administrators',
    params: z.strictObject({ ori: OriSchema }),
    query: z.strictObject({}),
    response: { status: 202, body: { name: 'Outcome', schema: z.object({ ok: z.boolean() }) } },
    errors: [],
    handle: () => failWith(),
  }),
];

const administrator = { type: 'administrator' as const, id: 'admin-1' };

function request(method: string, path: string, body = '', query = ''): ApiRequest {
  return {
    method,
    rawPath: path,
    query: new URLSearchParams(query),
    requestId: 'req-1',
    readBody: async () => body,
  };
}

async function call(apiRequest: ApiRequest, options: { authenticate?: () => typeof administrator } = {}) {
  const log = vi.fn();
  const response = await handleApiRequest(apiRequest, {
    routes,
    authenticate: options.authenticate ?? (() => administrator),
    log,
  });
  return { response, json: JSON.parse(response.body), log };
}

describe('Function: handleApiRequest', () => {
  beforeEach(() => {
    vi.clearAllMocks();
  });

  describe('routing', () => {
    it('runs the matched route and answers with its success status and JSON headers', async () => {
      // Act
      const { response, json } = await call(request('POST', '/things', '{"name":"lamp"}'));
      // Assess
      expect(response.status).toBe(201);
      expect(json).toEqual({ id: 't1', name: 'lamp', tags: [] });
      expect(response.headers).toMatchObject({
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'no-store',
        'x-request-id': 'req-1',
      });
    });

    it('answers an unknown path with 404 in the error shape', async () => {
      const { response, json } = await call(request('GET', '/nothing/here'));
      expect(response.status).toBe(404);
      expect(json).toEqual({
        error: {
          code: 'NotFound',
          message: 'Nothing is served at GET /nothing/here. GET /openapi.json lists every route.',
        },
      });
    });

    it('answers a known path with another method with 405 and an Allow header', async () => {
      const { response, json } = await call(request('DELETE', '/things'));
      expect(response.status).toBe(405);
      expect(response.headers.allow).toBe('POST');
      expect(json.error.code).toBe('MethodNotAllowed');
    });

    it('decodes path parameters and ignores one trailing slash', async () => {
      const { response } = await call(request('GET', '/things/ca0190000/'));
      expect(response.status).toBe(200);
    });
  });

  describe('authorization', () => {
    it('answers 401 or 403 as the authenticator decides, before reading the body', async () => {
      // Prepare
      const readBody = vi.fn(async () => '{"name":"lamp"}');
      const forbid = () => {
        throw new ApiError(403, API_ERROR_CODES.forbidden, 'not an administrator');
      };
      // Act
      const { response, json } = await call(
        { ...request('POST', '/things'), readBody },
        { authenticate: forbid },
      );
      // Assess
      expect(response.status).toBe(403);
      expect(json).toEqual({ error: { code: 'Forbidden', message: 'not an administrator' } });
      expect(readBody).not.toHaveBeenCalled();
      expect(createThing).not.toHaveBeenCalled();
    });
  });

  describe('validation', () => {
    it('answers malformed JSON with 400 MalformedJson without quoting the body', async () => {
      const { response, json } = await call(request('POST', '/things', '{"name": "secret-value"'));
      expect(response.status).toBe(400);
      expect(json.error.code).toBe('MalformedJson');
      expect(response.body).not.toContain('secret-value');
    });

    it('names each unknown body field, nested ones too, with the fields allowed there', async () => {
      const { response, json } = await call(
        request(
          'POST',
          '/things',
          JSON.stringify({ name: 'lamp', colour: 'red', tags: [{ label: 'a', x: 1 }] }),
        ),
      );
      expect(response.status).toBe(400);
      expect(json.error).toMatchObject({
        code: 'ValidationFailed',
        issues: [
          'tags[0].x: is not a field of this request body; allowed: label',
          'colour: is not a field of this request body; allowed: name, tags',
        ],
      });
    });

    it('names unknown and repeated query parameters and bad path parameters, all at once', async () => {
      const { response, json } = await call(
        request('GET', '/things/XX', '', 'verbose=true&verbose=false&page=2'),
      );
      expect(response.status).toBe(400);
      expect(json.error.issues).toEqual([
        expect.stringMatching(/^ori: ORI must be 9 characters/),
        'verbose: is given more than once; give it once',
        'page: is not a query parameter of GET /things/{ori}; allowed: verbose',
      ]);
    });

    it('requires a body where the route takes one, and refuses one where it does not', async () => {
      const missing = await call(request('POST', '/things', '  '));
      const unexpected = await call(request('POST', '/things/CA0190000/poke', '{"force":true}'));
      const emptyObject = await call(request('POST', '/things/CA0190000/poke', '{}'));
      expect(missing.json.error.issues).toEqual(['(body): is required: a JSON object']);
      expect(unexpected.json.error.issues).toEqual([
        '(body): this endpoint takes no request body; send none',
      ]);
      expect(emptyObject.response.status).toBe(202);
    });

    it('answers a body over 256 KB with 413, also when the front end did not stop it', async () => {
      const oversized = JSON.stringify({ name: 'x'.repeat(MAX_BODY_BYTES) });
      const { response, json } = await call(request('POST', '/things', oversized));
      expect(response.status).toBe(413);
      expect(json.error.code).toBe('PayloadTooLarge');
    });
  });

  describe('error mapping', () => {
    it.each([
      [new ItemNotFoundError('Agency', 'CA0190000'), 404, 'NotFound'],
      [new VersionConflictError('Agency', 'AGENCY#CA0190000/PROFILE', 3), 409, 'VersionConflict'],
      [
        new IllegalTransitionError({
          entity: 'audit',
          entityId: 'aud_1',
          from: 'closed',
          action: 'cancel',
          allowedActions: [],
        }),
        409,
        'StateConflict',
      ],
      [new InvalidCursorError(), 400, 'InvalidCursor'],
      [new DomainValidationError('agency', ['contacts: needs a tac']), 400, 'ValidationFailed'],
      [new UnknownObligationError('nope', ['account-review']), 400, 'ValidationFailed'],
      [new PersistenceThrottledError(6), 503, 'ServiceBusy'],
    ])('maps %s to %i %s', async (error, status, code) => {
      // Prepare
      failWith.mockRejectedValueOnce(error);
      // Act
      const { response, json, log } = await call(request('GET', '/things/CA0190000'));
      // Assess
      expect(response.status).toBe(status);
      expect(json.error.code).toBe(code);
      expect(log).not.toHaveBeenCalled();
    });

    it('does not reveal storage keys in a version conflict', async () => {
      failWith.mockRejectedValueOnce(new VersionConflictError('Agency', 'AGENCY#CA0190000/PROFILE', 3));
      const { json } = await call(request('GET', '/things/CA0190000'));
      expect(json.error.message).toBe(
        'The agency was changed by someone else since version 3: read it again and retry with its current version.',
      );
    });

    it('answers anything else with a bare 500 and logs the error with the request id, never the body', async () => {
      // Prepare
      createThing.mockRejectedValueOnce(new Error('connect ECONNREFUSED 10.0.0.12:443'));
      // Act
      const { response, json, log } = await call(request('POST', '/things', '{"name":"confidential-name"}'));
      // Assess
      expect(response.status).toBe(500);
      expect(json).toEqual({
        error: {
          code: 'InternalError',
          message:
            'The request failed unexpectedly; nothing about it is disclosed here. Quote request id req-1 when reporting it.',
        },
      });
      expect(log).toHaveBeenCalledTimes(1);
      const entry = log.mock.calls[0]?.[0] as Record<string, unknown>;
      expect(entry).toMatchObject({
        level: 'ERROR',
        requestId: 'req-1',
        operationId: 'createThing',
        error: { name: 'Error', message: 'connect ECONNREFUSED 10.0.0.12:443' },
      });
      expect(JSON.stringify(entry)).not.toContain('confidential-name');
    });
  });
});
