import { ApiCallError, ApiUnreachableError, UnexpectedAnswerError } from '../api/api-client-errors.js';
import { API_TOKEN_VARIABLE, API_URL_VARIABLE } from '../api/api-target.js';
import {
  AlreadyReportedFailure,
  CliDataError,
  CliUsageError,
  DownloadFailedError,
  EXIT_CODES,
  NotASandboxError,
  NotFoundError,
} from '../cli-errors.js';
import type { CliIo } from './cli-io.js';
import { printable } from './terminal-text.js';

interface Report {
  readonly exitCode: number;
  readonly code: string;
  readonly message: string;
  readonly issues: readonly string[];
  /** What to do next, for people; left out of JSON. */
  readonly hint?: string;
}

function reportOf(error: unknown): Report {
  if (error instanceof CliUsageError) {
    return { exitCode: EXIT_CODES.usage, code: 'UsageError', message: error.message, issues: error.issues };
  }
  if (error instanceof CliDataError) {
    return { exitCode: EXIT_CODES.failed, code: 'InvalidData', message: error.message, issues: error.issues };
  }
  if (error instanceof ApiCallError) {
    const unauthorized = error.status === 401;
    return {
      exitCode: EXIT_CODES.failed,
      code: error.code,
      message: error.message,
      issues: error.issues,
      ...(unauthorized
        ? {
            hint: `pass --token <token> or set ${API_TOKEN_VARIABLE}: the sandbox prints its token when it starts; in AWS use a Cognito ID or access token.`,
          }
        : {}),
    };
  }
  if (error instanceof ApiUnreachableError) {
    return {
      exitCode: EXIT_CODES.failed,
      code: 'Unreachable',
      message: error.message,
      issues: [],
      hint: `start the local sandbox with "npm start", or point --api (or ${API_URL_VARIABLE}) at a running API.`,
    };
  }
  if (error instanceof NotASandboxError) {
    return { exitCode: EXIT_CODES.failed, code: 'NotASandbox', message: error.message, issues: [] };
  }
  if (error instanceof NotFoundError) {
    return { exitCode: EXIT_CODES.failed, code: 'NotFound', message: error.message, issues: [] };
  }
  if (error instanceof DownloadFailedError) {
    return { exitCode: EXIT_CODES.failed, code: 'DownloadFailed', message: error.message, issues: [] };
  }
  if (error instanceof UnexpectedAnswerError) {
    return {
      exitCode: EXIT_CODES.failed,
      code: 'UnexpectedAnswer',
      message: error.message,
      issues: error.issues,
    };
  }
  // A bug in the CLI. The message is kept (requests carry the token only in a header, never in an error).
  const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return {
    exitCode: EXIT_CODES.failed,
    code: 'InternalError',
    message: `unexpected failure: ${what}`,
    issues: [],
  };
}

/**
 * Writes an error to stderr as `error: <message>` with one indented line per issue and a hint, or as the API's
 * own error shape with --json, and returns the exit code it calls for.
 */
export function reportError(error: unknown, io: CliIo, json: boolean): number {
  if (error instanceof AlreadyReportedFailure) return EXIT_CODES.failed;
  const report = reportOf(error);
  if (json) {
    const body = {
      code: report.code,
      message: report.message,
      ...(report.issues.length > 0 ? { issues: report.issues } : {}),
    };
    io.stderr.write(`${JSON.stringify({ error: body }, null, 2)}\n`);
  } else {
    const lines = [
      `error: ${report.message}`,
      ...report.issues.map((issue) => `  ${issue}`),
      ...(report.hint ? [`hint: ${report.hint}`] : []),
    ];
    io.stderr.write(`${lines.map(printable).join('\n')}\n`);
  }
  return report.exitCode;
}
