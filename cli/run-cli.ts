import { CommanderError } from 'commander';
import { EXIT_CODES } from './cli-errors.js';
import type { CliEnvironment } from './commands/command-session.js';
import { reportError } from './output/error-report.js';
import { buildProgram } from './program.js';

/** commander's own outcomes: help and version end well; every other one is a command line it refused. */
function exitCodeOf(error: CommanderError): number {
  const helpOrVersion = ['commander.helpDisplayed', 'commander.help', 'commander.version'].includes(
    error.code,
  );
  if (helpOrVersion && error.exitCode === 0) return EXIT_CODES.ok;
  // Help shown because a command was missing (`clets-audit agency`) is a usage error too.
  return EXIT_CODES.usage;
}

/** Runs the CLI on the arguments after the program name and resolves with the exit code. */
export async function runCli(argv: readonly string[], environment: CliEnvironment): Promise<number> {
  const program = buildProgram(environment);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT_CODES.ok;
  } catch (error) {
    if (error instanceof CommanderError) return exitCodeOf(error);
    return reportError(error, environment.io, program.opts().json === true);
  }
}
