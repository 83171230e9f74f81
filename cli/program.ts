import { Command } from 'commander';
import { API_TOKEN_VARIABLE, API_URL_VARIABLE, DEFAULT_API_URL } from './api/api-target.js';
import { registerAgencyCommands } from './commands/agency-commands.js';
import { registerAuditCommands } from './commands/audit-commands.js';
import type { CliEnvironment } from './commands/command-session.js';
import { registerEnrollCommand } from './commands/enroll-command.js';
import { registerEvidenceCommands } from './commands/evidence-commands.js';
import { registerFindingCommands } from './commands/finding-commands.js';
import { registerSandboxCommands } from './commands/sandbox-commands.js';
import { registerScheduleCommands } from './commands/schedule-commands.js';
import { registerTaskCommands } from './commands/task-commands.js';
import { registerUploadLinkCommands } from './commands/upload-link-commands.js';
import { registerVerifyReportCommand } from './commands/verify-report-command.js';

const GENERAL_HELP = `
Settings:
  ${API_URL_VARIABLE}    the API's base URL when --api is not given
  ${API_TOKEN_VARIABLE}  the bearer token when --token is not given; prefer it to --token, which
                   other users of the machine can see in the process list

Exit codes:
  0  done
  1  the API refused or failed the request, could not be reached, or the data is not valid
     (agency import: at least one row was invalid or failed; the valid rows were registered)
     (verify-report: the report has a discrepancy, which it names)
  2  the command line is wrong: unknown command or option, or a missing or invalid value
     (nothing was sent)

With the local sandbox ("npm start" prints the token):
  CLETS_API_TOKEN=<token> clets-audit agency list
`;

/**
 * The command tree. Output and errors go to the given streams and commander throws instead of exiting
 * (exitOverride), so a test can run the whole CLI in-process and read what a person would see.
 */
export function buildProgram(environment: CliEnvironment): Command {
  const { io } = environment;
  const program = new Command('clets-audit')
    .description('Administer the CLETS / CJIS audit scheduler through its admin API.')
    .option('--api <url>', `the admin API's base URL (default: ${DEFAULT_API_URL}, the sandbox)`)
    .option(
      '--token <token>',
      'bearer token: the one the sandbox prints, or a Cognito ID or access token in AWS',
    )
    .option('--json', 'print machine-readable JSON instead of tables and lines')
    .addHelpText('after', GENERAL_HELP)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .showHelpAfterError('(add --help for usage)')
    .showSuggestionAfterError(true);

  registerAgencyCommands(program, environment);
  registerEnrollCommand(program, environment);
  registerScheduleCommands(program, environment);
  registerAuditCommands(program, environment);
  registerEvidenceCommands(program, environment);
  registerFindingCommands(program, environment);
  registerTaskCommands(program, environment);
  registerUploadLinkCommands(program, environment);
  registerSandboxCommands(program, environment);
  registerVerifyReportCommand(program, environment);
  return program;
}
