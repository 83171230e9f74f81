import type { ReportSummary } from '../../functions/reports/verify-report.js';
import { countOf, formatFields, formatTable } from './table.js';
import { printable } from './terminal-text.js';

/** What `verify-report` prints and, with --json, writes as its result. */
export type ReportVerdict =
  | ({ readonly valid: true; readonly folder: string } & ReportSummary)
  | { readonly valid: false; readonly folder: string; readonly problem: string };

const grouped = (value: number) => String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** One verdict line, then the summary (or the problem) as indented fields. */
export function reportVerdictLines(verdict: ReportVerdict): string[] {
  if (!verdict.valid) {
    return [
      `NOT VERIFIED: the report in ${printable(verdict.folder)} has a discrepancy.`,
      ...formatFields([['Problem', verdict.problem]]).map((line) => `  ${line}`),
    ];
  }
  const files = formatTable(verdict.files, [
    { header: 'FILE', value: (file) => file.name },
    { header: 'BYTES', value: (file) => grouped(file.bytes).padStart(9) },
    { header: 'SHA-256', value: (file) => file.sha256 },
  ]);
  return [
    `VERIFIED: every file matches the manifest and the trail chains from genesis to its head (${printable(verdict.folder)}).`,
    ...formatFields([
      ['Audit', `${verdict.auditId} (${verdict.auditStatus})`],
      ['Agency', `${verdict.agencyName} (${verdict.ori})`],
      ['Program', verdict.programTitle],
      ['Generated', verdict.generatedAt],
      ['Trail', `${countOf(verdict.trailEvents, 'event')}, head at event ${verdict.trailHead.sequence}`],
      ['Head hash', verdict.trailHead.hash],
      [
        'Contents',
        [
          countOf(verdict.requests, 'request'),
          countOf(verdict.evidence, 'file'),
          countOf(verdict.refusedUploads, 'refused upload'),
          countOf(verdict.findings, 'finding'),
          countOf(verdict.tasks, 'task'),
          countOf(verdict.notices, 'notice'),
        ].join(', '),
      ],
    ]).map((line) => `  ${line}`),
    `  ${countOf(verdict.files.length, 'file')}:`,
    ...files.map((line) => `    ${line}`),
  ];
}
