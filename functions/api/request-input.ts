import * as z from 'zod';
import { formatZodIssues } from '../domain/schemas/format-issues.js';
import { API_ERROR_CODES, ApiError, validationFailed } from './api-errors.js';
import type { ApiRoute } from './api-route.js';

/*
 * Turns a matched request into the validated input of its route. Path parameters, query and body are all
 * checked before the route runs, and every problem found is reported at once, so bad input never reaches
 * a service and nothing is written.
 */

type Location = 'path' | 'query' | 'body';

/** zod's internal definition, enough to walk from a schema to the object at an issue's path. */
type SchemaDefinition = {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  in?: z.ZodType;
  innerType?: z.ZodType;
  options?: z.ZodType[];
  discriminator?: string;
};
const definitionOf = (schema: z.ZodType) => schema._zod.def as unknown as SchemaDefinition;

const fieldOf = (value: unknown, key: PropertyKey): unknown =>
  typeof value === 'object' && value !== null ? (value as Record<PropertyKey, unknown>)[key] : undefined;

/** The variant of a discriminated union that the value chose, e.g. `decision: 'flag'`. */
function chosenVariant(definition: SchemaDefinition, value: unknown): z.ZodType | undefined {
  const { options, discriminator } = definition;
  if (!options || discriminator === undefined) return undefined;
  const tag = fieldOf(value, discriminator);
  return options.find((option) => definitionOf(option).shape?.[discriminator]?.safeParse(tag).success);
}

/**
 * The field names an object schema allows at `path`, looking through arrays, pipes, optionals, defaults and
 * discriminated unions (whose allowed fields are those of the variant the value names).
 */
function allowedFieldsAt(
  schema: z.ZodType | undefined,
  path: readonly PropertyKey[],
  value: unknown,
): string[] | undefined {
  if (!schema) return undefined;
  const definition = definitionOf(schema);
  if (definition.in) return allowedFieldsAt(definition.in, path, value);
  if (definition.innerType) return allowedFieldsAt(definition.innerType, path, value);
  if (definition.options) return allowedFieldsAt(chosenVariant(definition, value), path, value);
  const [head, ...rest] = path;
  if (head === undefined) return definition.shape ? Object.keys(definition.shape) : undefined;
  if (typeof head === 'number') return allowedFieldsAt(definition.element, rest, fieldOf(value, head));
  return allowedFieldsAt(definition.shape?.[String(head)], rest, fieldOf(value, head));
}

const fieldLabel = (path: readonly PropertyKey[]) =>
  path
    .map((segment, index) =>
      typeof segment === 'number' ? `[${segment}]` : index === 0 ? String(segment) : `.${String(segment)}`,
    )
    .join('');

/** formatZodIssues, except that each unknown field gets its own line saying what is allowed there. */
function issueLines(
  error: z.ZodError,
  schema: z.ZodType,
  value: unknown,
  location: Location,
  route: ApiRoute,
): string[] {
  return error.issues.flatMap((issue) => {
    if (issue.code !== 'unrecognized_keys') return formatZodIssues(new z.ZodError([issue]));
    const allowed = allowedFieldsAt(schema, issue.path, value);
    const what =
      location === 'query'
        ? `is not a query parameter of ${route.method} ${route.path}`
        : 'is not a field of this request body';
    const allowedText = allowed && allowed.length > 0 ? `allowed: ${allowed.join(', ')}` : 'none are allowed';
    return issue.keys.map((key) => `${fieldLabel([...issue.path, key])}: ${what}; ${allowedText}`);
  });
}

/** The query as a plain object; a parameter given twice is a problem (which one would win is not obvious). */
function queryValues(query: URLSearchParams): { values: Record<string, string>; issues: string[] } {
  const values: Record<string, string> = {};
  const issues: string[] = [];
  for (const [name, value] of query) {
    if (Object.hasOwn(values, name)) issues.push(`${name}: is given more than once; give it once`);
    else values[name] = value;
  }
  return { values, issues: [...new Set(issues)] };
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch (error) {
    // V8's message quotes the body back; only the position is worth keeping.
    const position = /position (\d+)/.exec(error instanceof Error ? error.message : '')?.[1];
    throw new ApiError(
      400,
      API_ERROR_CODES.malformedJson,
      `The request body is not valid JSON${position ? ` (near character ${position})` : ''}; send a JSON object with content-type application/json.`,
    );
  }
}

/** The body a route without a request body may still be sent: nothing, or an empty object. */
function checkNoBody(raw: string): string[] {
  if (raw.trim() === '') return [];
  const value = parseJson(raw);
  const isEmptyObject =
    typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0;
  return isEmptyObject ? [] : ['(body): this endpoint takes no request body; send none'];
}

export interface RouteInput {
  readonly params: unknown;
  readonly query: unknown;
  readonly body: unknown;
}

export function parseRouteInput(
  route: ApiRoute,
  raw: { params: Record<string, string>; query: URLSearchParams; body: string },
): RouteInput {
  const issues: string[] = [];
  const check = (schema: z.ZodType, value: unknown, location: Location) => {
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    issues.push(...issueLines(result.error, schema, value, location, route));
    return undefined;
  };

  const params = check(route.params, raw.params, 'path');
  const { values, issues: queryIssues } = queryValues(raw.query);
  issues.push(...queryIssues);
  const query = check(route.query, values, 'query');
  let body: unknown;
  if (route.body) {
    if (raw.body.trim() === '') issues.push('(body): is required: a JSON object');
    else body = check(route.body.schema, parseJson(raw.body), 'body');
  } else {
    issues.push(...checkNoBody(raw.body));
  }

  if (issues.length > 0) throw validationFailed('request', issues);
  return { params, query, body };
}
