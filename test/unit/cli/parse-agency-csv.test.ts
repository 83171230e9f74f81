import { describe, expect, it } from 'vitest';
import { type AgencyCsvRow, parseAgencyCsv } from '../../../cli/agency-import/parse-agency-csv.js';
import { CliDataError } from '../../../cli/cli-errors.js';

const HEADER = 'ori,name,county,agencyType,tacName,tacEmail,lasoName,lasoEmail,headName,headEmail';
const row = (ori: string, name = 'Agency') =>
  `${ori},${name},Los Angeles,criminal-justice-agency,Pat Lee,pat@x.gov,Sam Ortiz,sam@x.gov,Alex Kim,alex@x.gov`;

const csv = (...lines: string[]) => Buffer.from(lines.join('\n'));
const summary = (rows: readonly AgencyCsvRow[]) =>
  rows.map((entry) =>
    entry.valid ? { line: entry.line, ori: entry.ori } : { line: entry.line, issues: entry.issues },
  );

function dataErrorOf(bytes: Buffer): CliDataError {
  try {
    parseAgencyCsv(bytes);
  } catch (error) {
    if (error instanceof CliDataError) return error;
    throw error;
  }
  throw new Error('expected the file to be refused');
}

describe('CLI: agency CSV parsing', () => {
  it('reads one agency per row with the API schema, numbering rows by file line', () => {
    // Act
    const rows = parseAgencyCsv(csv(HEADER, row('CA0190000'), row('ca0370000')));

    // Assess
    expect(summary(rows)).toEqual([
      { line: 2, ori: 'CA0190000' },
      { line: 3, ori: 'CA0370000' },
    ]);
    expect(rows[0]).toMatchObject({
      valid: true,
      agency: {
        ori: 'CA0190000',
        county: 'Los Angeles',
        contacts: [
          { role: 'tac', name: 'Pat Lee', email: 'pat@x.gov' },
          { role: 'laso', name: 'Sam Ortiz', email: 'sam@x.gov' },
          { role: 'agency-head', name: 'Alex Kim', email: 'alex@x.gov' },
        ],
      },
    });
  });

  it('handles a BOM, CRLF line ends, blank lines, rows of empty cells and quoted fields with commas, quotes and newlines', () => {
    // Prepare
    const text = [
      `\uFEFF${HEADER}`,
      '',
      'CA0190000,"Sheriff, County of ""LA""",Los Angeles,criminal-justice-agency,Pat Lee,pat@x.gov,Sam,sam@x.gov,Alex,alex@x.gov',
      ',,,,,,,,,',
      '   ',
      'CA0370000,"Two-line',
      'name",San Diego,criminal-justice-agency,Jo,jo@x.gov,Lu,lu@x.gov,Di,di@x.gov',
      'CA01,Bad,San Diego,criminal-justice-agency,Jo,jo@x.gov,Lu,lu@x.gov,Di,di@x.gov',
      '',
    ].join('\r\n');

    // Act
    const rows = parseAgencyCsv(Buffer.from(text, 'utf8'));

    // Assess
    expect(summary(rows)).toEqual([
      { line: 3, ori: 'CA0190000' },
      { line: 6, ori: 'CA0370000' },
      { line: 8, issues: [expect.stringMatching(/^ori: ORI must be 9 characters/)] },
    ]);
    expect(rows[0]).toMatchObject({ agency: { name: 'Sheriff, County of "LA"' } });
    expect(rows[1]).toMatchObject({ agency: { name: 'Two-line\r\nname' } });
  });

  it('names the column and what it allows for every problem of a row', () => {
    // Prepare
    const bad = 'CA0190000,,Atlantis,sheriff,Pat Lee,pat-at-x.gov,,sam@x.gov,Alex Kim,alex@x.gov';

    // Act
    const [parsed] = parseAgencyCsv(csv(HEADER, bad));

    // Assess
    expect(parsed).toEqual({
      line: 2,
      ori: 'CA0190000',
      valid: false,
      issues: [
        'name: is required (expected string)',
        expect.stringMatching(/^county: county must be one of: Alameda, .*, Yuba$/),
        expect.stringMatching(/^agencyType: agency type must be one of: criminal-justice-agency, /),
        'tacEmail: must be an email address such as tac@agency.ca.gov',
        'lasoName: is required (expected string)',
      ],
    });
  });

  it('adds the alternate contact only on rows that name one', () => {
    // Prepare
    const header = `${HEADER},alternateName,alternateEmail`;

    // Act
    const rows = parseAgencyCsv(
      csv(
        header,
        `${row('CA0190000')},,`,
        `${row('CA0370000')},Jo Park,jo@x.gov`,
        `${row('CA0380000')},Jo Park,`,
      ),
    );

    // Assess
    expect(rows.map((entry) => (entry.valid ? entry.agency.contacts.length : entry.issues))).toEqual([
      3,
      4,
      ['alternateEmail: is required (expected string)'],
    ]);
  });

  it('refuses a row whose field count differs from the header, suggesting quotes', () => {
    // Act
    const [parsed] = parseAgencyCsv(csv(HEADER, row('CA0190000', 'Sheriff, County of LA')));

    // Assess
    expect(parsed).toMatchObject({
      line: 2,
      valid: false,
      issues: ['has 11 fields but the header has 10; quote fields that contain commas'],
    });
  });

  it('refuses the second row naming an ORI, pointing at the first', () => {
    // Act
    const rows = parseAgencyCsv(csv(HEADER, row('CA0190000'), row('CA0370000'), row('ca0190000')));

    // Assess
    expect(summary(rows)).toEqual([
      { line: 2, ori: 'CA0190000' },
      { line: 3, ori: 'CA0370000' },
      { line: 4, issues: ['ori: CA0190000 is already on line 2 of this file; list each agency once'] },
    ]);
  });

  it('reads header names in any order and case', () => {
    // Prepare
    const header = 'Name, ORI ,County,AgencyType,TACNAME,tacemail,lasoName,lasoEmail,headName,headEmail';
    const line =
      'Agency,CA0190000,Los Angeles,criminal-justice-agency,Pat,pat@x.gov,Sam,sam@x.gov,Alex,alex@x.gov';

    // Act
    const rows = parseAgencyCsv(csv(header, line));

    // Assess
    expect(summary(rows)).toEqual([{ line: 2, ori: 'CA0190000' }]);
  });

  it('refuses a header with unknown or missing columns, listing what is allowed', () => {
    // Act
    const error = dataErrorOf(csv('ori,name,county,type,tacName,tacEmail', row('CA0190000')));

    // Assess
    expect(error.message).toBe('line 1 (the header row) is not valid; nothing was sent');
    expect(error.issues).toEqual([
      'column "type" is not one this import reads; allowed: ori, name, county, agencyType, tacName, tacEmail, lasoName, lasoEmail, headName, headEmail, alternateName, alternateEmail',
      'missing required columns: agencyType, lasoName, lasoEmail, headName, headEmail',
    ]);
  });

  it('refuses a file that is not CSV (an unclosed quote), naming the line', () => {
    // Act
    const error = dataErrorOf(csv(HEADER, 'CA0190000,"Sheriff,Los Angeles'));

    // Assess
    expect(error.message).toBe('the file cannot be read as CSV; nothing was sent');
    expect(error.issues).toEqual([expect.stringMatching(/Quote Not Closed.*line 2/)]);
  });

  it('refuses an empty file, and reads a header without rows as no rows', () => {
    // Act & Assess
    expect(dataErrorOf(Buffer.from('\uFEFF\r\n')).message).toMatch(/^the file is empty/);
    expect(parseAgencyCsv(csv(HEADER))).toEqual([]);
  });
});
