import { CALIFORNIA_COUNTIES } from '../../functions/domain/schemas/agency.js';

const countiesByLowerCase = new Map(CALIFORNIA_COUNTIES.map((county) => [county.toLowerCase(), county]));

/**
 * The county's official spelling when only its case differs ("los angeles", "SAN DIEGO"), as spreadsheets
 * often have it; anything else is returned as given for the schema to judge.
 */
export function canonicalCounty(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  return countiesByLowerCase.get(value.trim().toLowerCase()) ?? value;
}

/** Empty cells and options given as "" are missing values, so the schema says "is required". */
export const presentOrUndefined = (value: string | undefined): string | undefined =>
  value === undefined || value.trim() === '' ? undefined : value;
