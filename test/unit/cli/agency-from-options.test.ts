import { describe, expect, it } from 'vitest';
import { CliUsageError } from '../../../cli/cli-errors.js';
import { type AgencyOptions, agencyFromOptions } from '../../../cli/input/agency-from-options.js';

const validOptions: AgencyOptions = {
  ori: 'ca0190000',
  name: 'Los Angeles County Sheriff',
  county: 'los angeles',
  type: 'criminal-justice-agency',
  tac: 'Pat Lee <pat@lasd.example.gov>',
  laso: 'Sam Ortiz <sam@lasd.example.gov>',
  head: '"Kim, Alex" <alex@lasd.example.gov>',
  alternate: [],
};

function issuesOf(options: AgencyOptions): readonly string[] {
  try {
    agencyFromOptions(options);
  } catch (error) {
    if (error instanceof CliUsageError) return error.issues;
    throw error;
  }
  throw new Error('expected the options to be refused');
}

describe('CLI: agency add options', () => {
  it('builds the agency the API expects, normalised by its schema', () => {
    // Act
    const agency = agencyFromOptions({ ...validOptions, alternate: ['Jo Park <jo@lasd.example.gov>'] });

    // Assess
    expect(agency).toEqual({
      ori: 'CA0190000',
      name: 'Los Angeles County Sheriff',
      county: 'Los Angeles',
      agencyType: 'criminal-justice-agency',
      contacts: [
        { role: 'tac', name: 'Pat Lee', email: 'pat@lasd.example.gov' },
        { role: 'laso', name: 'Sam Ortiz', email: 'sam@lasd.example.gov' },
        { role: 'agency-head', name: 'Kim, Alex', email: 'alex@lasd.example.gov' },
        { role: 'alternate', name: 'Jo Park', email: 'jo@lasd.example.gov' },
      ],
    });
  });

  it('names each bad option and what it allows, in the order the options are documented', () => {
    // Act
    const issues = issuesOf({
      ...validOptions,
      ori: 'CA01',
      type: 'sheriff',
      tac: 'Pat Lee pat@lasd.example.gov',
      laso: 'Sam Ortiz <not-an-email>',
      head: undefined,
    });

    // Assess
    expect(issues).toEqual([
      '--ori: ORI must be 9 characters: a two-letter state code then seven letters or digits, e.g. CA0190000',
      expect.stringMatching(/^--type: agency type must be one of: criminal-justice-agency, /),
      '--tac: must be written "Name <email>", e.g. "Pat Lee <pat.lee@agency.ca.gov>"',
      '--laso email: must be an email address such as tac@agency.ca.gov',
      '--head: is required: "Name <email>", e.g. "Pat Lee <pat.lee@agency.ca.gov>"',
    ]);
  });

  it('says a missing county is required and lists the counties', () => {
    // Act
    const issues = issuesOf({ ...validOptions, county: undefined });

    // Assess
    expect(issues).toEqual([
      expect.stringMatching(/^--county: is required: one of Alameda, Alpine, .*, Yuba$/),
    ]);
  });

  it('refuses a contact without a name, naming the option', () => {
    // Act
    const issues = issuesOf({ ...validOptions, alternate: ['<jo@lasd.example.gov>'] });

    // Assess
    expect(issues).toEqual(['--alternate name: name is required']);
  });
});
