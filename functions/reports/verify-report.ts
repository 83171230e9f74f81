import { createHash } from 'node:crypto';
import { CsvError, parse } from 'csv-parse/sync';
import type * as z from 'zod';
import { formatZodIssues } from '../domain/schemas/format-issues.js';
import { neutraliseFormula } from './csv-text.js';
import {
  FINDINGS_CSV_KEYS,
  findingRows,
  REQUESTS_CSV_KEYS,
  requestRows,
  verificationSha256,
} from './report-csv.js';
import { LISTED_REPORT_FILES, MANIFEST_FILE, REPORT_SCHEMA_VERSION } from './report-files.js';
import {
  type Manifest,
  ManifestSchema,
  type ReportDocument,
  ReportDocumentSchema,
  type TrailHead,
} from './report-schema.js';
import { checkTrailChain } from './trail-check.js';
import { parseTrailLines } from './trail-lines.js';

/*
 * Offline verification of a close-out report folder. The checks run in a fixed order and stop at the first
 * discrepancy, which is named precisely (the file, the line or row, the trail event):
 *   1. manifest.json is there and parses;
 *   2. every file it lists is there, with its byte count and sha256;
 *   3. no other file is there;
 *   4. trail.jsonl parses line by line;
 *   5. the chain verifies event by event from the genesis hash;
 *   6. the chain ends at the head the manifest records;
 *   7. report.json parses with its schema and agrees with the manifest, the trail and its own totals;
 *   8. requests.csv and findings.csv list the same evidence (ids, sha256, sizes) and tasks (ids, the sha256 of
 *      their verification files) as report.json, and report.html shows the head hash.
 * A report whose every file was rewritten consistently (manifest included) passes: that is what keeping the
 * report under Object Lock, and comparing its head with the live trail, are for.
 */

export interface ReportSummary {
  readonly auditId: string;
  readonly ori: string;
  readonly agencyName: string;
  readonly programTitle: string;
  readonly auditStatus: string;
  readonly generatedAt: string;
  /** Every file of the folder, the manifest last. */
  readonly files: readonly { readonly name: string; readonly bytes: number; readonly sha256: string }[];
  readonly trailEvents: number;
  readonly trailHead: TrailHead;
  readonly requests: number;
  readonly evidence: number;
  /** Files received to show remediation tasks' fixes (not counted in `evidence`). */
  readonly verificationEvidence: number;
  readonly refusedUploads: number;
  readonly findings: number;
  readonly tasks: number;
  readonly notices: number;
}

export type ReportVerification = { ok: true; summary: ReportSummary } | { ok: false; problem: string };

/** Thrown inside the verifier to stop at the first discrepancy; never escapes verifyReport. */
class Discrepancy extends Error {
  override readonly name = 'Discrepancy';
}

const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const describeHead = (head: TrailHead) => `event ${head.sequence} (hash ${head.hash})`;

function text(name: string, bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new Discrepancy(`${name} is not UTF-8 text`);
  }
}

function parseJson<S extends z.ZodType>(name: string, bytes: Uint8Array, schema: S): z.output<S> {
  let value: unknown;
  try {
    value = JSON.parse(text(name, bytes));
  } catch (error) {
    if (error instanceof Discrepancy) throw error;
    throw new Discrepancy(
      `${name} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const version = (value as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof version === 'number' && version !== REPORT_SCHEMA_VERSION) {
    throw new Discrepancy(
      `${name} is format version ${version}; this verifier reads version ${REPORT_SCHEMA_VERSION} (use the clets-audit release that made the report)`,
    );
  }
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new Discrepancy(
      `${name} does not have the report's shape: ${formatZodIssues(result.error).join('; ')}`,
    );
  }
  return result.data;
}

/** Steps 1–3: the manifest, the files it lists, and nothing else. */
function checkFiles(files: ReadonlyMap<string, Uint8Array>): Manifest {
  const manifestBytes = files.get(MANIFEST_FILE);
  if (!manifestBytes)
    throw new Discrepancy(`${MANIFEST_FILE} is missing: it is what lists the report's files`);
  const manifest = parseJson(MANIFEST_FILE, manifestBytes, ManifestSchema);
  for (const listed of manifest.files) {
    const bytes = files.get(listed.name);
    if (!bytes) throw new Discrepancy(`${listed.name} is missing: ${MANIFEST_FILE} lists it`);
    if (bytes.byteLength !== listed.bytes) {
      throw new Discrepancy(
        `${listed.name}: ${bytes.byteLength} bytes, but ${MANIFEST_FILE} lists ${listed.bytes} (one of the two was changed)`,
      );
    }
    const sha256 = sha256Of(bytes);
    if (sha256 !== listed.sha256) {
      throw new Discrepancy(
        `${listed.name}: sha256 ${sha256} does not match ${MANIFEST_FILE}'s ${listed.sha256} (one of the two was changed)`,
      );
    }
  }
  const known = new Set<string>([MANIFEST_FILE, ...LISTED_REPORT_FILES]);
  const extra = [...files.keys()].sort().find((name) => !known.has(name));
  if (extra !== undefined) {
    throw new Discrepancy(
      `${extra} is not listed in ${MANIFEST_FILE}: a report folder holds only the files it lists`,
    );
  }
  return manifest;
}

function fileBytes(files: ReadonlyMap<string, Uint8Array>, name: string): Uint8Array {
  // Present: checkFiles has compared every listed file with the manifest, and the manifest lists them all.
  return files.get(name) ?? new Uint8Array();
}

/** Steps 4–6: the trail's events, their chain, and its head against the manifest's. */
function checkTrail(files: ReadonlyMap<string, Uint8Array>, manifest: Manifest) {
  const parsed = parseTrailLines(text('trail.jsonl', fileBytes(files, 'trail.jsonl')));
  if (!parsed.ok) throw new Discrepancy(parsed.problem);
  const chain = checkTrailChain(parsed.events, manifest.auditId, MANIFEST_FILE);
  if (!chain.ok) throw new Discrepancy(chain.problem);
  const expected = manifest.trailHead;
  if (chain.head.sequence !== expected.sequence || chain.head.hash !== expected.hash) {
    throw new Discrepancy(
      `trail.jsonl ends at ${describeHead(chain.head)}, but ${MANIFEST_FILE}'s trail head is ${describeHead(expected)}${chain.head.sequence > expected.sequence ? ' (events were appended)' : ''}`,
    );
  }
  return { head: chain.head, count: parsed.events.length };
}

/** Step 7: report.json, against the manifest, the trail and itself. */
function checkDocument(
  files: ReadonlyMap<string, Uint8Array>,
  manifest: Manifest,
  trail: { head: TrailHead; count: number },
): ReportDocument {
  const document = parseJson('report.json', fileBytes(files, 'report.json'), ReportDocumentSchema);
  const disagree = (what: string, ours: string | number, theirs: string | number, where: string) =>
    new Discrepancy(`report.json's ${what} is ${ours}, but ${where} says ${theirs}`);
  if (document.audit.auditId !== manifest.auditId) {
    throw disagree('audit id', document.audit.auditId, manifest.auditId, MANIFEST_FILE);
  }
  if (document.trail.streamId !== manifest.auditId) {
    throw disagree('trail stream', document.trail.streamId, manifest.auditId, MANIFEST_FILE);
  }
  if (document.generatedAt !== manifest.generatedAt) {
    throw disagree('generatedAt', document.generatedAt, manifest.generatedAt, MANIFEST_FILE);
  }
  const head = document.trail.head;
  if (head.sequence !== trail.head.sequence || head.hash !== trail.head.hash) {
    throw disagree('trail head', describeHead(head), describeHead(trail.head), 'trail.jsonl');
  }
  if (document.trail.eventCount !== trail.count) {
    throw disagree('trail event count', document.trail.eventCount, trail.count, 'trail.jsonl');
  }
  const counted = {
    requests: document.requests.length,
    evidence: document.requests.reduce((sum, request) => sum + request.evidence.length, 0),
    verificationEvidence: document.tasks.reduce((sum, task) => sum + task.verificationEvidence.length, 0),
    refusedUploads: document.refusedUploads.length,
    findings: document.findings.length,
    tasks: document.tasks.length,
    notices: document.notices.length,
  };
  for (const [key, count] of Object.entries(counted) as [keyof typeof counted, number][]) {
    if (document.totals[key] !== count) {
      throw new Discrepancy(`report.json's totals.${key} is ${document.totals[key]}, but it lists ${count}`);
    }
  }
  return document;
}

function readCsv(name: string, files: ReadonlyMap<string, Uint8Array>): string[][] {
  try {
    return parse(text(name, fileBytes(files, name)), { relax_column_count: false }) as string[][];
  } catch (error) {
    if (error instanceof CsvError) throw new Discrepancy(`${name} is not valid CSV: ${error.message}`);
    throw error;
  }
}

/**
 * Compares the key columns of a CSV with the rows report.json implies, row by row. Values go through the
 * writer's formula neutralising, so an id that starts with "-" compares as written.
 */
function compareCsv(
  name: string,
  files: ReadonlyMap<string, Uint8Array>,
  columns: readonly string[],
  expected: readonly (readonly string[])[],
  describeRow: (index: number) => string,
): void {
  const [header = [], ...rows] = readCsv(name, files);
  const positions = columns.map((column) => {
    const position = header.indexOf(column);
    if (position < 0) throw new Discrepancy(`${name} has no ${column} column in its header row`);
    return position;
  });
  for (const [index, want] of expected.entries()) {
    const row = rows[index];
    if (!row) {
      throw new Discrepancy(
        `${name} ends after ${rows.length} rows, but report.json also lists ${describeRow(index)}`,
      );
    }
    for (const [column, position] of positions.entries()) {
      const found = row[position] ?? '';
      const wanted = neutraliseFormula(want[column] ?? '');
      if (found !== wanted) {
        throw new Discrepancy(
          `${name} row ${index + 1}: ${columns[column]} is '${found}', but report.json has '${wanted}' for ${describeRow(index)}`,
        );
      }
    }
  }
  if (rows.length > expected.length) {
    throw new Discrepancy(
      `${name} row ${expected.length + 1} is not in report.json: the CSV has ${rows.length} rows, report.json implies ${expected.length}`,
    );
  }
}

/** Step 8: the CSVs and the page against report.json. */
function checkRenderings(files: ReadonlyMap<string, Uint8Array>, document: ReportDocument): void {
  const requests = requestRows(document);
  compareCsv(
    'requests.csv',
    files,
    [
      REQUESTS_CSV_KEYS.requestId,
      REQUESTS_CSV_KEYS.evidenceId,
      REQUESTS_CSV_KEYS.sha256,
      REQUESTS_CSV_KEYS.sizeBytes,
    ],
    requests.map(({ request, evidence }) => [
      request.requestId,
      evidence?.evidenceId ?? '',
      evidence?.sha256 ?? '',
      evidence ? String(evidence.sizeBytes) : '',
    ]),
    (index) => {
      const row = requests[index];
      return row?.evidence
        ? `evidence ${row.evidence.evidenceId} of request ${row.request.requestId}`
        : `request ${row?.request.requestId} (no file)`;
    },
  );
  const findings = findingRows(document);
  compareCsv(
    'findings.csv',
    files,
    [FINDINGS_CSV_KEYS.findingId, FINDINGS_CSV_KEYS.taskId, FINDINGS_CSV_KEYS.verificationSha256],
    findings.map(({ finding, task }) => [
      finding.findingId,
      task?.taskId ?? '',
      verificationSha256(task) ?? '',
    ]),
    (index) => {
      const row = findings[index];
      return row?.task
        ? `task ${row.task.taskId} of finding ${row.finding.findingId}`
        : `finding ${row?.finding.findingId}`;
    },
  );
  if (!text('report.html', fileBytes(files, 'report.html')).includes(document.trail.head.hash)) {
    throw new Discrepancy(`report.html does not show the trail head hash ${document.trail.head.hash}`);
  }
}

/** Checks a report folder's files (name → bytes) and names the first discrepancy. */
export function verifyReport(files: ReadonlyMap<string, Uint8Array>): ReportVerification {
  try {
    const manifest = checkFiles(files);
    const trail = checkTrail(files, manifest);
    const document = checkDocument(files, manifest, trail);
    checkRenderings(files, document);
    const manifestBytes = fileBytes(files, MANIFEST_FILE);
    return {
      ok: true,
      summary: {
        auditId: document.audit.auditId,
        ori: document.agency.ori,
        agencyName: document.agency.name,
        programTitle: document.program.title,
        auditStatus: document.audit.status,
        generatedAt: document.generatedAt,
        files: [
          ...manifest.files.map(({ name, bytes, sha256 }) => ({ name, bytes, sha256 })),
          { name: MANIFEST_FILE, bytes: manifestBytes.byteLength, sha256: sha256Of(manifestBytes) },
        ],
        trailEvents: trail.count,
        trailHead: trail.head,
        ...document.totals,
      },
    };
  } catch (error) {
    if (error instanceof Discrepancy) return { ok: false, problem: error.message };
    throw error;
  }
}
