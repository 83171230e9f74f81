import * as z from 'zod';

/*
 * Error bodies come in three shapes: the admin API's `{ error: { code, message, issues } }`, the sandbox front
 * door's `{ error, message, issues? }` (its own endpoints, and a 404 for a path it does not serve), and API Gateway's `{ message }`
 * (e.g. 401 from the JWT authorizer). Anything else is reported by status alone.
 */

const AdminApiErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.string()).optional(),
  }),
});
const FrontDoorErrorSchema = z.object({
  error: z.string(),
  message: z.string(),
  issues: z.array(z.string()).optional(),
});
const GatewayErrorSchema = z.object({ message: z.string() });

export interface ErrorBody {
  readonly code: string;
  readonly message: string;
  readonly issues: readonly string[];
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function readErrorBody(status: number, text: string): ErrorBody {
  const value = parseJson(text);
  const admin = AdminApiErrorSchema.safeParse(value);
  if (admin.success) {
    return {
      code: admin.data.error.code,
      message: admin.data.error.message,
      issues: admin.data.error.issues ?? [],
    };
  }
  const frontDoor = FrontDoorErrorSchema.safeParse(value);
  if (frontDoor.success) {
    return {
      code: frontDoor.data.error,
      message: frontDoor.data.message,
      issues: frontDoor.data.issues ?? [],
    };
  }
  const gateway = GatewayErrorSchema.safeParse(value);
  if (gateway.success) return { code: `Http${status}`, message: gateway.data.message, issues: [] };
  return { code: `Http${status}`, message: `the API answered HTTP ${status}`, issues: [] };
}
