import type * as z from 'zod';
import { CliUsageError } from '../cli-errors.js';
import { describeIssues, type FieldPath } from './describe-issues.js';

/**
 * Validates a command's options and arguments with a zod schema before anything is sent. `names` maps each
 * schema field to what the person typed (`anchorDate` → `--anchor`, `ori` → `<ori>`), so every message names
 * the option and says what is allowed.
 */
export function parseOptions<S extends z.ZodType>(
  schema: S,
  values: Readonly<Record<string, unknown>>,
  names: Readonly<Record<string, string>>,
): z.output<S> {
  const result = schema.safeParse(values);
  if (result.success) return result.data;
  const where = (path: FieldPath) => {
    const [head, ...rest] = path;
    const name = head === undefined ? 'options' : (names[String(head)] ?? String(head));
    return rest.length === 0 ? name : `${name} ${rest.map(String).join('.')}`;
  };
  throw new CliUsageError('invalid input; nothing was sent', describeIssues(result.error, where));
}
