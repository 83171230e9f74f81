import type * as z from 'zod';
import { AgencyInputSchema, type Contact } from '../../functions/domain/schemas/agency.js';
import type { ContactRole } from '../../functions/domain/schemas/common.js';
import { CliUsageError } from '../cli-errors.js';
import { canonicalCounty } from './agency-values.js';
import { describeIssues, type FieldPath } from './describe-issues.js';
import { NAME_AND_EMAIL_EXAMPLE, NameAndEmailSchema } from './name-and-email.js';

export type AgencyInputOutput = z.output<typeof AgencyInputSchema>;

/** What `agency add` takes as options, as commander hands them over. */
export interface AgencyOptions {
  readonly ori?: string;
  readonly name?: string;
  readonly county?: string;
  readonly type?: string;
  readonly cletsConnection?: string;
  readonly tac?: string;
  readonly laso?: string;
  readonly head?: string;
  readonly alternate?: readonly string[];
}

/** Each option that describes an agency, in the order problems are reported; `--file` excludes them all. */
export const AGENCY_FIELD_OPTIONS: Readonly<Record<keyof AgencyOptions, string>> = {
  ori: '--ori',
  name: '--name',
  county: '--county',
  type: '--type',
  cletsConnection: '--clets-connection',
  tac: '--tac',
  laso: '--laso',
  head: '--head',
  alternate: '--alternate',
};

/** The agency schema's fields, by the option that sets them. */
const OPTION_OF_FIELD: Readonly<Record<string, string>> = {
  ori: '--ori',
  name: '--name',
  county: '--county',
  agencyType: '--type',
  cletsConnection: '--clets-connection',
};

const REQUIRED_CONTACTS = [
  { option: 'tac', role: 'tac' },
  { option: 'laso', role: 'laso' },
  { option: 'head', role: 'agency-head' },
] as const satisfies readonly { option: keyof AgencyOptions; role: ContactRole }[];

const OPTION_ORDER = Object.values(AGENCY_FIELD_OPTIONS);
const byOptionOrder = (a: string, b: string) =>
  OPTION_ORDER.indexOf(a.split(/[: ]/)[0] ?? '') - OPTION_ORDER.indexOf(b.split(/[: ]/)[0] ?? '');

/**
 * Builds the agency an administrator described with options and validates it with the API's own schema
 * (AgencyInputSchema). Every problem is reported at once, each naming its option, in the order the options are
 * documented; nothing is sent when there is any.
 */
export function agencyFromOptions(options: AgencyOptions): AgencyInputOutput {
  const issues: string[] = [];
  const contacts: Contact[] = [];
  /** The option each contact came from, by its index in `contacts`. */
  const contactOptions: string[] = [];
  const given = [
    ...REQUIRED_CONTACTS.map(({ option, role }) => ({ flag: `--${option}`, role, value: options[option] })),
    ...(options.alternate ?? []).map((value) => ({ flag: '--alternate', role: 'alternate' as const, value })),
  ];
  for (const { flag, role, value } of given) {
    if (value === undefined) {
      issues.push(`${flag}: is required: "Name <email>", e.g. "${NAME_AND_EMAIL_EXAMPLE}"`);
      continue;
    }
    const split = NameAndEmailSchema.safeParse(value);
    if (split.success) {
      contacts.push({ role, ...split.data });
      contactOptions.push(flag);
    } else {
      issues.push(...split.error.issues.map((issue) => `${flag}: ${issue.message}`));
    }
  }

  const result = AgencyInputSchema.safeParse({
    ori: options.ori,
    name: options.name,
    county: canonicalCounty(options.county),
    agencyType: options.type,
    cletsConnection: options.cletsConnection,
    contacts,
  });
  if (result.success && issues.length === 0) return result.data;
  if (!result.success) {
    const where = (path: FieldPath) => {
      const [head, index, field] = path;
      if (head === 'contacts' && typeof index === 'number') {
        return `${contactOptions[index] ?? 'contact'}${field === undefined ? '' : ` ${String(field)}`}`;
      }
      return OPTION_OF_FIELD[String(head)] ?? String(head);
    };
    // A contact option already reported as missing or unreadable would be reported again as a role count.
    const repeatsAContactIssue = (line: string) => issues.length > 0 && line.startsWith('contacts:');
    issues.push(...describeIssues(result.error, where).filter((line) => !repeatsAContactIssue(line)));
  }
  throw new CliUsageError('invalid input; nothing was sent', issues.sort(byOptionOrder));
}
