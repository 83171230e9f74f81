import type { AuditStatus } from '../../domain/schemas/audit.js';
import type { EvidenceRequest, EvidenceRequestStatus } from '../../domain/schemas/evidence.js';
import type { RemediationTaskStatus } from '../../domain/schemas/finding.js';
import { dueIndexAttributes, dueIndexRemoval } from './due-index.js';
import type { AttributeChanges, ItemKey } from './item-store.js';
import { tableDesign } from './table-design.js';

/*
 * Which states count as open work with a due date, i.e. belong in the due index. An item is in the index
 * exactly while someone still owes something by its due date: the agency (evidence, a plan) or the audit as
 * a whole (its evidence phase). Work waiting on a reviewer is not late for the agency, so it leaves.
 */
const OPEN_AUDIT: ReadonlySet<AuditStatus> = new Set(['scheduled', 'open', 'collecting']);
const OPEN_REQUEST: ReadonlySet<EvidenceRequestStatus> = new Set(['requested', 'flagged']);
const OPEN_TASK: ReadonlySet<RemediationTaskStatus> = new Set([
  'awaiting-plan',
  'plan-submitted',
  'revision-requested',
  'plan-accepted',
]);

export type OpenWorkKind = 'audit' | 'evidence-request' | 'remediation-task';

export function isOpenWork(kind: OpenWorkKind, status: string): boolean {
  if (kind === 'audit') return OPEN_AUDIT.has(status as AuditStatus);
  if (kind === 'evidence-request') return OPEN_REQUEST.has(status as EvidenceRequestStatus);
  return OPEN_TASK.has(status as RemediationTaskStatus);
}

/** Index attributes to set (open) or remove (closed) for an item in the given state. */
export function dueIndexChanges(
  kind: OpenWorkKind,
  key: ItemKey,
  status: string,
  dueAt: string,
): AttributeChanges {
  return isOpenWork(kind, status)
    ? { set: dueIndexAttributes(key.pk, key.sk, dueAt) }
    : { remove: [dueIndexRemoval[0]] };
}

/**
 * Flagged evidence requests also sit in the status index, in their own sparse collection (`REQUESTS#flagged`,
 * by due date), so the administrators' digest lists every flagged item waiting on an agency, not only those
 * due within the week, by reading flagged requests only.
 */
export const FLAGGED_REQUESTS_COLLECTION = 'REQUESTS#flagged';

const { status: statusIndex } = tableDesign.indexes;

/** Attributes to set (flagged) or remove (anything else) for a request's place in the flagged collection. */
export function flaggedListingChanges(
  request: Pick<EvidenceRequest, 'status' | 'dueAt' | 'auditId' | 'requestId'>,
): AttributeChanges {
  return request.status === 'flagged'
    ? {
        set: {
          [statusIndex.partitionKey.name]: FLAGGED_REQUESTS_COLLECTION,
          [statusIndex.sortKey.name]: `${request.dueAt}#${request.auditId}#${request.requestId}`,
        },
      }
    : { remove: [statusIndex.partitionKey.name, statusIndex.sortKey.name] };
}
