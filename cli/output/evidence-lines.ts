import type {
  AuditEvidenceAnswer,
  EvidenceAnswer,
  RequestEvidenceAnswer,
  ReviewOutcomeAnswer,
} from '../api/answer-schemas.js';
import { statusSummary } from './audit-lines.js';
import { type Column, countOf, formatFields, formatTable } from './table.js';
import { printable } from './terminal-text.js';

/** Enough of a SHA-256 to tell files apart at a glance; the full digest is in --json and the download. */
const SHA256_PREFIX_LENGTH = 12;

/** Requests in these statuses hold a file waiting for the reviewer's decision. */
const AWAITING_DECISION = new Set(['submitted', 'resubmitted']);

const currentEvidence = (row: RequestEvidenceAnswer): EvidenceAnswer | undefined =>
  row.evidence.find((evidence) => evidence.evidenceId === row.request.currentEvidenceId);

// The flag reason comes last: it can be long, and the last column is not padded.
const REQUEST_COLUMNS: readonly Column<RequestEvidenceAnswer>[] = [
  { header: 'REQUEST', value: (row) => row.request.requestId },
  { header: 'STATUS', value: (row) => row.request.status },
  { header: 'CURRENT FILE', value: (row) => currentEvidence(row)?.fileName },
  { header: 'SHA-256', value: (row) => currentEvidence(row)?.sha256.slice(0, SHA256_PREFIX_LENGTH) },
  { header: 'RECEIVED', value: (row) => currentEvidence(row)?.receivedAt },
  { header: 'SUBMISSIONS', value: (row) => String(row.request.submissionCount ?? row.evidence.length) },
  { header: 'REJECTIONS', value: (row) => String(row.rejections.length) },
  { header: 'FLAG REASON', value: (row) => row.request.flagReason },
];

const DECISION_COLUMNS: readonly Column<RequestEvidenceAnswer>[] = [
  { header: 'REQUEST', value: (row) => row.request.requestId },
  { header: 'EVIDENCE', value: (row) => row.request.currentEvidenceId },
];

/** The audit's requests with what came in for each, and the evidence ids a decision needs. */
export function auditEvidenceLines(listing: AuditEvidenceAnswer): string[] {
  const heading = `Audit ${printable(listing.auditId)} is ${printable(listing.status)}.`;
  if (listing.requests.length === 0) return [heading, 'It has no evidence requests.'];
  const awaiting = listing.requests.filter(
    (row) => AWAITING_DECISION.has(row.request.status) && row.request.currentEvidenceId !== undefined,
  );
  return [
    heading,
    ...formatTable(listing.requests, REQUEST_COLUMNS),
    `Requests: ${statusSummary(listing.requests.map((row) => row.request))}`,
    ...(awaiting.length > 0
      ? [
          'Awaiting a decision (clets-audit evidence accept|flag <auditId> <requestId> --evidence <evidenceId>):',
          ...formatTable(awaiting, DECISION_COLUMNS).map((line) => `  ${line}`),
        ]
      : []),
  ];
}

/** What a decision did: the request's new status, and whether the audit's review is now complete. */
export function reviewOutcomeLines(outcome: ReviewOutcomeAnswer): string[] {
  const { request } = outcome;
  const lines = [`Request ${printable(request.requestId)} is now ${printable(request.status)}.`];
  if (request.status === 'flagged') {
    lines.push(
      'The agency was emailed the reason and a new upload link; the request waits for a corrected file.',
    );
  }
  lines.push(
    outcome.reviewComplete
      ? 'Review complete: every request of the audit is accepted, and its workflow now closes it.'
      : 'Review not complete: other requests of the audit still need a file or a decision.',
  );
  return lines;
}

export interface SavedDownload {
  readonly path: string;
  readonly evidenceId: string;
  readonly fileName: string;
  readonly sizeBytes: number;
  readonly sha256: string;
}

export const savedDownloadLines = (saved: SavedDownload): string[] => [
  `Saved ${printable(saved.fileName)} to ${printable(saved.path)}.`,
  ...formatFields([
    ['Size', countOf(saved.sizeBytes, 'byte')],
    ['SHA-256', `${saved.sha256} (verified)`],
  ]),
];
