/** The API answered with an error status; `message` and `issues` are the API's own words. */
export class ApiCallError extends Error {
  override readonly name = 'ApiCallError';
  constructor(
    readonly status: number,
    /** The API's error code (e.g. AlreadyExists), or `Http<status>` when the body carried none. */
    readonly code: string,
    message: string,
    readonly issues: readonly string[],
    /** e.g. `POST /agencies`, for messages; never the full URL with a query. */
    readonly request: string,
  ) {
    super(message);
  }
}

/** No HTTP answer at all: connection refused, unknown host, timeout. */
export class ApiUnreachableError extends Error {
  override readonly name = 'ApiUnreachableError';
  constructor(
    readonly apiUrl: string,
    /** The system's error code (ECONNREFUSED, ENOTFOUND, TimeoutError...) when known. */
    readonly reason: string | undefined,
  ) {
    super(`cannot reach the API at ${apiUrl}${reason ? ` (${reason})` : ''}`);
  }
}

/** An answer that is not what this CLI expects: not JSON, or not the shape the route documents. */
export class UnexpectedAnswerError extends Error {
  override readonly name = 'UnexpectedAnswerError';
  constructor(
    message: string,
    readonly issues: readonly string[] = [],
  ) {
    super(message);
  }
}
