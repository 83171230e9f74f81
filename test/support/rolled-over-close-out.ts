import { auditId as buildAuditId, evidenceId, findingId } from '../../functions/domain/ids.js';
import { AuditSchema } from '../../functions/domain/schemas/audit.js';
import type { Actor } from '../../functions/domain/schemas/common.js';
import {
  type Evidence,
  EvidenceRequestSchema,
  EvidenceSchema,
} from '../../functions/domain/schemas/evidence.js';
import { FindingSchema, RemediationTaskSchema } from '../../functions/domain/schemas/finding.js';
import { sha256Hex } from '../../functions/domain/trail/hash-chain.js';
import type { CloseOutReportInput } from '../../functions/reports/build-close-out-report.js';
import { buildCloseOutAudit } from './close-out-audit.js';

/*
 * The close-out fixture's audit as the second occurrence of its program, closed by an administrator with a task
 * still open: it rolled over from the 2025 audit (a previous audit, carried-forward requests, a repeat finding),
 * and the first task received two verification files under the finding's request. Text is hostile where an
 * agency or administrator types it. Every entity is checked with its domain schema.
 */

export const PREVIOUS_AUDIT_ID = buildAuditId('CA0190000', 'account-review', '2025');

export const ROLLED_OVER_HOSTILE = {
  closeReason: 'Agency <b>merged</b> & "closed"; tasks moved',
  carriedFileName: '=cmd|"/c calc"!A1.pdf',
  verificationFileName: '<img src=x onerror=alert(2)>.pdf',
  cancelReason: '+Superseded by <i>new</i> plan',
} as const;

const agencyContact: Actor = { type: 'agency-contact', id: 'lnk-7c1d2e', role: 'laso' };

export function buildRolledOverCloseOut(): CloseOutReportInput {
  const input = buildCloseOutAudit();
  const { bundle } = input;
  const [first, second, third] = bundle.requests;
  const [repeat, other] = bundle.findings;
  const [verified, cancelled] = bundle.tasks;
  if (!first || !second || !third || !repeat || !other || !verified || !cancelled) {
    throw new Error('the close-out fixture changed shape');
  }
  const verification: Evidence[] = [1, 2].map((index) => {
    const sha256 = sha256Hex(`verification-${index}`);
    return EvidenceSchema.parse({
      evidenceId: evidenceId(first.requestId, sha256),
      requestId: first.requestId,
      auditId: bundle.audit.auditId,
      ori: bundle.audit.ori,
      requirementId: first.requirementId,
      taskId: verified.taskId,
      fileName: index === 1 ? ROLLED_OVER_HOSTILE.verificationFileName : 'disabled-accounts.csv',
      contentType: index === 1 ? 'application/pdf' : 'text/csv',
      sizeBytes: 1000 * index,
      sha256,
      objectKey: `evidence/${bundle.audit.auditId}/${first.requestId}/${sha256.slice(0, 16)}`,
      objectVersion: `v-verify-${index}`,
      receivedAt: `2026-03-0${index + 3}T18:00:00.000Z`,
      effectiveDate: `2026-03-0${index + 3}`,
      uploadedBy: agencyContact,
    });
  });
  return {
    ...input,
    bundle: {
      ...bundle,
      audit: AuditSchema.parse({
        ...bundle.audit,
        previousAuditId: PREVIOUS_AUDIT_ID,
        closeReason: ROLLED_OVER_HOSTILE.closeReason,
      }),
      requests: [
        EvidenceRequestSchema.parse({
          ...first,
          carriedForwardFrom: {
            auditId: PREVIOUS_AUDIT_ID,
            requestId: first.requestId.replace('_2026_', '_2025_'),
            status: 'accepted',
            evidenceId: evidenceId(first.requestId.replace('_2026_', '_2025_'), sha256Hex('2025')),
            sha256: sha256Hex('2025'),
            fileName: ROLLED_OVER_HOSTILE.carriedFileName,
            effectiveDate: '2025-05-30',
          },
        }),
        EvidenceRequestSchema.parse({
          ...second,
          carriedForwardFrom: {
            auditId: PREVIOUS_AUDIT_ID,
            requestId: second.requestId.replace('_2026_', '_2025_'),
            status: 'flagged',
          },
        }),
        third,
      ],
      evidence: [...bundle.evidence, ...verification],
      findings: [
        FindingSchema.parse({
          ...repeat,
          repeatOf: { findingId: findingId(PREVIOUS_AUDIT_ID, 3), auditId: PREVIOUS_AUDIT_ID },
        }),
        other,
      ],
      tasks: [
        RemediationTaskSchema.parse({
          ...verified,
          verificationEvidenceIds: verification.map((item) => item.evidenceId),
        }),
        RemediationTaskSchema.parse({
          ...cancelled,
          status: 'cancelled',
          verifiedAt: undefined,
          closedAt: undefined,
          verificationEvidenceIds: [],
          cancelReason: ROLLED_OVER_HOSTILE.cancelReason,
        }),
      ],
    },
  };
}
