import type { Command } from 'commander';
import * as z from 'zod';
import { AGENCY_TYPES, CLETS_CONNECTIONS } from '../../functions/domain/schemas/agency.js';
import { OriSchema } from '../../functions/domain/schemas/common.js';
import { CSV_COLUMNS_HELP } from '../agency-import/agency-csv-columns.js';
import { CliUsageError } from '../cli-errors.js';
import { agencyFromFile } from '../input/agency-from-file.js';
import { AGENCY_FIELD_OPTIONS, type AgencyOptions, agencyFromOptions } from '../input/agency-from-options.js';
import { NAME_AND_EMAIL_EXAMPLE } from '../input/name-and-email.js';
import { collect, LIMIT_MAX, LimitOptionSchema } from '../input/option-schemas.js';
import { parseOptions } from '../input/parse-options.js';
import { agencyDetail, agencyTable } from '../output/agency-lines.js';
import { countOf } from '../output/table.js';
import { calendarCommand } from './agency-calendar-command.js';
import { importAgencyFile } from './agency-import-command.js';
import { type CliEnvironment, sessionFor } from './command-session.js';

const ADD_EXAMPLE = `
Example:
  clets-audit agency add --ori CA0190000 --name "Los Angeles County Sheriff" --county "Los Angeles" \\
    --type criminal-justice-agency --tac "${NAME_AND_EMAIL_EXAMPLE}" \\
    --laso "Sam Ortiz <sam.ortiz@agency.ca.gov>" --head "Alex Kim <alex.kim@agency.ca.gov>"

With --file, the JSON file holds the POST /agencies body:
  { "ori": "CA0190000", "name": "...", "county": "Los Angeles", "agencyType": "criminal-justice-agency",
    "contacts": [{ "role": "tac", "name": "...", "email": "..." }, { "role": "laso", ... }, { "role": "agency-head", ... }] }
`;

function addCommand(agency: Command, environment: CliEnvironment): void {
  agency
    .command('add')
    .description('register one agency (POST /agencies), from options or from a JSON file')
    .option('--ori <ori>', 'Originating Agency Identifier: 9 characters, e.g. CA0190000')
    .option('--name <name>', "the agency's name")
    .option('--county <county>', 'the California county it serves, e.g. "Los Angeles"')
    .option('--type <agencyType>', `agency type: ${AGENCY_TYPES.join(', ')}`)
    .option('--clets-connection <kind>', `optional: ${CLETS_CONNECTIONS.join(', ')}`)
    .option('--tac <contact>', 'Terminal Agency Coordinator, "Name <email>"')
    .option('--laso <contact>', 'Local Agency Security Officer, "Name <email>"')
    .option('--head <contact>', 'agency head, "Name <email>"')
    .option('--alternate <contact>', 'an alternate contact, "Name <email>" (repeatable)', collect, [])
    .option('--file <agency.json>', 'read the agency from a JSON file instead of the options above')
    .addHelpText('after', ADD_EXAMPLE)
    .action(async (options: AgencyOptions & { file?: string }, command: Command) => {
      const { output, api } = sessionFor(command, environment);
      const fieldOptions = (Object.keys(AGENCY_FIELD_OPTIONS) as (keyof AgencyOptions)[]).filter((key) =>
        key === 'alternate' ? (options.alternate?.length ?? 0) > 0 : options[key] !== undefined,
      );
      if (options.file !== undefined && fieldOptions.length > 0) {
        const given = fieldOptions.map((key) => AGENCY_FIELD_OPTIONS[key]).join(', ');
        throw new CliUsageError(`--file cannot be combined with ${given}: describe the agency in one place`);
      }
      const input =
        options.file === undefined ? agencyFromOptions(options) : await agencyFromFile(options.file);
      const agencyApi = api();
      const created = await agencyApi.createAgency(input);
      output.result(created, (agency) => [
        `Registered agency ${agency.ori} (${agency.name}).`,
        ...agencyDetail(agency),
      ]);
    });
}

function listCommand(agency: Command, environment: CliEnvironment): void {
  agency
    .command('list')
    .description('list registered agencies in ORI order (GET /agencies, following pages)')
    .option('--limit <n>', `the most agencies to list, 1 to ${LIMIT_MAX}`, '1000')
    .action(async (options: { limit: string }, command: Command) => {
      const { output, api } = sessionFor(command, environment);
      const { limit } = parseOptions(z.object({ limit: LimitOptionSchema }), options, { limit: '--limit' });
      const listing = await api().listAgencies(limit);
      output.result(listing, ({ items }) =>
        items.length === 0
          ? ['No agencies are registered yet.']
          : [...agencyTable(items), countOf(items.length, 'agency', 'agencies')],
      );
      if (listing.nextCursor)
        output.note(`More agencies are registered: raise --limit (now ${limit}) to see them.`);
    });
}

function showCommand(agency: Command, environment: CliEnvironment): void {
  agency
    .command('show')
    .description('show one agency with its contacts (GET /agencies/{ori})')
    .argument('<ori>', 'the agency ORI, e.g. CA0190000')
    .action(async (ori: string, _options: unknown, command: Command) => {
      const { output, api } = sessionFor(command, environment);
      const valid = parseOptions(z.object({ ori: OriSchema }), { ori }, { ori: '<ori>' });
      output.result(await api().getAgency(valid.ori), agencyDetail);
    });
}

function importCommand(agency: Command, environment: CliEnvironment): void {
  agency
    .command('import')
    .description('register one agency per CSV row; rows are checked before any is sent')
    .argument('<file.csv>', 'the CSV file (columns below)')
    .addHelpText('after', CSV_COLUMNS_HELP)
    .action(async (file: string, _options: unknown, command: Command) => {
      const session = sessionFor(command, environment);
      return importAgencyFile(file, session, environment.io.stderr);
    });
}

export function registerAgencyCommands(program: Command, environment: CliEnvironment): void {
  const agency = program
    .command('agency')
    .description("register and look up agencies, and manage each agency's calendar feed");
  addCommand(agency, environment);
  importCommand(agency, environment);
  listCommand(agency, environment);
  showCommand(agency, environment);
  calendarCommand(agency, environment);
}
