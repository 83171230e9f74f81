/*
 * The files of a close-out report. The names are fixed, so a verifier knows what must be there and what must
 * not; the manifest lists the others (never itself) with their sha256 and byte count.
 */

/**
 * Bumped when a file's meaning changes; a verifier refuses a version it does not know. 2: roll-over (previous
 * audit, carried-forward requests, repeat findings), the close reason, and verification evidence under its task.
 */
export const REPORT_SCHEMA_VERSION = 2;

export const MANIFEST_FILE = 'manifest.json';

/** Every file the manifest lists, in the order it lists them. */
export const LISTED_REPORT_FILES = [
  'report.json',
  'requests.csv',
  'findings.csv',
  'report.html',
  'trail.jsonl',
] as const;
export type ListedReportFile = (typeof LISTED_REPORT_FILES)[number];
export type ReportFileName = ListedReportFile | typeof MANIFEST_FILE;

/** Content types for storing or serving each file (RFC 4180's header parameter says the CSVs have one). */
export const REPORT_CONTENT_TYPES: Readonly<Record<ReportFileName, string>> = {
  'report.json': 'application/json',
  'requests.csv': 'text/csv; charset=utf-8; header=present',
  'findings.csv': 'text/csv; charset=utf-8; header=present',
  'report.html': 'text/html; charset=utf-8',
  'trail.jsonl': 'application/jsonl',
  [MANIFEST_FILE]: 'application/json',
};

export interface ReportFile {
  readonly name: ReportFileName;
  readonly contentType: string;
  /** The file's text; its bytes are this text in UTF-8. */
  readonly body: string;
}
