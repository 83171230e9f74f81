import { CsvError, parse } from 'csv-parse/sync';
import { AgencyInputSchema, type Contact } from '../../functions/domain/schemas/agency.js';
import { CliDataError } from '../cli-errors.js';
import type { AgencyInputOutput } from '../input/agency-from-options.js';
import { canonicalCounty, presentOrUndefined } from '../input/agency-values.js';
import { describeIssues, type FieldPath } from '../input/describe-issues.js';
import { CONTACT_COLUMNS, CSV_COLUMNS, REQUIRED_CSV_COLUMNS } from './agency-csv-columns.js';

/** One data row of the file: either an agency ready to send, or what is wrong with it. */
export type AgencyCsvRow =
  | {
      readonly line: number;
      readonly ori: string | undefined;
      readonly valid: true;
      readonly agency: AgencyInputOutput;
    }
  | {
      readonly line: number;
      readonly ori: string | undefined;
      readonly valid: false;
      readonly issues: readonly string[];
    };

interface CsvRecord {
  readonly record: string[];
  readonly info: { readonly bytes: number };
}

const NEWLINE = 0x0a;
const isBlankByte = (byte: number | undefined) =>
  byte === 0x20 || byte === 0x09 || byte === 0x0d || byte === NEWLINE;

/**
 * The line each record starts on. csv-parse's own `info.lines` is the line a record ends on (and counts a
 * quoted CRLF twice), so the start is found from byte offsets: a record starts at the first non-blank byte
 * after the previous record ended, and its line is one more than the newlines before that byte.
 */
function startLines(bytes: Buffer, records: readonly CsvRecord[]): number[] {
  const lines: number[] = [];
  let offset = 0;
  let line = 1;
  for (const { info } of records) {
    while (offset < info.bytes && isBlankByte(bytes[offset])) {
      if (bytes[offset] === NEWLINE) line += 1;
      offset += 1;
    }
    lines.push(line);
    for (; offset < info.bytes; offset += 1) if (bytes[offset] === NEWLINE) line += 1;
  }
  return lines;
}

/** Header names matched in any case and with stray spaces, to the documented spelling. */
function readHeader(header: readonly string[]): Map<string, number> {
  const byLowerCase = new Map(CSV_COLUMNS.map((column) => [column.toLowerCase(), column]));
  const positions = new Map<string, number>();
  const issues: string[] = [];
  header.forEach((raw, position) => {
    const column = byLowerCase.get(raw.trim().toLowerCase());
    if (column === undefined)
      issues.push(`column "${raw}" is not one this import reads; allowed: ${CSV_COLUMNS.join(', ')}`);
    else if (positions.has(column)) issues.push(`column ${column} appears twice`);
    else positions.set(column, position);
  });
  const missing = REQUIRED_CSV_COLUMNS.filter((column) => !positions.has(column));
  if (missing.length > 0)
    issues.push(`missing required column${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}`);
  if (issues.length > 0) {
    throw new CliDataError('line 1 (the header row) is not valid; nothing was sent', issues);
  }
  return positions;
}

/** Contacts in column order; an alternate is added only when its row names one. */
function contactsOf(cell: (column: string) => string | undefined): {
  contacts: Contact[];
  prefixes: string[];
} {
  const contacts: Contact[] = [];
  const prefixes: string[] = [];
  for (const { prefix, role, required } of CONTACT_COLUMNS) {
    const name = cell(`${prefix}Name`);
    const email = cell(`${prefix}Email`);
    if (!required && name === undefined && email === undefined) continue;
    // Missing values stay undefined so the schema says "is required"; the cast is what the schema checks.
    contacts.push({ role, name, email } as Contact);
    prefixes.push(prefix);
  }
  return { contacts, prefixes };
}

function readRow(
  record: readonly string[],
  line: number,
  columns: Map<string, number>,
  headerLength: number,
): AgencyCsvRow {
  const cell = (column: string) => {
    const position = columns.get(column);
    return presentOrUndefined(position === undefined ? undefined : record[position]);
  };
  const ori = cell('ori')?.trim().toUpperCase();
  if (record.length !== headerLength) {
    const issue = `has ${record.length} field${record.length === 1 ? '' : 's'} but the header has ${headerLength}; quote fields that contain commas`;
    return { line, ori, valid: false, issues: [issue] };
  }
  const { contacts, prefixes } = contactsOf(cell);
  const result = AgencyInputSchema.safeParse({
    ori: cell('ori'),
    name: cell('name'),
    county: canonicalCounty(cell('county')),
    agencyType: cell('agencyType'),
    contacts,
  });
  if (result.success) return { line, ori: result.data.ori, valid: true, agency: result.data };
  const where = (path: FieldPath) => {
    const [head, index, field] = path;
    if (head === 'contacts' && typeof index === 'number' && typeof field === 'string') {
      return `${prefixes[index] ?? 'contact'}${field.charAt(0).toUpperCase()}${field.slice(1)}`;
    }
    return String(head ?? 'row');
  };
  return { line, ori, valid: false, issues: describeIssues(result.error, where) };
}

/** The second row naming an ORI is refused: the file would otherwise decide by order which one is kept. */
function refuseRepeatedOris(rows: AgencyCsvRow[]): AgencyCsvRow[] {
  const firstLine = new Map<string, number>();
  return rows.map((row) => {
    if (row.ori === undefined) return row;
    const earlier = firstLine.get(row.ori);
    if (earlier === undefined) {
      firstLine.set(row.ori, row.line);
      return row;
    }
    const issue = `ori: ${row.ori} is already on line ${earlier} of this file; list each agency once`;
    return { line: row.line, ori: row.ori, valid: false, issues: [...(row.valid ? [] : row.issues), issue] };
  });
}

/**
 * Reads an agency import file (see agency-csv-columns.ts) into rows, each validated with the API's agency
 * schema and numbered by the line it starts on. Only a file that cannot be read as CSV at all, or whose header
 * is wrong, is refused as a whole.
 */
export function parseAgencyCsv(bytes: Buffer): AgencyCsvRow[] {
  let records: CsvRecord[];
  try {
    // csv-parse's typings do not model `info: true`, which wraps each record as { record, info }.
    records = parse(bytes, {
      bom: true,
      info: true,
      trim: true,
      skip_empty_lines: true,
      // Rows with too few or too many fields are reported by line rather than ending the import.
      relax_column_count: true,
    }) as unknown as CsvRecord[];
  } catch (error) {
    if (error instanceof CsvError) {
      throw new CliDataError('the file cannot be read as CSV; nothing was sent', [error.message]);
    }
    throw error;
  }
  const lines = startLines(bytes, records);
  const [header, ...data] = records;
  if (!header) throw new CliDataError('the file is empty: it needs a header row and one row per agency');
  const columns = readHeader(header.record);
  const rows = data
    .map((entry, index) => ({ record: entry.record, line: lines[index + 1] ?? 0 }))
    // A row of empty cells (",,,," as spreadsheets export blank lines) is a blank line too.
    .filter(({ record }) => record.some((value) => value !== ''))
    .map(({ record, line }) => readRow(record, line, columns, header.record.length));
  return refuseRepeatedOris(rows);
}
