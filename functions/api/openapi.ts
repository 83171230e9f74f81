import * as z from 'zod';
import type { ApiErrorStatus } from './api-errors.js';
import type { ApiRoute, NamedSchema } from './api-route.js';
import { ErrorResponseSchema } from './api-schemas.js';

/** Bump on any change a client would notice. */
export const ADMIN_API_VERSION = '1.0.0';

export type OpenApiDocument = { openapi: string } & Record<string, unknown>;

type JsonSchema = Record<string, unknown>;

const SECURITY_SCHEME = 'administratorToken';

const ERROR_RESPONSES: Record<Exclude<ApiErrorStatus, 405>, string> = {
  400: 'Not valid: malformed JSON, an unknown field or query parameter, or a value that is not allowed. `issues` names each field and what it allows. Nothing was written.',
  401: 'No bearer token, or one that is not valid.',
  403: 'The caller is not in the clets-administrators group.',
  404: 'The agency, enrollment or audit named in the path does not exist.',
  409: 'Already exists, changed by someone else since the version you sent (read it again), or not allowed in its current status.',
  413: 'The request body is larger than 256 KB, or a declared upload is over the size limit.',
  415: 'The declared content type is not one the evidence request accepts.',
  500: 'An unexpected failure; no detail is disclosed. Quote the x-request-id response header when reporting it.',
  503: 'The table is throttling requests; nothing was written. Try again in a few seconds.',
};

/** Every route can answer these, whatever it does. */
const SHARED_ERRORS = [400, 401, 403, 500, 503] as const;

/** JSON Schema 2020-12, the dialect OpenAPI 3.1 uses, without the per-document `$schema` marker. */
function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    io,
    target: 'draft-2020-12',
    // Refinements (e.g. one contact per role) have no JSON Schema form; zod still enforces them.
    unrepresentable: 'any',
  }) as JsonSchema;
  return rest;
}

/**
 * zod puts what it cannot inline (the recursive JSON value of trail payloads) under `$defs` with references
 * relative to the schema's root. In a component those would resolve against the whole document, so each
 * definition becomes a component of its own, `<Component>_<definition>`, and the references follow.
 */
function hoistDefinitions(name: string, schema: JsonSchema): [string, JsonSchema][] {
  const { $defs: definitions, ...rest } = schema as JsonSchema & { $defs?: Record<string, JsonSchema> };
  if (!definitions) return [[name, rest]];
  const target = (definition: string) => `#/components/schemas/${name}_${definition}`;
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (value === null || typeof value !== 'object') return value;
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) =>
        key === '$ref' && typeof inner === 'string' && inner.startsWith('#/$defs/')
          ? [key, target(inner.slice('#/$defs/'.length))]
          : [key, rewrite(inner)],
      ),
    );
  };
  return [
    [name, rewrite(rest) as JsonSchema],
    ...Object.entries(definitions).map(([definition, inner]): [string, JsonSchema] => [
      `${name}_${definition}`,
      rewrite(inner) as JsonSchema,
    ]),
  ];
}

const ref = (name: string, kind: 'schemas' | 'responses' = 'schemas') => ({
  $ref: `#/components/${kind}/${name}`,
});

const isOptional = (schema: z.ZodType) => schema.safeParse(undefined).success;

function parametersOf(route: ApiRoute): JsonSchema[] {
  const parameter = (location: 'path' | 'query', name: string, schema: z.ZodType) => ({
    name,
    in: location,
    required: location === 'path' || !isOptional(schema),
    ...(schema.description ? { description: schema.description } : {}),
    schema: jsonSchemaOf(schema, 'input'),
  });
  return [
    ...Object.entries(route.params.shape).map(([name, schema]) =>
      parameter('path', name, schema as z.ZodType),
    ),
    ...Object.entries(route.query.shape).map(([name, schema]) =>
      parameter('query', name, schema as z.ZodType),
    ),
  ];
}

/** Collects each named schema once; two different schemas under one name is a mistake in the route table. */
class ComponentSchemas {
  private readonly entries = new Map<string, { schema: z.ZodType; io: 'input' | 'output' }>();

  add(named: NamedSchema, io: 'input' | 'output'): { $ref: string } {
    const existing = this.entries.get(named.name);
    if (existing && (existing.schema !== named.schema || existing.io !== io)) {
      throw new Error(`Two different schemas are named ${named.name} in the admin API route table`);
    }
    this.entries.set(named.name, { schema: named.schema, io });
    return ref(named.name);
  }

  toJson(): Record<string, JsonSchema> {
    const sorted = [...this.entries.entries()].sort(([a], [b]) => a.localeCompare(b));
    return Object.fromEntries(
      sorted.flatMap(([name, { schema, io }]) => hoistDefinitions(name, jsonSchemaOf(schema, io))),
    );
  }
}

function operationOf(route: ApiRoute, components: ComponentSchemas): JsonSchema {
  const errors = [...new Set([...SHARED_ERRORS, ...route.errors])].sort((a, b) => a - b);
  return {
    operationId: route.operationId,
    summary: route.summary,
    tags: [route.tag],
    parameters: parametersOf(route),
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: components.add(route.body, 'input') } },
          },
        }
      : {}),
    responses: {
      [String(route.response.status)]: {
        description: route.summary,
        content: { 'application/json': { schema: components.add(route.response.body, 'output') } },
      },
      ...Object.fromEntries(errors.map((status) => [String(status), ref(`Error${status}`, 'responses')])),
    },
  };
}

/**
 * The OpenAPI 3.1 document of the admin API, generated from the route table: every route with its path and
 * query parameters, request body and responses, including the shared error body.
 */
export function buildOpenApiDocument(routes: readonly ApiRoute[]): OpenApiDocument {
  const components = new ComponentSchemas();
  components.add({ name: 'Error', schema: ErrorResponseSchema }, 'output');
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of routes) {
    paths[route.path] ??= {};
    (paths[route.path] as Record<string, JsonSchema>)[route.method.toLowerCase()] = operationOf(
      route,
      components,
    );
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'CLETS audit scheduler: admin API',
      version: ADMIN_API_VERSION,
      description:
        'Register agencies, enrol them in catalog programs, start scheduling runs and follow audits. Every error is answered as {"error": {"code", "message", "issues"}}.',
    },
    tags: [...new Set(routes.map((route) => route.tag))].map((name) => ({ name })),
    security: [{ [SECURITY_SCHEME]: [] }],
    paths,
    components: {
      securitySchemes: {
        [SECURITY_SCHEME]: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            'In AWS: a Cognito ID or access token of a member of the clets-administrators group (MFA required). In the local sandbox: the token the sandbox prints when it starts.',
        },
      },
      responses: Object.fromEntries(
        Object.entries(ERROR_RESPONSES).map(([status, description]) => [
          `Error${status}`,
          { description, content: { 'application/json': { schema: ref('Error') } } },
        ]),
      ),
      schemas: components.toJson(),
    },
  };
}
