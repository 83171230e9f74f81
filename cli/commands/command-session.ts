import type { Command } from 'commander';
import { AdminApi } from '../api/admin-api.js';
import { ApiClient } from '../api/api-client.js';
import { resolveApiTarget } from '../api/api-target.js';
import { type CliIo, Output } from '../output/cli-io.js';

/** What a run of the CLI is given: streams, environment variables and (in tests) a fetch. */
export interface CliEnvironment {
  readonly io: CliIo;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly fetch?: typeof fetch;
  /** The folder relative paths and default file names resolve against; process.cwd() when absent. */
  readonly cwd?: string;
}

export interface GlobalOptions {
  readonly api?: string;
  readonly token?: string;
  readonly json?: boolean;
}

export interface CommandSession {
  readonly output: Output;
  /** The API client; the --api and --token settings are validated here, before the first request. */
  api(): AdminApi;
}

/** The output mode and API client a command's action works with, from the global options. */
export function sessionFor(command: Command, environment: CliEnvironment): CommandSession {
  const globals = command.optsWithGlobals<GlobalOptions>();
  return {
    output: new Output(environment.io, globals.json === true),
    api: () => {
      const target = resolveApiTarget(globals, environment.env);
      return new AdminApi(
        new ApiClient({ ...target, ...(environment.fetch ? { fetch: environment.fetch } : {}) }),
      );
    },
  };
}
