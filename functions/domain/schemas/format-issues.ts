import type { z } from 'zod';
import { DomainValidationError } from '../errors.js';

function pathLabel(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  return path
    .map((segment, index) => {
      if (typeof segment === 'number') return `[${segment}]`;
      const name = String(segment);
      return index === 0 ? name : `.${name}`;
    })
    .join('');
}

/**
 * One line per problem, "field: what is wrong and what is allowed", for 400 responses and CLI output.
 * zod's "received undefined" becomes "is required", the message people expect for a missing field.
 */
export function formatZodIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const label = pathLabel(issue.path);
    if (issue.code === 'invalid_type' && / received undefined$/.test(issue.message)) {
      return `${label}: is required (expected ${issue.expected})`;
    }
    return `${label}: ${issue.message}`;
  });
}

/** Parses with a schema and throws DomainValidationError carrying the formatted lines. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new DomainValidationError(what, formatZodIssues(result.error));
  return result.data;
}
