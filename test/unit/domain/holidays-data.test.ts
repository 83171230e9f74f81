import { readFileSync } from 'node:fs';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import {
  US_CA_HOLIDAY_DATA_SOURCE,
  US_CA_HOLIDAY_TABLE,
} from '../../../functions/domain/calendar/us-ca-holiday-data.generated.js';
import { OPTIONAL_HOLIDAY_NAMES, SUPPORTED_HOLIDAY_YEARS } from '../../../functions/domain/index.js';
import {
  buildHolidayTable,
  FIRST_SUPPORTED_YEAR,
  GENERATED_MODULE_PATH,
  installedHolidays,
  LAST_SUPPORTED_YEAR,
  OPTIONAL_HOLIDAY_RULES,
  renderGeneratedModule,
} from '../../../scripts/generate-holidays.js';

const REGENERATE = 'run `npm run generate:holidays` and commit the result';

describe('Module: us-ca-holiday-data.generated (holiday dates computed by date-holidays)', () => {
  const installed = installedHolidays();

  it('was generated from the installed date-holidays version', () => {
    expect(US_CA_HOLIDAY_DATA_SOURCE, REGENERATE).toBe(installed.source);
  });

  it('equals, byte for byte, the module regenerated in memory from the installed package', () => {
    const table = buildHolidayTable();
    expect(US_CA_HOLIDAY_TABLE, REGENERATE).toEqual(table);
    expect(readFileSync(GENERATED_MODULE_PATH, 'utf8'), REGENERATE).toBe(
      renderGeneratedModule(installed, table),
    );
  });

  it('covers the supported years and the year either side, and every optional holiday', () => {
    expect(SUPPORTED_HOLIDAY_YEARS).toEqual({ first: FIRST_SUPPORTED_YEAR, last: LAST_SUPPORTED_YEAR });
    const years = LAST_SUPPORTED_YEAR - FIRST_SUPPORTED_YEAR + 3;
    expect(US_CA_HOLIDAY_TABLE.public).toHaveLength(years);
    expect(OPTIONAL_HOLIDAY_NAMES).toEqual(Object.keys(OPTIONAL_HOLIDAY_RULES));
    for (const name of OPTIONAL_HOLIDAY_NAMES) {
      expect(US_CA_HOLIDAY_TABLE.optional[name as keyof typeof US_CA_HOLIDAY_TABLE.optional]).toHaveLength(
        years,
      );
    }
  });

  it('keeps the date-holidays rule engine out of a bundle of the calendar, and stays small', async () => {
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
    expect(inputs.filter((path) => /node_modules\/(date-holidays|moment|astronomia)/.test(path))).toEqual([]);
    expect(inputs).toContain('functions/domain/calendar/us-ca-holiday-data.generated.ts');
    const table =
      result.metafile.outputs[Object.keys(result.metafile.outputs)[0] ?? '']?.inputs[
        'functions/domain/calendar/us-ca-holiday-data.generated.ts'
      ];
    expect(table?.bytesInOutput).toBeLessThan(40_000);
  });
});
