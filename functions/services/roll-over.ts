import { repository } from '../adapters/runtime/bindings.js';
import { type AuditPlace, type PreviousAudit, whyNotPreviousAudit } from '../domain/lifecycle/roll-over.js';
import type { Audit } from '../domain/schemas/audit.js';
import type { Finding } from '../domain/schemas/finding.js';

/*
 * Reading what roll-over starts from: the program's previous audit for the agency, with its requests and their
 * files (for scheduling the next occurrence), and its findings (for marking repeat findings). The decisions are
 * the domain's (functions/domain/lifecycle/roll-over.ts); this only reads and hands in.
 */

/** The previous audit's requests and evidence, each a bounded key range of its partition. */
async function readPreviousAudit(previous: AuditPlace): Promise<PreviousAudit> {
  const { audits } = repository();
  const [requests, evidence] = await Promise.all([
    audits.listEvidenceRequests(previous.auditId),
    audits.listEvidence(previous.auditId),
  ]);
  return { audit: previous, requests, evidence };
}

/**
 * What a new audit rolls over from, or undefined for a program's first audit. `known` is an earlier occurrence of
 * the same program the caller created or found a moment ago (a catch-up run plans several periods at once):
 * the agency's audit index is eventually consistent and may not list it yet, and nothing of the same program can
 * fall between two consecutive occurrences, so it is used without reading the index.
 */
export async function findRollOverSource(
  audit: AuditPlace,
  known?: AuditPlace & Pick<Audit, 'status'>,
): Promise<PreviousAudit | undefined> {
  // Cancelled audits are skipped, as the index read skips them.
  const usable =
    known && known.status !== 'cancelled' && whyNotPreviousAudit(audit, known) === undefined
      ? known
      : undefined;
  const previous =
    usable ?? (await repository().audits.findPreviousProgramAudit(audit.ori, audit.programId, audit.dueAt));
  return previous ? readPreviousAudit(previous) : undefined;
}

/** The roll-over source an existing audit was created from (its stored previousAuditId), if any. */
export async function rollOverSourceOf(
  audit: Pick<Audit, 'previousAuditId'>,
): Promise<PreviousAudit | undefined> {
  if (!audit.previousAuditId) return undefined;
  const previous = await repository().audits.getAudit(audit.previousAuditId);
  return previous ? readPreviousAudit(previous) : undefined;
}

/** The findings of the audit's previous audit (the one it rolled over from); none for a first audit. */
export async function previousAuditFindings(audit: Pick<Audit, 'previousAuditId'>): Promise<Finding[]> {
  if (!audit.previousAuditId) return [];
  return repository().audits.listFindings(audit.previousAuditId);
}
