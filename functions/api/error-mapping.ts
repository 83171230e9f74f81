import {
  InvalidCursorError,
  ItemNotFoundError,
  PersistenceThrottledError,
  VersionConflictError,
} from '../adapters/dynamodb/persistence-errors.js';
import {
  DomainError,
  DomainValidationError,
  IllegalTransitionError,
  TransitionPreconditionError,
  UnknownObligationError,
} from '../domain/errors.js';
import {
  UploadLinkDeniedError,
  type UploadRefusal,
  UploadRefusedError,
} from '../services/evidence-intake.js';
import { AuditNotReviewableError } from '../services/evidence-review.js';
import { AuditNotTakingFindingsError, FindingSequenceTakenError } from '../services/findings.js';
import { AuditCancelledError, StateConflictError } from '../services/service-errors.js';
import { AuditNotCollectingError, NoContactForRoleError } from '../services/upload-links.js';
import { API_ERROR_CODES, ApiError, type ApiErrorStatus } from './api-errors.js';

/** A refused upload's status: the link is fine, this upload is not allowed (and counted as a failed use). */
const refusalStatus: Record<UploadRefusal, ApiErrorStatus> = {
  'out-of-scope': 403,
  'request-not-found': 404,
  'request-closed': 409,
  'task-not-found': 404,
  'task-closed': 409,
  'too-large': 413,
  'content-type-not-accepted': 415,
};

/**
 * The one place where what went wrong becomes what the caller is told. Anything not recognised here is a
 * 500 whose details stay in the log (see router.ts).
 */
export function toApiError(error: unknown): ApiError | undefined {
  if (error instanceof ApiError) return error;
  if (error instanceof DomainValidationError) {
    return new ApiError(400, API_ERROR_CODES.validationFailed, error.message, error.issues);
  }
  if (error instanceof InvalidCursorError) {
    return new ApiError(400, API_ERROR_CODES.invalidCursor, 'The cursor is not one this listing returned.', [
      error.message,
    ]);
  }
  if (error instanceof UnknownObligationError) {
    return new ApiError(400, API_ERROR_CODES.validationFailed, error.message, [
      `programId: ${error.message}`,
    ]);
  }
  if (error instanceof TransitionPreconditionError) {
    return new ApiError(400, API_ERROR_CODES.validationFailed, error.message, [
      `${error.field}: ${error.message}`,
    ]);
  }
  if (error instanceof ItemNotFoundError) return new ApiError(404, API_ERROR_CODES.notFound, error.message);
  if (error instanceof VersionConflictError) {
    // The repository's message names storage keys; the caller needs the entity and what to do.
    return new ApiError(
      409,
      API_ERROR_CODES.versionConflict,
      `The ${error.entity.toLowerCase()} was changed by someone else since version ${error.expectedVersion}: read it again and retry with its current version.`,
    );
  }
  if (error instanceof IllegalTransitionError) {
    return new ApiError(409, API_ERROR_CODES.stateConflict, error.message);
  }
  // The link's denial says only which of unknown/expired/revoked/locked: nothing about any audit.
  if (error instanceof UploadLinkDeniedError) {
    return new ApiError(403, API_ERROR_CODES.uploadLinkDenied, error.message, [`token: ${error.reason}`]);
  }
  if (error instanceof UploadRefusedError) {
    return new ApiError(refusalStatus[error.reason], API_ERROR_CODES.uploadRefused, error.message, [
      error.message,
    ]);
  }
  if (
    error instanceof AuditNotReviewableError ||
    error instanceof AuditNotTakingFindingsError ||
    error instanceof FindingSequenceTakenError ||
    error instanceof AuditNotCollectingError ||
    error instanceof AuditCancelledError ||
    error instanceof StateConflictError ||
    error instanceof NoContactForRoleError
  ) {
    return new ApiError(409, API_ERROR_CODES.stateConflict, error.message);
  }
  if (error instanceof PersistenceThrottledError) {
    return new ApiError(503, API_ERROR_CODES.serviceBusy, error.message, [], { 'retry-after': '5' });
  }
  // Other domain errors are rules the input broke (a date that does not exist, an id part that is not allowed).
  if (error instanceof DomainError) {
    return new ApiError(400, API_ERROR_CODES.validationFailed, error.message, [error.message]);
  }
  return undefined;
}
