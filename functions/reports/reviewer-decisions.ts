import type { EvidenceRequest } from '../domain/schemas/evidence.js';
import type { TrailEvent } from '../domain/schemas/trail-event.js';
import type { ReviewerDecision } from './report-schema.js';

/*
 * A reviewer's decision on a file is recorded twice: on the request (its decidedAt and flagReason, for the file
 * under review only, overwritten by the next submission) and in the trail (evidence-request.accepted or
 * .flagged, naming the evidence and the reviewer, kept forever). The trail is the source; the request fills in
 * a decision whose event is not in the trail handed over.
 */

const DECISION_OF_EVENT: Readonly<Record<string, ReviewerDecision['decision']>> = {
  'evidence-request.accepted': 'accepted',
  'evidence-request.flagged': 'flagged',
};

const textField = (payload: TrailEvent['payload'], field: string): string | undefined => {
  const value = payload[field];
  return typeof value === 'string' && value !== '' ? value : undefined;
};

/** The last decision the trail records for each piece of evidence, by evidence id. */
export function decisionsFromTrail(trail: readonly TrailEvent[]): Map<string, ReviewerDecision> {
  const decisions = new Map<string, ReviewerDecision>();
  for (const event of trail) {
    const decision = DECISION_OF_EVENT[event.type];
    const evidenceId = textField(event.payload, 'evidenceId');
    if (!decision || !evidenceId) continue;
    const reason = textField(event.payload, 'reason');
    const comment = textField(event.payload, 'comment');
    decisions.set(evidenceId, {
      decision,
      at: event.at,
      reviewer: event.actor,
      ...(reason ? { reason } : {}),
      ...(comment ? { comment } : {}),
      trailSequence: event.sequence,
    });
  }
  return decisions;
}

/** The decision a request holds on its current file, when it has one. */
export function decisionFromRequest(request: EvidenceRequest): ReviewerDecision | undefined {
  if (!request.decidedAt || (request.status !== 'accepted' && request.status !== 'flagged')) return undefined;
  return {
    decision: request.status,
    at: request.decidedAt,
    ...(request.status === 'flagged' && request.flagReason ? { reason: request.flagReason } : {}),
  };
}
