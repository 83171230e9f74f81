import { htmlEscape } from 'escape-goat';

/*
 * escape-goat's htmlEscape escapes &, <, >, " and ', so one function serves text and double-quoted attribute
 * values alike. Fragments are built with its tagged form (each interpolation escaped once) and joined with plain
 * concatenation, so nothing is escaped twice.
 */

/** A value for a data attribute the browser script reads back with JSON.parse; the browser undoes the escaping. */
export function jsonAttribute(value: unknown): string {
  return htmlEscape(JSON.stringify(value));
}

/**
 * An href for an email address. Percent-encoding everything but the @ keeps a stray `?` or `#` from adding
 * headers (cc, body) to the message the reader's mail program opens.
 */
export function mailtoHref(email: string): string {
  return htmlEscape(`mailto:${encodeURIComponent(email).replaceAll('%40', '@')}`);
}

/** Joins fragments of markup line by line, leaving out the empty ones (optional parts that do not apply). */
export function joinLines(...fragments: readonly string[]): string {
  return fragments.filter((fragment) => fragment !== '').join('\n');
}
