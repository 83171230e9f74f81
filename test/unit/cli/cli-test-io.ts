import { Writable } from 'node:stream';
import type { CliEnvironment } from '../../../cli/commands/command-session.js';
import { runCli } from '../../../cli/run-cli.js';

/** A stream that keeps what is written to it, as a person would read it. */
export class TextSink extends Writable {
  text = '';
  constructor(readonly isTTY = false) {
    super();
  }
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

export interface CliRun {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A fetch that fails the test if the CLI sends anything: for input that must be refused before any request. */
export const fetchThatMustNotBeCalled: typeof fetch = async (input) => {
  throw new Error(`the CLI sent a request it should not have: ${String(input)}`);
};

/** Runs the whole CLI in-process, as `clets-audit <argv>`, and returns what it printed and its exit code. */
export async function runCliForTest(
  argv: readonly string[],
  options: { env?: Record<string, string | undefined>; fetch?: typeof fetch; cwd?: string } = {},
): Promise<CliRun> {
  const stdout = new TextSink();
  const stderr = new TextSink();
  const environment: CliEnvironment = {
    io: { stdout, stderr },
    env: options.env ?? {},
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.cwd ? { cwd: options.cwd } : {}),
  };
  const exitCode = await runCli(argv, environment);
  return { exitCode, stdout: stdout.text, stderr: stderr.text };
}
