import { ItemNotFoundError, VersionConflictError } from '../adapters/dynamodb/persistence-errors.js';
import { clock, repository, workflows } from '../adapters/runtime/bindings.js';
import { workflowErrors } from '../adapters/runtime/workflow-client.js';
import { transitionAudit } from '../domain/lifecycle/audit.js';
import { evidencePhaseComplete, reviewComplete } from '../domain/lifecycle/evidence-phase.js';
import { unwrapTransition } from '../domain/lifecycle/state-machine.js';
import {
  buildNoticeSchedule,
  nextNoticeAfter,
  noticesDueBetween,
} from '../domain/notices/notice-schedule.js';
import type { Audit } from '../domain/schemas/audit.js';
import type { Actor } from '../domain/schemas/common.js';
import { closeOutReportEvent, produceCloseOutReport } from './close-out-report.js';
import { auditFactsData, contactEmailsData, linkData, requestLines } from './notice-data.js';
import { recordAndSendNotice } from './notices.js';
import { sendScheduledNotices } from './scheduled-notices.js';
import { AuditCancelledError } from './service-errors.js';
import { issueUploadLink, roleRecipients, rolesOwingEvidence } from './upload-links.js';

/*
 * The audit-lifecycle workflow's steps. Each one re-reads the audit, so a retried step acts on the current
 * state: a step whose work is already done returns without doing it again.
 */

const workflowActor: Actor = { type: 'system', id: 'audit-lifecycle' };
/** When no notice is left to send, the evidence wait still wakes up this often to re-check the audit. */
const IDLE_WAIT_SECONDS = 30 * 86_400;

export async function currentAudit(auditId: string): Promise<Audit> {
  const audit = await repository().audits.getAudit(auditId);
  if (!audit) throw new ItemNotFoundError('Audit', auditId);
  if (audit.status === 'cancelled') throw new AuditCancelledError(auditId);
  return audit;
}

async function transition(
  audit: Audit,
  command: Parameters<typeof transitionAudit>[1],
  actor = workflowActor,
): Promise<Audit> {
  const { entity, event } = unwrapTransition(transitionAudit(audit, command, { at: clock().now(), actor }));
  return repository().audits.saveAudit(audit, entity, event);
}

/**
 * Opens the audit and sends each role that owes its evidence (the responsible contact, and the alternate if
 * the agency has one) an email with its own upload link. One notice per role: a retried step finds the
 * notice sent and neither issues another link nor sends again.
 */
export async function openAudit(auditId: string): Promise<{ auditId: string; status: string }> {
  let audit = await currentAudit(auditId);
  if (audit.status === 'scheduled') audit = await transition(audit, { action: 'open' });
  const agency = await repository().agencies.getAgency(audit.ori);
  const bundle = await repository().audits.getAuditBundle(auditId);
  const opened = audit;
  for (const role of rolesOwingEvidence(audit, agency)) {
    await recordAndSendNotice({
      audit,
      kind: 'upload-link',
      stepKey: `opened-${role}`,
      recipients: roleRecipients(agency, role),
      template: 'audit-opened',
      data: {
        ...auditFactsData(opened, agency),
        ...contactEmailsData(),
        requests: requestLines(bundle?.requests ?? []),
      },
      issueLink: async () =>
        linkData(await issueUploadLink(opened, role, 'audit-opened', workflowActor), opened.timeZone),
      scheduledFor: clock().now().toISOString(),
    });
  }
  return { auditId, status: audit.status };
}

function noticeScheduleOf(audit: Audit) {
  return buildNoticeSchedule({
    dueDate: audit.dueDate,
    timeZone: audit.timeZone,
    responsibleRole: audit.responsibleRole,
    opensAt: audit.openedAt ?? audit.opensAt,
  });
}

export interface NoticePlan {
  readonly hasNotice: boolean;
  /** The evidence wait's timeout: until the next notice, or the idle re-check. */
  readonly waitSeconds: number;
  readonly sendAt?: string;
  readonly stepKeys: string[];
}

/** When the evidence wait should next wake up: the next notice in the audit's schedule. */
export async function planNextNotice(auditId: string): Promise<NoticePlan> {
  const audit = await currentAudit(auditId);
  const now = clock().now();
  const handled =
    audit.noticesHandledThrough && audit.noticesHandledThrough > now.toISOString()
      ? audit.noticesHandledThrough
      : now.toISOString();
  const next = nextNoticeAfter(noticeScheduleOf(audit), handled);
  if (!next) return { hasNotice: false, waitSeconds: IDLE_WAIT_SECONDS, stepKeys: [] };
  return {
    hasNotice: true,
    waitSeconds: next.waitSeconds,
    sendAt: next.sendAt,
    stepKeys: next.steps.map((step) => step.key),
  };
}

const evidenceComplete = async (auditId: string) => {
  const bundle = await repository().audits.getAuditBundle(auditId);
  return evidencePhaseComplete(bundle?.requests ?? []);
};

/**
 * Parks the workflow until the evidence phase completes: stores the callback token on the audit. If the
 * evidence arrived while no token was stored, completes the task at once.
 */
export async function waitForEvidence(auditId: string, taskToken: string): Promise<{ waiting: boolean }> {
  const audit = await currentAudit(auditId);
  return parkUnlessDone(audit, taskToken, await evidenceComplete(auditId), 'evidence');
}

/**
 * A callback step's one rule: when the phase is already done (it finished while no token was stored), answer
 * the token at once; otherwise store it on the audit for whoever completes the phase.
 */
export async function parkUnlessDone(
  audit: Audit,
  taskToken: string,
  done: boolean,
  phase: string,
): Promise<{ waiting: boolean }> {
  if (done) {
    await workflows().sendTaskSuccess(taskToken, { auditId: audit.auditId, phase });
    return { waiting: false };
  }
  await repository().audits.saveAuditBookkeeping(audit, { waitingTaskToken: taskToken });
  return { waiting: true };
}

/**
 * The evidence wait timed out: a notice is due. Sends every step due since the last one handled (including
 * any missed while the workflow was down), each with its template, then moves the notice cursor to now.
 * Each email is recorded once per audit and step before it is sent, so a retried step sends nothing twice.
 */
export async function recordNoticesDue(auditId: string): Promise<{ recorded: string[] }> {
  const audit = await currentAudit(auditId);
  const now = clock().now();
  const agency = await repository().agencies.getAgency(audit.ori);
  const bundle = await repository().audits.getAuditBundle(auditId);
  const due = noticesDueBetween(
    noticeScheduleOf(audit),
    audit.noticesHandledThrough ?? audit.openedAt ?? null,
    now,
  );
  for (const step of due) await sendScheduledNotices(step, { audit, agency, bundle, now });
  await repository().audits.saveAuditBookkeeping(audit, {
    noticesHandledThrough: now.toISOString(),
    waitingTaskToken: null,
  });
  return { recorded: due.map((step) => step.key) };
}

/** Every requested item is in: move the audit on and wake its workflow if it waits. */
export async function completeEvidencePhase(auditId: string): Promise<{ resumed: boolean }> {
  let audit = await currentAudit(auditId);
  if (audit.status === 'open') {
    try {
      audit = await transition(audit, { action: 'start-collecting' });
    } catch (error) {
      // Two last uploads at once: the other one moved the audit first; carry on from what it wrote.
      if (!(error instanceof VersionConflictError)) throw error;
      audit = await currentAudit(auditId);
    }
  }
  return resumeWaitingWorkflow(audit, { auditId, phase: 'evidence' });
}

/** Moves the audit into review once its evidence is complete. */
export async function startReview(auditId: string): Promise<{ auditId: string; status: string }> {
  let audit = await currentAudit(auditId);
  if (audit.status === 'open') audit = await transition(audit, { action: 'start-collecting' });
  if (audit.status === 'collecting') audit = await transition(audit, { action: 'submit-for-review' });
  return { auditId, status: audit.status };
}

/** Parks the workflow until the reviewer finishes (accepts every item, or records findings). */
export async function waitForReview(auditId: string, taskToken: string): Promise<{ waiting: boolean }> {
  const audit = await currentAudit(auditId);
  // Every request accepted before the workflow got here: nothing to wait for.
  const bundle = await repository().audits.getAuditBundle(auditId);
  return parkUnlessDone(audit, taskToken, reviewComplete(bundle?.requests ?? []), 'review');
}

/** The reviewer is done: wake the workflow so it closes the audit. */
export async function completeReview(auditId: string): Promise<{ resumed: boolean }> {
  return resumeWaitingWorkflow(await currentAudit(auditId), { auditId, phase: 'review' });
}

/**
 * Closes the audit, then produces and stores its close-out report. A retried step finds the audit closed and
 * the report's event in the trail, and makes neither again. (A retry after the files were stored but before
 * the event was recorded stores a second, equally valid report under its own prefix; Object Lock keeps both.)
 */
export async function closeAudit(
  auditId: string,
): Promise<{ auditId: string; status: string; reportPrefix?: string }> {
  let audit = await currentAudit(auditId);
  if (audit.status === 'in-review' || audit.status === 'remediation')
    audit = await transition(audit, { action: 'close' });
  if (audit.status !== 'closed') return { auditId, status: audit.status };
  const produced = closeOutReportEvent(await repository().trail.readAll(auditId));
  const reportPrefix = produced
    ? String(produced.payload.prefix)
    : (await produceCloseOutReport(auditId, workflowActor, { occasion: 'close-out' })).prefix;
  return { auditId, status: audit.status, reportPrefix };
}

/** The workflow failed past its retries: mark the audit so administrators see it (they are also alerted). */
export async function markAuditFailed(
  auditId: string,
  error: string,
  cause: string,
): Promise<{ auditId: string; status: string }> {
  const audit = await repository().audits.getAudit(auditId);
  if (!audit) return { auditId, status: 'unknown' };
  if (['closed', 'cancelled', 'failed'].includes(audit.status)) return { auditId, status: audit.status };
  const failed = await transition(audit, { action: 'record-failure', error, cause });
  return { auditId, status: failed.status };
}

/** An administrator cancels an audit: its workflow, if waiting, ends cleanly through its Cancelled path. */
export async function cancelAudit(auditId: string, reason: string, actor: Actor): Promise<Audit> {
  const audit = await repository().audits.getAudit(auditId);
  if (!audit) throw new ItemNotFoundError('Audit', auditId);
  const token = audit.waitingTaskToken;
  const cancelled = await transition(audit, { action: 'cancel', reason }, actor);
  // Nobody owes a cancelled audit's requests any more: they leave the due index (and the daily digest).
  await repository().audits.withdrawOpenWork(auditId);
  if (token) {
    try {
      await workflows().sendTaskFailure(
        token,
        workflowErrors.auditCancelled,
        'Cancelled by an administrator',
      );
    } catch (error) {
      // The workflow stopped waiting in the meantime; its next step sees the cancelled audit and ends.
      if (!(error instanceof Error && error.name === workflowErrors.taskTokenInvalid)) throw error;
    }
  }
  return cancelled;
}

export async function resumeWaitingWorkflow(
  audit: Audit,
  output: Record<string, unknown>,
): Promise<{ resumed: boolean }> {
  const token = audit.waitingTaskToken;
  if (!token) return { resumed: false };
  // Conditional on the token itself, not the version: a concurrent caller that resumed it first wins cleanly.
  if (!(await repository().audits.claimWaitingTaskToken(audit.auditId, token))) return { resumed: false };
  try {
    await workflows().sendTaskSuccess(token, output);
    return { resumed: true };
  } catch (error) {
    if (error instanceof Error && error.name === workflowErrors.taskTokenInvalid) return { resumed: false };
    throw error;
  }
}
