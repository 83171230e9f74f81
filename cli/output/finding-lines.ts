import type { AuditFindingsAnswer, FindingAnswer } from '../api/answer-schemas.js';
import { type Column, countOf, formatFields, formatTable } from './table.js';
import { printable } from './terminal-text.js';

// The title comes last: it can be long, and the last column is not padded.
const FINDING_COLUMNS: readonly Column<FindingAnswer>[] = [
  { header: 'FINDING', value: (finding) => finding.findingId },
  { header: 'SEVERITY', value: (finding) => finding.severity },
  { header: 'STATUS', value: (finding) => finding.status },
  { header: 'DUE', value: (finding) => finding.dueDate },
  { header: 'REQUIREMENT', value: (finding) => finding.requirementId },
  // A finding the program's previous audit for the agency also had; `findings list --json` names it.
  { header: 'REPEAT', value: (finding) => (finding.repeatOf ? 'repeat' : undefined) },
  { header: 'TITLE', value: (finding) => finding.title },
];

/** One recorded finding: its id and the due date the severity policy gave it. */
export function findingLines(finding: FindingAnswer): string[] {
  return [
    `Recorded finding ${printable(finding.findingId)}.`,
    ...formatFields([
      ['Severity', finding.severity],
      ['Due', finding.dueDate],
      ['Requirement', finding.requirementId],
      ['Status', finding.status],
      [
        'Repeat of',
        finding.repeatOf &&
          `${finding.repeatOf.findingId} (audit ${finding.repeatOf.auditId}): a repeat finding`,
      ],
    ]),
  ];
}

/** An audit's findings, one row each. */
export function auditFindingsLines(listing: AuditFindingsAnswer): string[] {
  const heading = `Audit ${printable(listing.auditId)} is ${printable(listing.status)}.`;
  if (listing.findings.length === 0) return [heading, 'It has no findings.'];
  return [
    heading,
    ...formatTable(listing.findings, FINDING_COLUMNS),
    countOf(listing.findings.length, 'finding'),
  ];
}
