import type * as z from 'zod';
import type { Actor } from '../domain/schemas/common.js';

export type ApiMethod = 'GET' | 'POST' | 'PUT';

/**
 * Who may call a route. Admin routes are behind the JWT authorizer and the administrators group in AWS;
 * `documentation` routes (the OpenAPI document) are also served without a token by the local sandbox.
 * `upload-link` routes are the agencies' portal: no account, the link's token in the body is the credential.
 */
export type RouteAccess = 'administrators' | 'documentation' | 'upload-link';

/** What a route's service call is told about the request besides its validated input. */
export interface CallContext {
  readonly actor: Actor;
  readonly requestId: string;
  /** The API's base URL as the caller reached it, e.g. for the OpenAPI document's `servers`. */
  readonly baseUrl: string | undefined;
}

/** A schema with the name it has in the OpenAPI document's components. */
export interface NamedSchema<S extends z.ZodType = z.ZodType> {
  readonly name: string;
  readonly schema: S;
}

/** Statuses a route can answer besides success and the errors every route shares (400, 401, 403, 500). */
export type RouteErrorStatus = 404 | 409 | 413 | 415;

export interface RouteSpec<
  P extends z.ZodObject,
  Q extends z.ZodObject,
  B extends z.ZodType | undefined,
  R extends z.ZodType,
> {
  readonly method: ApiMethod;
  /** API Gateway style, e.g. /agencies/{ori}; each `{name}` must be a key of `params`. */
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly tag: string;
  readonly access: RouteAccess;
  readonly params: P;
  readonly query: Q;
  readonly body?: B extends z.ZodType ? NamedSchema<B> : undefined;
  readonly response: { readonly status: 200 | 201 | 202; readonly body: NamedSchema<R> };
  readonly errors: readonly RouteErrorStatus[];
  handle(input: {
    readonly params: z.output<P>;
    readonly query: z.output<Q>;
    readonly body: B extends z.ZodType ? z.output<B> : undefined;
    readonly context: CallContext;
  }): Promise<z.input<R>>;
}

/** A route with its types erased, as the router, the CDK construct and the OpenAPI generator see it. */
export interface ApiRoute {
  readonly method: ApiMethod;
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly tag: string;
  readonly access: RouteAccess;
  readonly params: z.ZodObject;
  readonly query: z.ZodObject;
  readonly body?: NamedSchema;
  readonly response: { readonly status: 200 | 201 | 202; readonly body: NamedSchema };
  readonly errors: readonly RouteErrorStatus[];
  handle(input: {
    readonly params: unknown;
    readonly query: unknown;
    readonly body: unknown;
    readonly context: CallContext;
  }): Promise<unknown>;
}

/** Checks a route's service call against its schemas at compile time, then erases the types for the table. */
export function defineRoute<
  P extends z.ZodObject,
  Q extends z.ZodObject,
  B extends z.ZodType | undefined,
  R extends z.ZodType,
>(spec: RouteSpec<P, Q, B, R>): ApiRoute {
  return spec as unknown as ApiRoute;
}
