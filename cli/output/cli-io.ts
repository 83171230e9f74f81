/** A stream the CLI writes to; process.stdout and process.stderr in a real run, collectors in tests. */
export type CliStream = NodeJS.WritableStream & { readonly isTTY?: boolean; readonly columns?: number };

export interface CliIo {
  readonly stdout: CliStream;
  readonly stderr: CliStream;
}

/**
 * Where results go: tables and lines for people, or one JSON document for scripts (--json). Results go to stdout;
 * progress and errors go to stderr, so `--json > out.json` holds the result alone.
 */
export class Output {
  constructor(
    readonly io: CliIo,
    readonly json: boolean,
  ) {}

  /** Prints the answer as JSON, or the lines `describe` makes of it. */
  result<T>(value: T, describe: (value: T) => readonly string[]): void {
    if (this.json) this.io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
    else for (const line of describe(value)) this.io.stdout.write(`${line}\n`);
  }

  /** A remark for people (e.g. "more audits exist"); left out of --json output, whose result says it. */
  note(line: string): void {
    if (!this.json) this.io.stdout.write(`${line}\n`);
  }
}
