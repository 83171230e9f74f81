import { toIsoInstant } from '../calendar/time-zones.js';
import type { ResolvedObligation } from '../catalog/resolve-obligation.js';
import { DomainError } from '../errors.js';
import { evidenceRequestId } from '../ids.js';
import type { DueOccurrence } from '../planning/plan-due-occurrences.js';
import type { Audit, AuditStatus } from '../schemas/audit.js';
import type { EvidenceRequest } from '../schemas/evidence.js';
import type { JsonValue, TrailEventDraft } from '../schemas/trail-event.js';
import {
  type Lifecycle,
  requireText,
  runTransition,
  type TransitionContext,
  type TransitionResult,
} from './state-machine.js';

export type AuditCommand =
  | { action: 'open' }
  | { action: 'start-collecting' }
  | { action: 'submit-for-review' }
  | { action: 'return-to-collecting'; reason: string }
  | { action: 'require-remediation' }
  /** The workflow closes a finished audit; an administrator may close one in remediation, with a reason. */
  | { action: 'close'; reason?: string }
  | { action: 'cancel'; reason: string }
  | { action: 'record-failure'; error: string; cause: string };

/*
 * scheduled → open (request sent) → collecting (first upload) → in-review → closed, or → remediation →
 * closed when findings need corrective action. A reviewer can send an audit back to collecting when
 * evidence is flagged. Cancelling is possible until remediation starts; after that findings must close.
 */
export const AUDIT_LIFECYCLE: Lifecycle<AuditStatus, Audit, AuditCommand> = {
  subject: 'audit',
  transitions: {
    open: { from: ['scheduled'], to: 'open', event: 'audit.opened' },
    'start-collecting': { from: ['open'], to: 'collecting', event: 'audit.collection-started' },
    'submit-for-review': { from: ['collecting'], to: 'in-review', event: 'audit.review-started' },
    'return-to-collecting': { from: ['in-review'], to: 'collecting', event: 'audit.returned-to-collecting' },
    'require-remediation': { from: ['in-review'], to: 'remediation', event: 'audit.remediation-required' },
    close: { from: ['in-review', 'remediation'], to: 'closed', event: 'audit.closed' },
    cancel: {
      from: ['scheduled', 'open', 'collecting', 'in-review'],
      to: 'cancelled',
      event: 'audit.cancelled',
    },
    // The workflow gave up (a step failed past its retries): operators are alerted and can re-run it.
    'record-failure': {
      from: ['scheduled', 'open', 'collecting', 'in-review', 'remediation'],
      to: 'failed',
      event: 'audit.workflow-failed',
    },
  },
  idOf: (audit) => audit.auditId,
  streamOf: (audit) => audit.auditId,
  check: (_audit, command) =>
    command.action === 'cancel' ||
    command.action === 'return-to-collecting' ||
    (command.action === 'close' && command.reason !== undefined)
      ? requireText(command.reason, 'reason')
      : null,
  apply: (_audit, command, { at }) => {
    switch (command.action) {
      case 'open':
        return { openedAt: at };
      case 'submit-for-review':
        return { reviewStartedAt: at };
      case 'close':
        return {
          closedAt: at,
          ...(command.reason !== undefined ? { closeReason: command.reason.trim() } : {}),
        };
      case 'cancel':
        return { cancelledAt: at, cancelReason: command.reason.trim(), waitingTaskToken: undefined };
      case 'record-failure':
        return {
          failedAt: at,
          failure: { error: command.error.slice(0, 256), cause: command.cause.slice(0, 2000) },
          waitingTaskToken: undefined,
        };
      default:
        return {};
    }
  },
  payload: (_audit, command): Record<string, JsonValue> =>
    'reason' in command && command.reason !== undefined
      ? { reason: command.reason.trim() }
      : command.action === 'record-failure'
        ? { error: command.error.slice(0, 256) }
        : {},
};

export function transitionAudit(
  audit: Audit,
  command: AuditCommand,
  context: TransitionContext,
): TransitionResult<Audit> {
  return runTransition(AUDIT_LIFECYCLE, audit, command, context);
}

/** A new audit's request for one requirement: asked of the agency, due with the audit, created with it. */
export function requestedEvidence(
  audit: Pick<Audit, 'auditId' | 'ori' | 'programId' | 'dueDate' | 'dueAt' | 'createdAt'>,
  requirement: Pick<EvidenceRequest, 'requirementId' | 'description' | 'acceptedContentTypes'>,
): EvidenceRequest {
  return {
    requestId: evidenceRequestId(audit.auditId, requirement.requirementId),
    auditId: audit.auditId,
    ori: audit.ori,
    programId: audit.programId,
    requirementId: requirement.requirementId,
    description: requirement.description,
    acceptedContentTypes: [...requirement.acceptedContentTypes],
    status: 'requested',
    dueDate: audit.dueDate,
    dueAt: audit.dueAt,
    submissionCount: 0,
    createdAt: audit.createdAt,
    updatedAt: audit.createdAt,
    version: 0,
  };
}

export interface ScheduledAudit {
  audit: Audit;
  requests: EvidenceRequest[];
  event: TrailEventDraft;
}

/**
 * The audit and its evidence requests for a planned occurrence, all in 'scheduled'/'requested' state.
 * Ids are deterministic, so creating them with conditional puts is safe to retry.
 */
export function scheduleAudit(
  occurrence: DueOccurrence,
  obligation: ResolvedObligation,
  context: TransitionContext,
): ScheduledAudit {
  if (obligation.id !== occurrence.programId) {
    throw new DomainError(
      `Obligation ${obligation.id} does not match occurrence program ${occurrence.programId}.`,
    );
  }
  const at = toIsoInstant(context.at);
  const audit: Audit = {
    auditId: occurrence.occurrenceId,
    ori: occurrence.ori,
    programId: occurrence.programId,
    enrollmentId: occurrence.enrollmentId,
    periodKey: occurrence.periodKey,
    catalogVersion: occurrence.catalogVersion,
    status: 'scheduled',
    nominalDate: occurrence.nominalDate,
    dueDate: occurrence.dueDate,
    dueAt: occurrence.dueAt,
    opensAt: occurrence.opensAt,
    timeZone: occurrence.timeZone,
    responsibleRole: occurrence.responsibleRole,
    createdAt: at,
    updatedAt: at,
    version: 0,
  };
  const requests = obligation.evidence.map((requirement) =>
    requestedEvidence(audit, {
      requirementId: requirement.id,
      description: requirement.description,
      acceptedContentTypes: requirement.acceptedContentTypes,
    }),
  );
  return {
    audit,
    requests,
    event: {
      type: 'audit.scheduled',
      at,
      actor: context.actor,
      subject: { type: 'audit', id: audit.auditId },
      streamId: audit.auditId,
      payload: {
        programId: audit.programId,
        periodKey: audit.periodKey,
        dueDate: audit.dueDate,
        catalogVersion: audit.catalogVersion,
        requirementIds: requests.map((request) => request.requirementId),
        overrides: obligation.appliedOverrides.map((override) => `${override.level}:${override.field}`),
      },
    },
  };
}
