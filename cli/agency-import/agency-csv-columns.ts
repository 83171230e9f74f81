import type { ContactRole } from '../../functions/domain/schemas/common.js';

/*
 * The columns of an agency import file. A header row names them (in any order, any case); the alternate
 * contact's two columns may be left out, or left empty on rows without an alternate.
 */

export const AGENCY_FIELD_COLUMNS = ['ori', 'name', 'county', 'agencyType'] as const;

/** Each contact takes two columns, `<prefix>Name` and `<prefix>Email`, in the order contacts are built. */
export const CONTACT_COLUMNS: readonly { prefix: string; role: ContactRole; required: boolean }[] = [
  { prefix: 'tac', role: 'tac', required: true },
  { prefix: 'laso', role: 'laso', required: true },
  { prefix: 'head', role: 'agency-head', required: true },
  { prefix: 'alternate', role: 'alternate', required: false },
];

export const CSV_COLUMNS: readonly string[] = [
  ...AGENCY_FIELD_COLUMNS,
  ...CONTACT_COLUMNS.flatMap(({ prefix }) => [`${prefix}Name`, `${prefix}Email`]),
];

export const REQUIRED_CSV_COLUMNS: readonly string[] = [
  ...AGENCY_FIELD_COLUMNS,
  ...CONTACT_COLUMNS.filter(({ required }) => required).flatMap(({ prefix }) => [
    `${prefix}Name`,
    `${prefix}Email`,
  ]),
];

/** For `agency import --help`. */
export const CSV_COLUMNS_HELP = `
CSV columns (a header row is required; columns in any order, names in any case):
  ori             9 characters: two-letter state code, then seven letters or digits (CA0190000)
  name            the agency's name
  county          a California county, e.g. Los Angeles
  agencyType      criminal-justice-agency, noncriminal-justice-agency, contracting-government-agency,
                  private-contractor, cjis-systems-agency, state-identification-bureau, interface-agency
  tacName, tacEmail        the Terminal Agency Coordinator
  lasoName, lasoEmail      the Local Agency Security Officer
  headName, headEmail      the agency head
  alternateName, alternateEmail   optional: an alternate contact

Fields may be quoted ("Sheriff, County of X"); UTF-8 with or without a BOM, LF or CRLF line ends; blank
lines are ignored. Each row is checked with the API's agency schema before anything is sent: valid rows
are registered, an agency already registered is skipped, and invalid rows are listed by line number.

Example:
  ori,name,county,agencyType,tacName,tacEmail,lasoName,lasoEmail,headName,headEmail
  CA0190000,Los Angeles County Sheriff,Los Angeles,criminal-justice-agency,Pat Lee,pat@lasd.example.gov,Sam Ortiz,sam@lasd.example.gov,Alex Kim,alex@lasd.example.gov
`;
