import type { RevokedLinksAnswer, UploadLinkAnswer, UploadLinkListAnswer } from '../api/answer-schemas.js';
import { type Column, countOf, formatTable } from './table.js';
import { printable } from './terminal-text.js';

/** Why a link stopped working, when it did: the revocation reason, or the lockout. */
const noteOf = (link: UploadLinkAnswer) =>
  link.revokedAt
    ? `revoked ${link.revokedAt}${link.revokedReason ? `: ${link.revokedReason}` : ''}`
    : link.lockedAt
      ? `locked ${link.lockedAt} after failed attempts`
      : undefined;

// The note comes last: a revocation reason can be long, and the last column is not padded.
const LINK_COLUMNS: readonly Column<UploadLinkAnswer>[] = [
  { header: 'LINK', value: (link) => link.linkRef },
  { header: 'ROLE', value: (link) => link.role },
  { header: 'STATE', value: (link) => link.state },
  { header: 'ISSUED', value: (link) => link.issuedAt },
  { header: 'EXPIRES', value: (link) => link.expiresAt },
  { header: 'WHY ISSUED', value: (link) => link.reason },
  { header: 'FAILED', value: (link) => String(link.failedAttempts ?? 0) },
  { header: 'NOTE', value: noteOf },
];

export const uploadLinkTable = (links: readonly UploadLinkAnswer[]): string[] =>
  formatTable(links, LINK_COLUMNS);

export function uploadLinkListLines({ items }: UploadLinkListAnswer): string[] {
  if (items.length === 0) return ['No upload link has been issued for this audit.'];
  return [...uploadLinkTable(items), countOf(items.length, 'link')];
}

export function revokedLinksLines(role: string, { revoked }: RevokedLinksAnswer): string[] {
  if (revoked.length === 0) return [`No live ${printable(role)} link to revoke: nothing changed.`];
  return [
    `Revoked ${countOf(revoked.length, 'link')} of role ${printable(role)}; they stop working at once.`,
    ...uploadLinkTable(revoked),
  ];
}

export const reissuedLinkLines = (link: UploadLinkAnswer): string[] => [
  `Issued upload link ${printable(link.linkRef)} for role ${printable(link.role)}, valid until ${printable(link.expiresAt)}.`,
  `It was emailed to the agency's ${printable(link.role)} contacts; earlier ${printable(link.role)} links no longer work.`,
];
