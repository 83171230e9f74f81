import { beforeAll, describe, expect, it } from 'vitest';
import { buildOpenApiDocument, type OpenApiDocument } from '../../../functions/api/openapi.js';
import { pathParameterNames } from '../../../functions/api/path-template.js';
import { adminApiRoutes } from '../../../functions/api/routes.js';

type Operation = {
  operationId: string;
  parameters: { name: string; in: string; required: boolean; schema: Record<string, unknown> }[];
  requestBody?: { content: { 'application/json': { schema: { $ref: string } } } };
  responses: Record<
    string,
    { $ref?: string; content?: { 'application/json': { schema: { $ref: string } } } }
  >;
};

let document: OpenApiDocument;
const operation = (method: string, path: string) =>
  (document.paths as Record<string, Record<string, Operation>>)[path]?.[method.toLowerCase()] as Operation;

/** Every `$ref` in the document, so each can be checked to point at something that exists. */
function referencesIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(referencesIn);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) =>
    key === '$ref' && typeof inner === 'string' ? [inner] : referencesIn(inner),
  );
}

describe('Function: buildOpenApiDocument', () => {
  beforeAll(() => {
    document = buildOpenApiDocument(adminApiRoutes);
  });

  it('is an OpenAPI 3.1 document protected by a bearer token', () => {
    expect(document).toMatchObject({
      openapi: '3.1.0',
      security: [{ administratorToken: [] }],
      components: { securitySchemes: { administratorToken: { type: 'http', scheme: 'bearer' } } },
    });
  });

  it('describes every route of the table, each with a unique operation id', () => {
    const ids = adminApiRoutes.map((route) => operation(route.method, route.path)?.operationId);
    expect(ids).toEqual(adminApiRoutes.map((route) => route.operationId));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(adminApiRoutes.map((route) => [route.method, route.path, route] as const))(
    '%s %s: path parameters, query parameters, body and responses',
    (method, path, route) => {
      const described = operation(method, path);
      const pathParameters = described.parameters.filter((parameter) => parameter.in === 'path');
      expect(pathParameters.map((parameter) => parameter.name)).toEqual(pathParameterNames(path));
      expect(pathParameters.every((parameter) => parameter.required)).toBe(true);
      expect(described.parameters.filter((parameter) => parameter.in === 'query').map((p) => p.name)).toEqual(
        Object.keys(route.query.shape),
      );
      expect(described.requestBody?.content['application/json'].schema.$ref).toBe(
        route.body ? `#/components/schemas/${route.body.name}` : undefined,
      );
      const statuses = Object.keys(described.responses);
      expect(statuses).toEqual(
        expect.arrayContaining([
          String(route.response.status),
          '400',
          '401',
          '403',
          '500',
          ...route.errors.map(String),
        ]),
      );
      expect(described.responses['400']).toEqual({ $ref: '#/components/responses/Error400' });
    },
  );

  it('documents paging parameters with their limits', () => {
    const limit = operation('GET', '/agencies').parameters.find((parameter) => parameter.name === 'limit');
    expect(limit).toMatchObject({
      required: false,
      schema: { type: 'integer', minimum: 1, maximum: 100, default: 50 },
    });
  });

  it('documents the error body once and refers to it from every error response', () => {
    const components = document.components as {
      schemas: Record<string, { properties?: Record<string, unknown> }>;
      responses: Record<string, unknown>;
    };
    expect(components.schemas.Error?.properties).toHaveProperty('error');
    expect(Object.keys(components.responses)).toEqual(
      expect.arrayContaining([
        'Error400',
        'Error401',
        'Error403',
        'Error404',
        'Error409',
        'Error413',
        'Error500',
      ]),
    );
  });

  it('documents request bodies as clients send them: defaults optional, unknown fields refused', () => {
    const schemas = (document.components as { schemas: Record<string, Record<string, unknown>> }).schemas;
    expect(schemas.CreateEnrollmentRequest).toMatchObject({
      additionalProperties: false,
      required: ['programId', 'anchorDate'],
    });
    expect(schemas.CreateAgencyRequest).toMatchObject({ additionalProperties: false });
  });

  it('has no reference to anything it does not define', () => {
    for (const reference of referencesIn(document)) {
      const [, kind, name] = reference.split('/').slice(1);
      const components = document.components as Record<string, Record<string, unknown>>;
      expect(components[kind as string]?.[name as string], reference).toBeDefined();
    }
  });
});
