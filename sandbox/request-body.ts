import type * as z from 'zod';
import type { FrontDoorRequest } from './front-door.js';
import { errorResponse, type FrontDoorResponse, jsonResponse } from './http-responses.js';

/** Sandbox control bodies are a line of JSON. */
const MAX_CONTROL_BODY_BYTES = 16 * 1024;

/**
 * Reads and parses a JSON body with a zod schema. A failure is the 400 (or 413) to send back, naming each field
 * and what it allows, so nothing is done with a bad body.
 */
export async function parseJsonBody<Schema extends z.ZodType>(
  request: FrontDoorRequest,
  schema: Schema,
): Promise<{ ok: true; value: z.infer<Schema> } | { ok: false; response: FrontDoorResponse }> {
  const bytes = request.readBody ? await request.readBody(MAX_CONTROL_BODY_BYTES) : Buffer.alloc(0);
  if (bytes === undefined) {
    return {
      ok: false,
      response: errorResponse(
        413,
        'PayloadTooLarge',
        `The body is larger than ${MAX_CONTROL_BODY_BYTES / 1024} KB.`,
      ),
    };
  }
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8') || 'null');
  } catch {
    return { ok: false, response: errorResponse(400, 'MalformedJson', 'The body is not valid JSON.') };
  }
  const result = schema.safeParse(json);
  if (result.success) return { ok: true, value: result.data };
  const issues = result.error.issues.map(
    (issue) => `${issue.path.map(String).join('.') || '(body)'}: ${issue.message}`,
  );
  return {
    ok: false,
    response: jsonResponse(400, { error: 'ValidationFailed', message: issues.join('; '), issues }),
  };
}
