import { sha256Hex } from '../domain/trail/hash-chain.js';
import { findingsCsv, requestsCsv } from './report-csv.js';
import { buildReportDocument, type CloseOutReportInput } from './report-document.js';
import {
  LISTED_REPORT_FILES,
  type ListedReportFile,
  MANIFEST_FILE,
  REPORT_CONTENT_TYPES,
  REPORT_SCHEMA_VERSION,
  type ReportFile,
} from './report-files.js';
import { renderReportHtml } from './report-html.js';
import type { Manifest } from './report-schema.js';
import { trailJsonl } from './trail-lines.js';

export type { CloseOutBundle, CloseOutReportInput } from './report-document.js';

/**
 * The close-out report of one audit: report.json, requests.csv, findings.csv, report.html, trail.jsonl and the
 * manifest.json listing the sha256 of each. Pure and deterministic: the same input gives the same bytes (stable
 * ordering, no clock; generatedAt is handed in). Throws a DomainError when the trail handed in does not verify
 * or an entity belongs to another audit, since such a report would not verify either.
 */
export function buildCloseOutReport(input: CloseOutReportInput): ReportFile[] {
  const { document, trailEvents } = buildReportDocument(input);
  const bodies: Record<ListedReportFile, string> = {
    'report.json': `${JSON.stringify(document, null, 2)}\n`,
    'requests.csv': requestsCsv(document),
    'findings.csv': findingsCsv(document),
    'report.html': renderReportHtml(document),
    'trail.jsonl': trailJsonl(trailEvents),
  };
  const manifest: Manifest = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    auditId: document.audit.auditId,
    generatedAt: document.generatedAt,
    trailHead: document.trail.head,
    files: LISTED_REPORT_FILES.map((name) => ({
      name,
      sha256: sha256Hex(bodies[name]),
      bytes: Buffer.byteLength(bodies[name], 'utf8'),
    })),
  };
  return [
    ...LISTED_REPORT_FILES.map((name) => ({
      name,
      contentType: REPORT_CONTENT_TYPES[name],
      body: bodies[name],
    })),
    {
      name: MANIFEST_FILE,
      contentType: REPORT_CONTENT_TYPES[MANIFEST_FILE],
      body: `${JSON.stringify(manifest, null, 2)}\n`,
    },
  ];
}
