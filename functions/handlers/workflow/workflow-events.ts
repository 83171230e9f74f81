import * as z from 'zod/mini';

/*
 * The payloads the state machines hand each task, parsed at the boundary: a malformed payload is a bug in
 * the definition, and failing with the field's name beats failing somewhere deeper.
 */

const auditIdField = z
  .string()
  .check(
    z.regex(
      /^aud_[A-Za-z0-9-]+_[a-z0-9-]+_[A-Za-z0-9-]+$/,
      'must be an audit id (aud_<ORI>_<program>_<period>)',
    ),
  );
const isoInstant = z.iso.datetime();

export const AuditStepEvent = z.object({ auditId: auditIdField });
export const CallbackStepEvent = z.object({
  auditId: auditIdField,
  taskToken: z.string().check(z.minLength(1)),
});
const executionNameField = z.string().check(z.minLength(1), z.maxLength(80));
/** The remediation loop's planning step: which execution runs it, and how many loops it has made. */
export const RemediationPlanStepEvent = z.object({
  auditId: auditIdField,
  executionName: executionNameField,
  loops: z.number().check(z.int(), z.gte(0)),
});
export const FollowUpStepEvent = z.object({ auditId: auditIdField, executionName: executionNameField });
export const FailureStepEvent = z.object({
  auditId: auditIdField,
  failure: z.object({ Error: z.optional(z.string()), Cause: z.optional(z.string()) }),
});
export const ShardStepEvent = z.object({
  window: z.object({ from: isoInstant, to: isoInstant }),
  shard: z.number().check(z.int(), z.gte(0), z.lt(64)),
});
export const WatermarkStepEvent = z.object({ to: isoInstant });

export class InvalidWorkflowEventError extends Error {
  override readonly name = 'InvalidWorkflowEventError';
}

/** Parses a task payload, naming every bad field. Not retried by the workflows: the input will not change. */
export function parseWorkflowEvent<T>(
  schema: {
    safeParse(
      input: unknown,
    ):
      | { success: true; data: T }
      | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
  },
  event: unknown,
): T {
  const result = schema.safeParse(event);
  if (result.success) return result.data;
  const problems = result.error.issues.map(
    (issue) => `${issue.path.map(String).join('.') || '(event)'}: ${issue.message}`,
  );
  throw new InvalidWorkflowEventError(`Invalid workflow payload: ${problems.join('; ')}`);
}
