import { describe, expect, it } from 'vitest';
import {
  endOfLocalDay,
  InvalidInstantError,
  InvalidTimeZoneError,
  isValidTimeZone,
  localDateAt,
  startOfLocalDay,
  toInstant,
  toIsoInstant,
  zonedWallTimeToInstant,
} from '../../../functions/domain/index.js';
import { LA } from './fixtures.js';

describe('Function: endOfLocalDay', () => {
  it('is 23:59:59.999 Pacific standard time before the March DST change', () => {
    expect(endOfLocalDay('2026-03-06', LA).toISOString()).toBe('2026-03-07T07:59:59.999Z');
  });

  it('handles the 23-hour day of the March change (2026-03-08)', () => {
    expect(startOfLocalDay('2026-03-08', LA).toISOString()).toBe('2026-03-08T08:00:00.000Z');
    expect(endOfLocalDay('2026-03-08', LA).toISOString()).toBe('2026-03-09T06:59:59.999Z');
  });

  it('handles the 25-hour day of the November change (2026-11-01)', () => {
    expect(startOfLocalDay('2026-11-01', LA).toISOString()).toBe('2026-11-01T07:00:00.000Z');
    expect(endOfLocalDay('2026-11-01', LA).toISOString()).toBe('2026-11-02T07:59:59.999Z');
  });

  it('finds the first instant of a day whose midnight is skipped (America/Santiago, 2026-09-06)', () => {
    const start = startOfLocalDay('2026-09-06', 'America/Santiago');
    expect(start.toISOString()).toBe('2026-09-06T04:00:00.000Z');
    expect(localDateAt(start, 'America/Santiago')).toBe('2026-09-06');
    expect(localDateAt(new Date(start.getTime() - 1), 'America/Santiago')).toBe('2026-09-05');
  });
});

describe('Function: zonedWallTimeToInstant', () => {
  it('moves a wall time inside the spring-forward gap to just after it', () => {
    expect(zonedWallTimeToInstant('2026-03-08', { hour: 2, minute: 30 }, LA).toISOString()).toBe(
      '2026-03-08T10:30:00.000Z',
    );
  });

  it('takes the first of two instants in the fall-back overlap', () => {
    expect(zonedWallTimeToInstant('2026-11-01', { hour: 1, minute: 30 }, LA).toISOString()).toBe(
      '2026-11-01T08:30:00.000Z',
    );
  });

  it('works for zones with fractional offsets', () => {
    expect(zonedWallTimeToInstant('2026-07-01', { hour: 9, minute: 0 }, 'Asia/Kolkata').toISOString()).toBe(
      '2026-07-01T03:30:00.000Z',
    );
  });
});

describe('Function: localDateAt', () => {
  it('reads the local date, which differs from the UTC date in the evening', () => {
    expect(localDateAt('2026-12-31T23:30:00Z', LA)).toBe('2026-12-31');
    expect(localDateAt('2027-01-01T07:59:59Z', LA)).toBe('2026-12-31');
    expect(localDateAt('2027-01-01T08:00:00Z', LA)).toBe('2027-01-01');
  });
});

describe('Function: time-zone and instant validation', () => {
  it('accepts IANA names and rejects unknown zones', () => {
    expect(isValidTimeZone(LA)).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(() => localDateAt('2026-01-01T00:00:00Z', 'Mars/Olympus_Mons')).toThrow(InvalidTimeZoneError);
  });

  it('normalizes instants and rejects garbage', () => {
    expect(toIsoInstant('2026-01-01T00:00:00+01:00')).toBe('2025-12-31T23:00:00.000Z');
    const date = new Date('2026-01-01T00:00:00Z');
    expect(toInstant(date)).not.toBe(date);
    expect(() => toInstant('not a date')).toThrow(InvalidInstantError);
    expect(() => toInstant(new Date(Number.NaN))).toThrow(/Invalid instant/);
  });
});
