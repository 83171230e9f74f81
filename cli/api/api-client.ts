import type * as z from 'zod';
import { ApiCallError, ApiUnreachableError, UnexpectedAnswerError } from './api-client-errors.js';
import { readErrorBody } from './error-body.js';

export interface ApiClientOptions {
  /** The API's base URL, already validated (see api-target.ts); a path such as an API Gateway stage is kept. */
  readonly baseUrl: string;
  /** Sent as `Authorization: Bearer`; never written to any output. */
  readonly token: string | undefined;
  /** Injected by tests; the global fetch otherwise. */
  readonly fetch?: typeof fetch;
}

export interface RequestOptions {
  readonly query?: Readonly<Record<string, string | undefined>>;
  readonly body?: unknown;
  /** Long-running calls (advancing the sandbox clock) pass a longer limit. */
  readonly timeoutMs?: number;
}

/** Enough for any admin API call; a stuck connection should not hang a script forever. */
const DEFAULT_TIMEOUT_MS = 60_000;

/** The system error code under fetch's "fetch failed" TypeError, e.g. ECONNREFUSED. */
function systemCode(value: unknown): string | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const { code, errors } = value as { code?: unknown; errors?: unknown };
  if (typeof code === 'string') return code;
  // undici wraps the attempts on each address (IPv4, IPv6) in an AggregateError.
  return Array.isArray(errors) ? systemCode(errors[0]) : undefined;
}

function reasonOf(error: unknown): string | undefined {
  if ((error as { name?: unknown } | undefined)?.name === 'TimeoutError') return 'no answer in time';
  return systemCode((error as { cause?: unknown } | undefined)?.cause);
}

/**
 * A small client for the admin API: JSON in and out, the bearer token on every call, and every failure turned
 * into one of three errors (the API said no, the API could not be reached, the answer made no sense).
 */
export class ApiClient {
  private readonly base: URL;
  private readonly fetch: typeof fetch;

  constructor(private readonly options: ApiClientOptions) {
    // A trailing slash makes relative resolution keep a stage path: https://x/prod/ + agencies → /prod/agencies.
    this.base = new URL(options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
    this.fetch = options.fetch ?? fetch;
  }

  get apiUrl(): string {
    return this.options.baseUrl;
  }

  get<S extends z.ZodType>(path: string, schema: S, options: RequestOptions = {}): Promise<z.output<S>> {
    return this.send('GET', path, schema, options);
  }

  post<S extends z.ZodType>(path: string, schema: S, options: RequestOptions = {}): Promise<z.output<S>> {
    return this.send('POST', path, schema, options);
  }

  private async send<S extends z.ZodType>(
    method: 'GET' | 'POST',
    path: string,
    schema: S,
    options: RequestOptions,
  ): Promise<z.output<S>> {
    const url = new URL(path.replace(/^\//, ''), this.base);
    for (const [name, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, value);
    }
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.options.token) headers.authorization = `Bearer ${this.options.token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const described = `${method} ${path}`;

    let response: Response;
    try {
      response = await this.fetch(url, {
        method,
        headers,
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
        signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
      });
    } catch (error) {
      throw new ApiUnreachableError(this.options.baseUrl, reasonOf(error));
    }

    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      // The connection dropped while the answer was arriving.
      throw new ApiUnreachableError(this.options.baseUrl, reasonOf(error));
    }
    if (!response.ok) {
      const { code, message, issues } = readErrorBody(response.status, text);
      throw new ApiCallError(response.status, code, message, issues, described);
    }
    let value: unknown;
    try {
      value = text === '' ? undefined : JSON.parse(text);
    } catch {
      throw new UnexpectedAnswerError(
        `${described} answered ${response.status} with a body that is not JSON; is ${this.options.baseUrl} the admin API?`,
      );
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      throw new UnexpectedAnswerError(
        `${described} answered with a body this CLI does not understand; is the CLI older than the API?`,
        parsed.error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`),
      );
    }
    return parsed.data;
  }
}
