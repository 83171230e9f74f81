import type { z } from 'zod';

export class EnvironmentConfigError extends Error {
  override readonly name = 'EnvironmentConfigError';
}

/**
 * Parses a function's environment once, at import time, so a missing or malformed variable fails the
 * cold start with its name instead of the tenth request with a confusing error.
 */
export function parseEnvironment<Schema extends z.ZodType>(
  schema: Schema,
  environment: Record<string, string | undefined> = process.env,
): z.infer<Schema> {
  const result = schema.safeParse(environment);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  throw new EnvironmentConfigError(`Function environment is invalid: ${problems.join('; ')}`);
}
