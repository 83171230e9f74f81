/**
 * Errors the repository raises. Each sets `name`, which handlers map to HTTP statuses and Step Functions
 * Retry/Catch blocks match on.
 */

/** A conditional write found a different version than the caller read: someone else changed the item first. */
export class VersionConflictError extends Error {
  override readonly name = 'VersionConflictError';
  constructor(
    readonly entity: string,
    readonly key: string,
    readonly expectedVersion: number,
  ) {
    super(
      `${entity} ${key} was changed by someone else (expected version ${expectedVersion}); read it again and retry.`,
    );
  }
}

export class ItemNotFoundError extends Error {
  override readonly name = 'ItemNotFoundError';
  constructor(
    readonly entity: string,
    readonly key: string,
  ) {
    super(`${entity} ${key} does not exist.`);
  }
}

/** A pagination cursor that this service did not hand out, or that was altered. */
export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError';
  constructor() {
    super('cursor: not a cursor returned by this API; start again without one.');
  }
}

/** DynamoDB kept throttling after every retry; the caller (or Step Functions) may retry later. */
export class PersistenceThrottledError extends Error {
  override readonly name = 'PersistenceThrottledError';
  constructor(
    readonly attempts: number,
    options?: ErrorOptions,
  ) {
    super(`DynamoDB throttled the request ${attempts} times in a row; try again shortly.`, options);
  }
}
