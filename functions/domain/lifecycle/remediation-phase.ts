import type { Finding, RemediationTask } from '../schemas/finding.js';

/*
 * The rules of an audit's remediation phase, in one place: which findings need corrective action, when a
 * finding's tasks settle it, when the phase is complete, what the agency owes on a task, and when the
 * workflow should hand the phase to a follow-up execution. Pure: callers hand in what they read.
 */

/** Step Functions' limit is a year; each lifecycle execution stops well short of it. */
export const LIFECYCLE_EXECUTION_DAYS = 300;
/** A remediation execution hands over to a follow-up once it could not finish its next wait in this time. */
export const HAND_OFF_AFTER_DAYS = 270;
/** Loops of plan → wait → notices before handing over, keeping an execution far below 5,000 history events. */
export const HAND_OFF_AFTER_LOOPS = 150;
/** With no task notice left, the remediation wait still wakes this often to re-check the audit. */
export const REMEDIATION_IDLE_WAIT_SECONDS = 30 * 86_400;

const DAY_MS = 86_400_000;

/** Findings that need corrective action: all but those withdrawn as raised in error. */
export const findingsNeedingRemediation = (findings: readonly Finding[]) =>
  findings.filter((finding) => finding.status !== 'withdrawn');

const TASK_DONE = new Set<RemediationTask['status']>(['closed', 'cancelled']);

/** Tasks still in progress: the phase cannot end while any is. */
export const taskInProgress = (task: Pick<RemediationTask, 'status'>) => !TASK_DONE.has(task.status);

/**
 * A finding is settled once every one of its tasks is done and at least one was closed (verified): its fix
 * was checked. A finding whose every task was cancelled is not settled: it needs a new task or withdrawal.
 */
export function findingSettledBy(finding: Finding, tasks: readonly RemediationTask[]): boolean {
  const own = tasks.filter((task) => task.findingId === finding.findingId);
  return (
    own.length > 0 &&
    own.every((task) => !taskInProgress(task)) &&
    own.some((task) => task.status === 'closed')
  );
}

/** The remediation phase is complete when every finding that needed corrective action is closed. */
export function remediationComplete(findings: readonly Finding[]): boolean {
  return findingsNeedingRemediation(findings).every((finding) => finding.status === 'closed');
}

/** What the agency owes on a task, in words for its emails; undefined while the reviewer has the next move. */
export function agencyOwes(task: Pick<RemediationTask, 'status'>): string | undefined {
  switch (task.status) {
    case 'awaiting-plan':
      return 'a corrective action plan';
    case 'revision-requested':
      return 'a revised corrective action plan';
    case 'plan-accepted':
      return 'verification evidence showing the fix';
    default:
      return undefined;
  }
}

/** The short, stable reference of a task within its audit (finding and task sequence), e.g. 002-01. */
export function taskReference(taskId: string): string {
  const parts = taskId.split('_');
  return parts.slice(-2).join('-');
}

export interface RemediationWaitInput {
  readonly now: Date;
  /** When the running execution started (by the workflow's clock). */
  readonly executionStartedAt: string;
  /** Loops this execution has made so far. */
  readonly loops: number;
  /** The next task notice to send, if any is left. */
  readonly nextNoticeAt?: string;
}

export interface RemediationWait {
  /** Seconds the remediation wait may sleep: until the next notice, or the idle re-check. */
  readonly waitSeconds: number;
  /** True when this execution should hand the phase to a follow-up execution instead of waiting. */
  readonly handOff: boolean;
}

/**
 * How long the remediation wait sleeps, and whether the execution must hand over first: when waking up would
 * fall past the hand-off age, or it has looped so often its history grows long. Nothing is lost in a hand-off:
 * all state is in the table; the follow-up re-reads it.
 */
export function planRemediationWait(input: RemediationWaitInput): RemediationWait {
  const nowMs = input.now.getTime();
  const waitSeconds = input.nextNoticeAt
    ? Math.max(1, Math.ceil((Date.parse(input.nextNoticeAt) - nowMs) / 1000))
    : REMEDIATION_IDLE_WAIT_SECONDS;
  const wakesAt = nowMs + Math.min(waitSeconds, REMEDIATION_IDLE_WAIT_SECONDS) * 1000;
  const ageAtWake = wakesAt - Date.parse(input.executionStartedAt);
  const handOff = ageAtWake > HAND_OFF_AFTER_DAYS * DAY_MS || input.loops >= HAND_OFF_AFTER_LOOPS;
  return { waitSeconds: Math.min(waitSeconds, REMEDIATION_IDLE_WAIT_SECONDS), handOff };
}

/** The follow-up execution's name: the audit id, then -followup-N (names stay unique and ≤ 80 characters). */
export function followUpExecutionName(auditId: string, currentName: string): string {
  const match = /-followup-(\d+)$/.exec(currentName);
  const next = match ? Number(match[1]) + 1 : 1;
  const suffix = `-followup-${next}`;
  // Step Functions allows 80 characters; the audit id travels in the input, so the name may shorten it.
  return `${auditId.slice(0, 80 - suffix.length)}${suffix}`;
}
