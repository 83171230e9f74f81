/*
 * date-holidays-parser ships types (types/index.d.ts) that its package.json `exports` map hides from NodeNext
 * resolution; this declares the part the calendar uses, with the same shapes.
 */
declare module 'date-holidays-parser' {
  export interface HolidayOptions {
    /** Holiday name, or names by language. */
    name: string | Record<string, string>;
    type?: 'public' | 'bank' | 'optional' | 'school' | 'observance';
  }

  export interface ParsedHoliday {
    /** Local date and time, "YYYY-MM-DD hh:mm:ss". */
    date: string;
    start: Date;
    end: Date;
    name: string;
    type: string;
    rule: string;
    substitute?: boolean;
  }

  export interface Options {
    languages?: string | string[];
    timezone?: string;
    types?: string[];
  }

  export default class HolidaysParser {
    /** `data` has date-holidays' holidays.json shape: { version, license, holidays: { [country]: … }, names }. */
    constructor(data: object, country: string, state: string, opts?: Options);
    constructor(data: object, country: string, state: string, region: string, opts?: Options);
    setHoliday(rule: string, opts: HolidayOptions | string): boolean;
    getHolidays(year?: number | string | Date, lang?: string): ParsedHoliday[];
  }
}
