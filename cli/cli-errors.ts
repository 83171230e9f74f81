/*
 * What can go wrong in a CLI run, each with the exit code it ends with. Every error a person sees says what was
 * wrong, where, and what to do; none of them carries the API token.
 */

export const EXIT_CODES = {
  ok: 0,
  /** The API refused or failed a request, could not be reached, or the data (a file, CSV rows) is not valid. */
  failed: 1,
  /** The command line itself is wrong: unknown command or option, a missing or invalid option value. */
  usage: 2,
} as const;

/** A problem found in the command line before anything was sent. */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
  constructor(
    message: string,
    /** One line per problem: "--option: what is allowed". */
    readonly issues: readonly string[] = [],
  ) {
    super(message);
  }
}

/** A file given on the command line holds data that is not valid; nothing was sent. */
export class CliDataError extends Error {
  override readonly name = 'CliDataError';
  constructor(
    message: string,
    readonly issues: readonly string[] = [],
  ) {
    super(message);
  }
}

/** A sandbox-only command was sent to an API that is not the local sandbox. */
export class NotASandboxError extends Error {
  override readonly name = 'NotASandboxError';
  constructor(apiUrl: string, request: string, status: number) {
    super(
      `${apiUrl} is not the local sandbox: ${request} answered ${status}. The clock and the outbox exist only in the sandbox started with "npm start".`,
    );
  }
}

/** What the command looked for is not in the API's answer (e.g. a task id not among the audit's tasks). */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
}

/** A file could not be downloaded, or what arrived is not the file the API described; no file was left behind. */
export class DownloadFailedError extends Error {
  override readonly name = 'DownloadFailedError';
}

/** The command has already written what went wrong (e.g. the import's per-row report): exit 1, say nothing more. */
export class AlreadyReportedFailure extends Error {
  override readonly name = 'AlreadyReportedFailure';
}
