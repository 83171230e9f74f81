import type { EvidenceRequest, EvidenceRequestStatus, ReviewDecision } from '../schemas/evidence.js';
import {
  type Lifecycle,
  requireText,
  runTransition,
  type TransitionContext,
  type TransitionResult,
} from './state-machine.js';

export type EvidenceRequestCommand =
  | { action: 'submit'; evidenceId: string }
  | { action: 'accept'; evidenceId: string; comment?: string }
  | { action: 'flag'; evidenceId: string; reason: string }
  | { action: 'resubmit'; evidenceId: string };

/*
 * requested → submitted → accepted, or → flagged (with a reason the agency sees) → resubmitted →
 * accepted or flagged again. Accepted is final: new evidence for a closed question is a new request.
 */
export const EVIDENCE_REQUEST_LIFECYCLE: Lifecycle<
  EvidenceRequestStatus,
  EvidenceRequest,
  EvidenceRequestCommand
> = {
  subject: 'evidence-request',
  transitions: {
    submit: { from: ['requested'], to: 'submitted', event: 'evidence-request.submitted' },
    accept: { from: ['submitted', 'resubmitted'], to: 'accepted', event: 'evidence-request.accepted' },
    flag: { from: ['submitted', 'resubmitted'], to: 'flagged', event: 'evidence-request.flagged' },
    resubmit: { from: ['flagged'], to: 'resubmitted', event: 'evidence-request.resubmitted' },
  },
  idOf: (request) => request.requestId,
  streamOf: (request) => request.auditId,
  check: (request, command) => {
    const missing = requireText(command.evidenceId, 'evidenceId');
    if (missing) return missing;
    // A decision must be about the file the reviewer saw, not one that arrived since.
    if (
      (command.action === 'accept' || command.action === 'flag') &&
      command.evidenceId !== request.currentEvidenceId
    ) {
      return {
        field: 'evidenceId',
        message: `is '${command.evidenceId}' but the evidence under review is '${request.currentEvidenceId ?? 'none'}'`,
      };
    }
    return command.action === 'flag' ? requireText(command.reason, 'reason') : null;
  },
  apply: (request, command, { at }) => {
    switch (command.action) {
      case 'submit':
      case 'resubmit':
        return {
          currentEvidenceId: command.evidenceId,
          submissionCount: request.submissionCount + 1,
          submittedAt: at,
          flagReason: undefined,
          decidedAt: undefined,
        };
      case 'accept':
        return { decidedAt: at, flagReason: undefined };
      case 'flag':
        return { decidedAt: at, flagReason: command.reason.trim() };
    }
  },
  payload: (_request, command) => {
    const base = { evidenceId: command.evidenceId };
    if (command.action === 'flag') return { ...base, reason: command.reason.trim() };
    if (command.action === 'accept' && command.comment) return { ...base, comment: command.comment };
    return base;
  },
};

export function transitionEvidenceRequest(
  request: EvidenceRequest,
  command: EvidenceRequestCommand,
  context: TransitionContext,
): TransitionResult<EvidenceRequest> {
  return runTransition(EVIDENCE_REQUEST_LIFECYCLE, request, command, context);
}

/** Applies a reviewer's ReviewDecision; its time and reviewer become the transition's context. */
export function applyReviewDecision(
  request: EvidenceRequest,
  decision: ReviewDecision,
): TransitionResult<EvidenceRequest> {
  const context = { at: decision.decidedAt, actor: decision.reviewer };
  const command: EvidenceRequestCommand =
    decision.decision === 'accept'
      ? {
          action: 'accept',
          evidenceId: decision.evidenceId,
          ...(decision.comment ? { comment: decision.comment } : {}),
        }
      : { action: 'flag', evidenceId: decision.evidenceId, reason: decision.reason };
  return transitionEvidenceRequest(request, command, context);
}
