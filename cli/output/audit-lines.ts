import type { AuditAnswer, AuditDetailAnswer } from '../api/answer-schemas.js';
import { type Column, countOf, formatFields, formatTable } from './table.js';

const AUDIT_COLUMNS: readonly Column<AuditAnswer>[] = [
  { header: 'AUDIT', value: (audit) => audit.auditId },
  { header: 'ORI', value: (audit) => audit.ori },
  { header: 'PROGRAM', value: (audit) => audit.programId },
  { header: 'STATUS', value: (audit) => audit.status },
  { header: 'DUE', value: (audit) => audit.dueDate },
];

export const auditTable = (audits: readonly AuditAnswer[]): string[] => formatTable(audits, AUDIT_COLUMNS);

/** "5 (3 open, 2 accepted)": how many, and how many in each status. */
export function statusSummary(items: readonly { status?: string | undefined }[]): string {
  const counts = new Map<string, number>();
  for (const item of items) {
    const status = item.status ?? 'unknown';
    counts.set(status, (counts.get(status) ?? 0) + 1);
  }
  const parts = [...counts].map(([status, count]) => `${count} ${status}`);
  return parts.length === 0 ? '0' : `${items.length} (${parts.join(', ')})`;
}

type Field = readonly [string, string | undefined];

function auditFields(audit: AuditAnswer): Field[] {
  return [
    ['Audit', audit.auditId],
    ['Agency', audit.ori],
    ['Program', audit.programId],
    ['Status', audit.status],
    ['Due', `${audit.dueDate}${audit.timeZone ? ` (${audit.timeZone})` : ''}`],
    ['Responsible', audit.responsibleRole],
    ['Opens', audit.opensAt],
    ['Opened', audit.openedAt],
    ['Closed', audit.closedAt && `${audit.closedAt}${audit.closeReason ? `: ${audit.closeReason}` : ''}`],
    ['Cancelled', audit.cancelledAt && `${audit.cancelledAt}: ${audit.cancelReason ?? ''}`],
    ['Failed', audit.failedAt],
  ];
}

function trailLine(detail: AuditDetailAnswer): string {
  const check = detail.trailVerification;
  if (check.valid) return `verified, ${countOf(check.count ?? detail.trail.events.length, 'event')}`;
  return `BROKEN at event ${check.sequence ?? '?'} (${check.problem ?? 'changed'}): ${check.detail ?? ''}`;
}

export function auditDetail(detail: AuditDetailAnswer): string[] {
  return formatFields([
    ...auditFields(detail.audit),
    ['Requests', statusSummary(detail.requests)],
    ['Evidence', statusSummary(detail.evidence)],
    ['Findings', statusSummary(detail.findings)],
    ['Tasks', statusSummary(detail.tasks)],
    ['Notices', statusSummary(detail.notices)],
    ['Trail', trailLine(detail)],
  ]);
}

export const cancelledAuditLines = (audit: AuditAnswer): string[] => [
  `Cancelled audit ${audit.auditId} (${audit.ori}, ${audit.programId}).`,
  ...formatFields(auditFields(audit)),
];

export const closedAuditLines = (audit: AuditAnswer): string[] => [
  `Closed audit ${audit.auditId} (${audit.ori}, ${audit.programId}); its open remediation tasks were cancelled.`,
  ...formatFields(auditFields(audit)),
];
