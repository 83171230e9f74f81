import type { HolidayCalendar } from '../calendar/holidays.js';
import { DEFAULT_TIME_ZONE, localDateAt, toIsoInstant } from '../calendar/time-zones.js';
import { findingId } from '../ids.js';
import { remediationDueDate, type SeverityPolicyInput } from '../remediation/severity-policy.js';
import type { Finding, FindingStatus, Severity } from '../schemas/finding.js';
import type { JsonValue, TrailEventDraft } from '../schemas/trail-event.js';
import {
  type Lifecycle,
  requireText,
  runTransition,
  type TransitionContext,
  type TransitionResult,
} from './state-machine.js';

export type FindingCommand =
  | { action: 'start-remediation' }
  | { action: 'verify' }
  | { action: 'reopen'; reason: string }
  | { action: 'close' }
  | { action: 'withdraw'; reason: string };

/*
 * open → remediation (a corrective-action task exists) → verified (the fix was checked) → closed.
 * Verification can be undone (reopen) before closing; a finding raised in error is withdrawn.
 */
export const FINDING_LIFECYCLE: Lifecycle<FindingStatus, Finding, FindingCommand> = {
  subject: 'finding',
  transitions: {
    'start-remediation': { from: ['open'], to: 'remediation', event: 'finding.remediation-started' },
    verify: { from: ['remediation'], to: 'verified', event: 'finding.verified' },
    reopen: { from: ['verified'], to: 'remediation', event: 'finding.reopened' },
    close: { from: ['verified'], to: 'closed', event: 'finding.closed' },
    withdraw: { from: ['open', 'remediation'], to: 'withdrawn', event: 'finding.withdrawn' },
  },
  idOf: (finding) => finding.findingId,
  streamOf: (finding) => finding.auditId,
  check: (_finding, command) =>
    command.action === 'reopen' || command.action === 'withdraw'
      ? requireText(command.reason, 'reason')
      : null,
  apply: (_finding, command, { at }) => {
    switch (command.action) {
      case 'verify':
        return { verifiedAt: at };
      case 'reopen':
        return { verifiedAt: undefined };
      case 'close':
        return { closedAt: at };
      case 'withdraw':
        return { withdrawnReason: command.reason.trim(), closedAt: at };
      default:
        return {};
    }
  },
  payload: (_finding, command): Record<string, JsonValue> =>
    'reason' in command ? { reason: command.reason.trim() } : {},
};

export function transitionFinding(
  finding: Finding,
  command: FindingCommand,
  context: TransitionContext,
): TransitionResult<Finding> {
  return runTransition(FINDING_LIFECYCLE, finding, command, context);
}

export interface NewFinding {
  auditId: string;
  ori: string;
  /** 1-based number of the finding within its audit; makes the id deterministic. */
  sequence: number;
  severity: Severity;
  title: string;
  description: string;
  requirementId?: string;
}

export interface RaiseFindingOptions {
  severityPolicy?: SeverityPolicyInput;
  calendar?: HolidayCalendar;
  /** Zone whose calendar date counts as the day the finding was raised. */
  timeZone?: string;
}

/** A new open finding whose due date follows the severity policy. */
export function raiseFinding(
  input: NewFinding,
  context: TransitionContext,
  options: RaiseFindingOptions = {},
): { finding: Finding; event: TrailEventDraft } {
  const at = toIsoInstant(context.at);
  const raisedOn = localDateAt(at, options.timeZone ?? DEFAULT_TIME_ZONE);
  const finding: Finding = {
    findingId: findingId(input.auditId, input.sequence),
    auditId: input.auditId,
    ori: input.ori,
    ...(input.requirementId ? { requirementId: input.requirementId } : {}),
    severity: input.severity,
    title: input.title,
    description: input.description,
    status: 'open',
    dueDate: remediationDueDate(input.severity, raisedOn, {
      ...(options.severityPolicy ? { policy: options.severityPolicy } : {}),
      ...(options.calendar ? { calendar: options.calendar } : {}),
    }),
    raisedAt: at,
    raisedBy: context.actor,
    updatedAt: at,
    version: 0,
  };
  return {
    finding,
    event: {
      type: 'finding.raised',
      at,
      actor: context.actor,
      subject: { type: 'finding', id: finding.findingId },
      streamId: finding.auditId,
      payload: { severity: finding.severity, dueDate: finding.dueDate, title: finding.title },
    },
  };
}
