import type { Audit } from '../schemas/audit.js';
import type { EvidenceRequest } from '../schemas/evidence.js';

/*
 * When evidence may be uploaded and when a phase is complete: the rules the upload page, the upload
 * authorization, the ingest, the notices and the lifecycle steps all decide by, written once.
 */

type RequestStatus = EvidenceRequest['status'];

/** A request takes an upload while nothing stands for it, or after a reviewer returned its file. */
const REQUEST_TAKES_UPLOADS: ReadonlySet<RequestStatus> = new Set(['requested', 'flagged']);

/** In review, only flagged requests take uploads (by the rule above), so a returned file can be replaced. */
const AUDIT_TAKES_UPLOADS: ReadonlySet<Audit['status']> = new Set([
  'scheduled',
  'open',
  'collecting',
  'in-review',
]);

/** The evidence phase is the workflow's to complete only while the audit is still collecting. */
const AUDIT_COLLECTING: ReadonlySet<Audit['status']> = new Set(['open', 'collecting']);

/** A file stands for the request (received, or accepted). */
const REQUEST_HAS_EVIDENCE: ReadonlySet<RequestStatus> = new Set(['submitted', 'resubmitted', 'accepted']);

export const requestTakesUploads = (status: RequestStatus): boolean => REQUEST_TAKES_UPLOADS.has(status);

export const auditTakesUploads = (status: Audit['status']): boolean => AUDIT_TAKES_UPLOADS.has(status);

export const auditIsCollecting = (status: Audit['status']): boolean => AUDIT_COLLECTING.has(status);

/** Every request of the audit has a file standing for it (an audit with no requests is never complete). */
export const evidencePhaseComplete = (requests: readonly Pick<EvidenceRequest, 'status'>[]): boolean =>
  requests.length > 0 && requests.every((request) => REQUEST_HAS_EVIDENCE.has(request.status));

/** Every request of the audit is accepted: the review is done. */
export const reviewComplete = (requests: readonly Pick<EvidenceRequest, 'status'>[]): boolean =>
  requests.length > 0 && requests.every((request) => request.status === 'accepted');
