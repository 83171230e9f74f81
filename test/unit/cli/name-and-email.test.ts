import { describe, expect, it } from 'vitest';
import { parseNameAndEmail } from '../../../cli/input/name-and-email.js';

describe('CLI: "Name <email>" parser', () => {
  it.each([
    ['Pat Lee <pat.lee@agency.ca.gov>', { name: 'Pat Lee', email: 'pat.lee@agency.ca.gov' }],
    ['  Pat Lee   <  pat.lee@agency.ca.gov >  ', { name: 'Pat Lee', email: 'pat.lee@agency.ca.gov' }],
    ['"Lee, Pat" <pat.lee@agency.ca.gov>', { name: 'Lee, Pat', email: 'pat.lee@agency.ca.gov' }],
    [
      'Dr. Ana María Ruiz-López <ana@sheriff.example.gov>',
      { name: 'Dr. Ana María Ruiz-López', email: 'ana@sheriff.example.gov' },
    ],
    // The split only; the agency schema then says the name is required.
    ['<pat.lee@agency.ca.gov>', { name: '', email: 'pat.lee@agency.ca.gov' }],
  ])('splits %j into name and email', (text, expected) => {
    // Act
    const parsed = parseNameAndEmail(text);

    // Assess
    expect(parsed).toEqual(expected);
  });

  it.each([
    'pat.lee@agency.ca.gov',
    'Pat Lee pat.lee@agency.ca.gov',
    'Pat Lee <pat.lee@agency.ca.gov',
    'Pat <a@b> <c@d>',
    'Pat Lee <pat lee@agency.ca.gov>',
    'Pat Lee <pat.lee@agency.ca.gov> trailing',
    '',
  ])('refuses %j, which is not written "Name <email>"', (text) => {
    // Act
    const parsed = parseNameAndEmail(text);

    // Assess
    expect(parsed).toBeUndefined();
  });
});
