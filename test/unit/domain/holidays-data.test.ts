import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import {
  US_CA_HOLIDAY_DATA,
  US_CA_HOLIDAY_DATA_SOURCE,
} from '../../../functions/domain/calendar/us-ca-holiday-data.generated.js';
import {
  CARRIED_COUNTRY,
  CARRIED_STATES,
  loadInstalledHolidayData,
  pickCarriedHolidayData,
} from '../../../scripts/generate-holidays.js';

const REGENERATE = 'run `npm run generate:holidays` and commit the result';

describe('Module: us-ca-holiday-data.generated (extract of date-holidays)', () => {
  const installed = loadInstalledHolidayData();

  it('was generated from the installed date-holidays version', () => {
    expect(US_CA_HOLIDAY_DATA_SOURCE, REGENERATE).toBe(installed.source);
  });

  it('equals the extract regenerated in memory from the installed package', () => {
    expect(US_CA_HOLIDAY_DATA, REGENERATE).toEqual(pickCarriedHolidayData(installed.data));
  });

  it('carries only the United States, with California as the only state', () => {
    expect(Object.keys(US_CA_HOLIDAY_DATA.holidays)).toEqual([CARRIED_COUNTRY]);
    expect(Object.keys(US_CA_HOLIDAY_DATA.holidays.US.states)).toEqual([...CARRIED_STATES]);
    // The rules themselves are the package's, untouched.
    const { states: allStates, ...packageUsRules } = installed.data.holidays.US ?? {};
    const { states: _carriedStates, ...usRules } = US_CA_HOLIDAY_DATA.holidays.US;
    expect(usRules).toEqual(packageUsRules);
    expect(US_CA_HOLIDAY_DATA.holidays.US.states.CA).toEqual((allStates as Record<string, unknown>).CA);
  });

  it("keeps date-holidays' all-country data out of a bundle of the calendar", async () => {
    const result = await build({
      entryPoints: ['functions/domain/calendar/holidays.ts'],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node24',
      mainFields: ['module', 'main'],
      minify: true,
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((path) => path.includes('node_modules/date-holidays/'))).toEqual([]);
    expect(inputs).toContain('functions/domain/calendar/us-ca-holiday-data.generated.ts');
  });
});
