import type * as z from 'zod';

export type FieldPath = readonly PropertyKey[];

/**
 * A missing value reads better as "is required", as in the API's messages. zod says "expected string, received
 * undefined"; for an enum, the domain's message is kept for wrong values only (unlessMissing), so zod's own
 * "Invalid option" means the value was missing: list what is allowed.
 */
function messageOf(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && / received undefined$/.test(issue.message)) {
    return `is required (expected ${issue.expected})`;
  }
  if (issue.code === 'invalid_value' && issue.message.startsWith('Invalid option')) {
    return `is required: one of ${issue.values.map(String).join(', ')}`;
  }
  return issue.message;
}

/**
 * One line per problem, "where: what is allowed", where `where` is named by the caller: an option (--ori), a
 * CSV column (tacEmail) or a JSON field (contacts[1].email), so the person sees the name they typed.
 */
export function describeIssues(error: z.ZodError, where: (path: FieldPath) => string): string[] {
  return error.issues.map((issue) => `${where(issue.path)}: ${messageOf(issue)}`);
}

/** A JSON path as people write it: contacts[1].email. */
export function jsonPathLabel(path: FieldPath): string {
  if (path.length === 0) return '(document)';
  return path
    .map((segment, index) =>
      typeof segment === 'number' ? `[${segment}]` : index === 0 ? String(segment) : `.${String(segment)}`,
    )
    .join('');
}
