import * as z from 'zod';

/** A whole number typed on the command line, within bounds; the message says the bounds. */
export const wholeNumberOption = (min: number, max: number) => {
  const allowed = `must be a whole number from ${min} to ${max}`;
  return z
    .string()
    .regex(/^\d+$/, allowed)
    .transform(Number)
    .pipe(z.number().int(allowed).min(min, allowed).max(max, allowed));
};

/** How many items a listing fetches at most, following the API's pages. */
export const LIMIT_MAX = 10_000;
export const LimitOptionSchema = wholeNumberOption(1, LIMIT_MAX);

/** commander's collector for an option that may be given more than once. */
export const collect = (value: string, previous: readonly string[]): string[] => [...previous, value];
