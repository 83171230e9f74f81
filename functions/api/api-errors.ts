/**
 * The errors the admin API answers with. Every failure becomes one of these in one place
 * (error-mapping.ts), and every one is written as `{ "error": { code, message, issues? } }`.
 */

export type ApiErrorStatus = 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415 | 500 | 503;

export const API_ERROR_CODES = {
  validationFailed: 'ValidationFailed',
  malformedJson: 'MalformedJson',
  invalidCursor: 'InvalidCursor',
  unauthorized: 'Unauthorized',
  forbidden: 'Forbidden',
  notFound: 'NotFound',
  methodNotAllowed: 'MethodNotAllowed',
  alreadyExists: 'AlreadyExists',
  versionConflict: 'VersionConflict',
  stateConflict: 'StateConflict',
  payloadTooLarge: 'PayloadTooLarge',
  uploadLinkDenied: 'UploadLinkDenied',
  uploadRefused: 'UploadRefused',
  unsupportedMediaType: 'UnsupportedMediaType',
  internalError: 'InternalError',
  serviceBusy: 'ServiceBusy',
} as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[keyof typeof API_ERROR_CODES];

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: ApiErrorStatus,
    readonly code: ApiErrorCode,
    message: string,
    /** One line per problem, "field: what is allowed"; only for 400s. */
    readonly issues: readonly string[] = [],
    /** Extra response headers, e.g. Allow on a 405. */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

export const validationFailed = (what: string, issues: readonly string[]) =>
  new ApiError(
    400,
    API_ERROR_CODES.validationFailed,
    `The ${what} is not valid: see issues for each field and what it allows.`,
    issues,
  );

export const notFound = (message: string) => new ApiError(404, API_ERROR_CODES.notFound, message);

export const alreadyExists = (message: string) => new ApiError(409, API_ERROR_CODES.alreadyExists, message);

/** The most a request body may hold; agency and enrollment documents are a few kilobytes. */
export const MAX_BODY_BYTES = 256 * 1024;

export const payloadTooLarge = () =>
  new ApiError(
    413,
    API_ERROR_CODES.payloadTooLarge,
    `The request body is larger than ${MAX_BODY_BYTES / 1024} KB; admin API documents are a few KB.`,
  );
