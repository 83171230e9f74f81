import type { Command } from 'commander';
import * as z from 'zod';
import {
  IsoDateSchema,
  OriSchema,
  SlugSchema,
  TimeZoneSchema,
} from '../../functions/domain/schemas/common.js';
import type { EnrollmentCreatedAnswer } from '../api/answer-schemas.js';
import { parseOptions } from '../input/parse-options.js';
import { countOf } from '../output/table.js';
import { type CliEnvironment, sessionFor } from './command-session.js';

/** The program id's shape is checked here; whether the catalog has it is the API's call (its list may be newer). */
const EnrollOptionsSchema = z.object({
  ori: OriSchema,
  programId: SlugSchema,
  anchorDate: IsoDateSchema,
  timeZone: TimeZoneSchema.optional(),
});

const enrolledLines = ({ enrollment, planning }: EnrollmentCreatedAnswer) => [
  `Enrolled ${enrollment.ori} in ${enrollment.programId} from ${enrollment.anchorDate} (${enrollment.timeZone}, ${enrollment.status}).`,
  `Planned ${countOf(planning.planned, 'occurrence')} already open; created ${countOf(planning.created, 'audit')}.`,
];

export function registerEnrollCommand(program: Command, environment: CliEnvironment): void {
  program
    .command('enroll')
    .description('enrol an agency in a catalog program (POST /agencies/{ori}/enrollments)')
    .argument('<ori>', 'the agency ORI, e.g. CA0190000')
    .argument('<programId>', 'a catalog program, e.g. cadoj-compliance-audit (the API lists them if unknown)')
    .requiredOption('--anchor <YYYY-MM-DD>', 'the first due date; the cadence counts from it')
    .option(
      '--time-zone <zone>',
      "IANA time zone of the due dates (default: the deployment's, America/Los_Angeles)",
    )
    .action(
      async (
        ori: string,
        programId: string,
        options: { anchor: string; timeZone?: string },
        command: Command,
      ) => {
        const { output, api } = sessionFor(command, environment);
        const input = parseOptions(
          EnrollOptionsSchema,
          { ori, programId, anchorDate: options.anchor, timeZone: options.timeZone },
          { ori: '<ori>', programId: '<programId>', anchorDate: '--anchor', timeZone: '--time-zone' },
        );
        const { ori: validOri, ...body } = input;
        output.result(await api().enrollAgency(validOri, body), enrolledLines);
      },
    );
}
