import type { AuditBundle } from '../adapters/dynamodb/audit-repository.js';
import type { Page } from '../adapters/dynamodb/item-store.js';
import type { TrailReport } from '../adapters/dynamodb/trail-store.js';
import { clock, repository } from '../adapters/runtime/bindings.js';
import type { Audit, AuditStatus } from '../domain/schemas/audit.js';
import type { TrailEvent } from '../domain/schemas/trail-event.js';

/**
 * Which audits to list. Each filter is served by its own index, so only these combinations exist:
 * a status; an agency (optionally one status); or overdue (optionally one status).
 */
export type AuditListing =
  | { readonly by: 'status'; readonly status: AuditStatus }
  | { readonly by: 'agency'; readonly ori: string; readonly status?: AuditStatus }
  | { readonly by: 'overdue'; readonly status?: AuditStatus };

export interface PageRequest {
  readonly limit: number;
  readonly cursor?: string;
}

/**
 * Audits in due-date order, a page at a time. Overdue audits come from the due index, which also holds
 * overdue evidence requests and remediation tasks: those are skipped here, so a page can hold fewer
 * than `limit` audits (or none) and still have a next page.
 */
export async function listAudits(listing: AuditListing, page: PageRequest): Promise<Page<Audit>> {
  const { audits } = repository();
  if (listing.by === 'status') return audits.listAuditsByStatus(listing.status, page);
  if (listing.by === 'agency')
    return audits.listAgencyAudits(listing.ori, { ...page, status: listing.status });
  const open = await audits.listOpenWorkDueBefore(clock().now().toISOString(), page);
  const items = open.items
    .filter((item) => item.kind === 'Audit')
    .map((item) => item.entity as Audit)
    .filter((audit) => listing.status === undefined || audit.status === listing.status);
  return { items, ...(open.cursor ? { cursor: open.cursor } : {}) };
}

export interface AuditDetail extends AuditBundle {
  /** The first page of the audit's trail (or the page the cursor points to), oldest first. */
  readonly trail: Page<TrailEvent>;
  /** The whole chain re-computed: valid, or the first event that was modified, deleted or inserted. */
  readonly trailVerification: TrailReport;
}

/** An audit with everything recorded under it, a page of its trail, and the trail's verification. */
export async function getAuditDetail(
  auditId: string,
  trailPage: PageRequest,
): Promise<AuditDetail | undefined> {
  const { audits, trail } = repository();
  const bundle = await audits.getAuditBundle(auditId);
  if (!bundle) return undefined;
  const [events, verification] = await Promise.all([trail.list(auditId, trailPage), trail.verify(auditId)]);
  return { ...bundle, trail: events, trailVerification: verification };
}
