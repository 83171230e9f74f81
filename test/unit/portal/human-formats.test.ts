import { describe, expect, it } from 'vitest';
import {
  describeTimeZone,
  formatByteSize,
  formatInstant,
  formatLocalDate,
} from '../../../functions/portal/render/human-formats.js';

describe('Function: formatByteSize', () => {
  it.each([
    [1, '1 byte'],
    [512, '512 bytes'],
    [2048, '2 KB'],
    [1_572_864, '1.5 MB'],
    [100 * 1024 ** 2, '100 MB'],
    [5 * 1024 ** 3, '5 GB'],
  ])('says %d bytes as "%s"', (bytes, words) => {
    // Act / Assess
    expect(formatByteSize(bytes)).toBe(words);
  });
});

describe('Function: formatLocalDate', () => {
  it('spells a calendar date out, on the right day whatever the server zone', () => {
    // Act / Assess
    expect(formatLocalDate('2027-03-12')).toBe('Friday, March 12, 2027');
    expect(formatLocalDate('2027-01-01')).toBe('Friday, January 1, 2027');
  });

  it('shows a value that is not a date as given', () => {
    // Act / Assess
    expect(formatLocalDate('2027-02-30x')).toBe('2027-02-30x');
  });
});

describe('Function: formatInstant', () => {
  it('shows an instant in the audit zone with the zone abbreviation', () => {
    // Act / Assess
    expect(formatInstant('2027-03-20T07:00:00.000Z', 'America/Los_Angeles')).toBe(
      'Mar 20, 2027, 12:00 AM PDT',
    );
    expect(formatInstant('2027-01-20T20:15:00.000Z', 'America/Los_Angeles')).toBe(
      'Jan 20, 2027, 12:15 PM PST',
    );
  });

  it('shows a value that is not an instant, or a zone that does not exist, as given', () => {
    // Act / Assess
    expect(formatInstant('soon', 'America/Los_Angeles')).toBe('soon');
    expect(formatInstant('2027-01-20T20:15:00.000Z', 'Mars/Olympus')).toBe('2027-01-20T20:15:00.000Z');
  });
});

describe('Function: describeTimeZone', () => {
  it('names the zone as people say it, with its IANA name', () => {
    // Act / Assess
    expect(describeTimeZone('America/Los_Angeles', new Date('2027-03-12T12:00:00Z'))).toBe(
      'Pacific Time (America/Los_Angeles)',
    );
  });
});
