/*
 * Writes functions/domain/calendar/us-ca-holiday-data.generated.ts: the holiday dates the calendar needs at
 * run time, computed by the installed date-holidays package (`new Holidays('US', 'CA')`) for every year of a
 * fixed range. The rule engine (date-holidays-parser, moment-timezone, astronomia) therefore stays out of the
 * Lambda bundles; only this table is bundled.
 *
 * What is computed, per year:
 * - every California public holiday, with date-holidays' own substitute days ("(substitute day)");
 * - each optional holiday a policy can add (`additionalHolidays`), from the date-holidays rules below.
 *
 * Run after upgrading date-holidays or changing the range or the optional holidays: `npm run generate:holidays`.
 * test/unit/domain/holidays-data.test.ts regenerates the module in memory and fails when the committed file
 * differs; test/unit/domain/holidays-parity.test.ts holds the calendar to the full package over the range.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import Holidays from 'date-holidays';

/** Country and state carried into the bundles; the calendar refuses any other. */
export const CARRIED_COUNTRY = 'US';
export const CARRIED_STATE = 'CA';

/** Years the calendar answers for. The table also holds the year either side: observed days cross years. */
export const FIRST_SUPPORTED_YEAR = 1990;
export const LAST_SUPPORTED_YEAR = 2150;

/**
 * Holidays a policy can add by name (Gov. Code §6700 days that CalHR does not give state staff), as
 * date-holidays rules. Fixed dates carry date-holidays' usual substitutes (Saturday → Friday, Sunday →
 * Monday), which only the 'federal' observance uses; the default policy applies §6701 itself.
 */
export const OPTIONAL_HOLIDAY_RULES: Readonly<Record<string, string>> = {
  'Lincoln Day': '02-12 and if sunday then next monday if saturday then previous friday',
  'Admission Day': '09-09 and if sunday then next monday if saturday then previous friday',
  'Native American Day': '4th friday in September',
  'Columbus Day': '2nd monday in October',
};

/** Adds an optional holiday to a date-holidays instance as the table computes it: public, with substitute days. */
export function addOptionalHoliday(engine: Holidays, name: string): void {
  const rule = OPTIONAL_HOLIDAY_RULES[name];
  if (rule === undefined || !engine.setHoliday(rule, { name, type: 'public', substitute: true })) {
    throw new Error(`date-holidays cannot add ${name} (${rule}).`);
  }
}

export const GENERATED_MODULE_PATH = fileURLToPath(
  new URL('../functions/domain/calendar/us-ca-holiday-data.generated.ts', import.meta.url),
);

/** One letter per distinct [name, substitute] pair; a year's holidays are 5-character tokens: letter + MMDD. */
const TOKEN_LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

export interface HolidayTable {
  firstYear: number;
  lastYear: number;
  /** Token letter → [name, substitute day]. */
  days: Record<string, readonly [string, boolean]>;
  /** Public holidays of year firstYear + index, in date-holidays' order. */
  public: readonly string[];
  /** Each optional holiday's days, per year as above. */
  optional: Record<string, readonly string[]>;
}

export interface InstalledHolidays {
  /** e.g. "date-holidays@3.37.0" */
  source: string;
  license: string;
}

export function installedHolidays(): InstalledHolidays {
  const require = createRequire(import.meta.url);
  const { version } = require('date-holidays/package.json') as { version: string };
  const { data } = require('date-holidays/data') as { data?: { license?: unknown } };
  return { source: `date-holidays@${version}`, license: String(data?.license ?? 'unknown') };
}

interface Occurrence {
  date: string;
  name: string;
  substitute: boolean;
}

function occurrences(engine: Holidays, year: number, rule?: string): Occurrence[] {
  return engine
    .getHolidays(year)
    .filter((holiday) => rule === undefined || holiday.rule === rule)
    .map((holiday) => {
      const date = holiday.date.slice(0, 10);
      if (!date.startsWith(`${year}-`) || holiday.type !== 'public') {
        throw new Error(
          `date-holidays listed ${holiday.date} ${holiday.name} (${holiday.type}) for ${year}.`,
        );
      }
      return { date, name: holiday.name, substitute: holiday.substitute === true };
    });
}

/** The table, computed with the full date-holidays package. */
export function buildHolidayTable(): HolidayTable {
  const firstYear = FIRST_SUPPORTED_YEAR - 1;
  const lastYear = LAST_SUPPORTED_YEAR + 1;
  const years = Array.from({ length: lastYear - firstYear + 1 }, (_, index) => firstYear + index);
  const options = { types: ['public' as const] };
  const days: Record<string, readonly [string, boolean]> = {};
  const letters = new Map<string, string>();
  const encode = (list: Occurrence[]) =>
    list
      .map(({ date, name, substitute }) => {
        const key = `${name}\u0000${substitute}`;
        let letter = letters.get(key);
        if (letter === undefined) {
          letter = TOKEN_LETTERS[letters.size];
          if (letter === undefined) throw new Error('More distinct holidays than token letters.');
          letters.set(key, letter);
          days[letter] = [name, substitute];
        }
        return `${letter}${date.slice(5, 7)}${date.slice(8, 10)}`;
      })
      .join('');

  const publicEngine = new Holidays(CARRIED_COUNTRY, CARRIED_STATE, options);
  const publicYears = years.map((year) => encode(occurrences(publicEngine, year)));
  const optional: Record<string, string[]> = {};
  for (const [name, rule] of Object.entries(OPTIONAL_HOLIDAY_RULES)) {
    const engine = new Holidays(CARRIED_COUNTRY, CARRIED_STATE, options);
    addOptionalHoliday(engine, name);
    optional[name] = years.map((year) => encode(occurrences(engine, year, rule)));
  }
  return { firstYear, lastYear, days, public: publicYears, optional };
}

function quote(text: string): string {
  return text.includes("'") ? JSON.stringify(text) : `'${text}'`;
}

function stringList(list: readonly string[], indent: string): string {
  return `[\n${list.map((item) => `${indent}  ${quote(item)},`).join('\n')}\n${indent}]`;
}

/** The module text, already in the repository's biome style. */
export function renderGeneratedModule(installed: InstalledHolidays, table: HolidayTable): string {
  const days = Object.entries(table.days)
    .map(([letter, [name, substitute]]) => `    ${letter}: [${quote(name)}, ${substitute}],`)
    .join('\n');
  const optional = Object.entries(table.optional)
    .map(([name, years]) => `    ${quote(name)}: ${stringList(years, '    ')},`)
    .join('\n');
  return [
    `// Generated by scripts/generate-holidays.ts from ${installed.source}; do not edit. Regenerate: npm run generate:holidays`,
    `// Holiday data from the date-holidays project (https://github.com/commenthol/date-holidays), licence ${installed.license}.`,
    '',
    `export const US_CA_HOLIDAY_DATA_SOURCE = ${quote(installed.source)};`,
    '',
    '/**',
    ' * US/CA public holidays and the optional ones, for firstYear–lastYear. Each year is a string of 5-character',
    ' * tokens: a letter from `days` ([name, substitute day]) and the date as MMDD, in date-holidays order.',
    ' */',
    'export const US_CA_HOLIDAY_TABLE = {',
    `  firstYear: ${table.firstYear},`,
    `  lastYear: ${table.lastYear},`,
    '  days: {',
    days,
    '  },',
    `  public: ${stringList(table.public, '  ')},`,
    '  optional: {',
    optional,
    '  },',
    '} as const;',
    '',
  ].join('\n');
}

function main(): void {
  const installed = installedHolidays();
  writeFileSync(GENERATED_MODULE_PATH, renderGeneratedModule(installed, buildHolidayTable()), 'utf8');
  // The text is already formatted; biome confirms it, so the regenerate test can compare it byte for byte.
  const biome = createRequire(import.meta.url).resolve('@biomejs/biome/bin/biome');
  execFileSync(process.execPath, [biome, 'format', '--write', GENERATED_MODULE_PATH], { stdio: 'inherit' });
  console.log(`Wrote ${GENERATED_MODULE_PATH} from ${installed.source}.`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
