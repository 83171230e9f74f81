import type * as zc from 'zod/v4/core';

export class EnvironmentConfigError extends Error {
  override readonly name = 'EnvironmentConfigError';
}

/** Any zod 4 schema, classic or mini: handlers use zod/mini for their environment, which keeps bundles small. */
type EnvironmentSchema = zc.$ZodType & {
  safeParse(input: unknown): { success: true; data: unknown } | { success: false; error: zc.$ZodError };
};

/**
 * Parses a function's environment once, at import time, so a missing or malformed variable fails the
 * cold start with its name instead of the tenth request with a confusing error.
 */
export function parseEnvironment<Schema extends EnvironmentSchema>(
  schema: Schema,
  environment: Record<string, string | undefined> = process.env,
): zc.output<Schema> {
  const result = schema.safeParse(environment);
  if (result.success) return result.data as zc.output<Schema>;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  throw new EnvironmentConfigError(`Function environment is invalid: ${problems.join('; ')}`);
}
