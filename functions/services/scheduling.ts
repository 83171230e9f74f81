import { clock, repository, workflows } from '../adapters/runtime/bindings.js';
import { OBLIGATIONS_CATALOG } from '../domain/catalog/obligations.js';
import { resolveObligation } from '../domain/catalog/resolve-obligation.js';
import { scheduleAudit } from '../domain/lifecycle/audit.js';
import { rollOverAudit } from '../domain/lifecycle/roll-over.js';
import { type DueOccurrence, planDueOccurrences } from '../domain/planning/plan-due-occurrences.js';
import type { Audit } from '../domain/schemas/audit.js';
import type { Actor } from '../domain/schemas/common.js';
import type { Enrollment } from '../domain/schemas/enrollment.js';
import type { PlanningWindow } from './planning-window.js';
import { findRollOverSource, rollOverSourceOf } from './roll-over.js';

/** The scheduler acts as the system, not as a person. */
export const schedulerActor: Actor = { type: 'system', id: 'scheduler' };

const DAY_MS = 86_400_000;
/** A newly enrolled agency gets the periods already open for it, looking back this far. */
const ENROLLMENT_LOOKBACK_DAYS = 400;
const ENROLLMENT_PAGE = 100;

export interface ShardResult {
  readonly shard: number;
  readonly enrollments: number;
  readonly planned: number;
  readonly created: number;
  readonly started: number;
}

/**
 * The audits a planning run has created or found, latest per agency and program: the next occurrence of the same
 * program in the same run rolls over from it without waiting for the (eventually consistent) index to list it.
 */
export type PlannedInRun = Map<string, Audit>;

const programOf = (audit: Pick<Audit, 'ori' | 'programId'>) => `${audit.ori}#${audit.programId}`;

/**
 * Creates the audit and its evidence requests for one occurrence (idempotent: deterministic ids), then
 * starts its lifecycle execution, named by the audit id. The start happens for existing audits too, so a
 * run that died between creating and starting is repaired by the retry; a second start is a no-op.
 *
 * Roll-over: the audit starts from the same program's previous audit for the agency. Finding it costs one
 * bounded read per new audit (the agency's audit index, newest first, usually one page), plus the previous
 * audit's requests and evidence when there is one. A run creates many audits, but each needs its own previous
 * audit and nothing cheaper names it, so this is read per audit rather than for the whole run.
 */
export async function createAndStartAudit(
  occurrence: DueOccurrence,
  enrollment: Pick<Enrollment, 'overrides'>,
  plannedInRun: PlannedInRun = new Map(),
): Promise<{ created: boolean; started: boolean }> {
  const now = clock().now();
  const obligation = resolveObligation(OBLIGATIONS_CATALOG, occurrence.programId, {
    enrollmentOverrides: enrollment.overrides,
  });
  const context = { at: now, actor: schedulerActor };
  const fresh = scheduleAudit(occurrence, obligation, context);
  const source = await findRollOverSource(fresh.audit, plannedInRun.get(programOf(fresh.audit)));
  const scheduled = rollOverAudit(fresh, source);
  const { audits, agencies } = repository();
  // The agency's name travels with its open work, so the daily digest names agencies without reading them.
  const agencyName = (await agencies.getAgency(occurrence.ori))?.name;
  const named = agencyName ? { agencyName } : {};
  const audit = { ...scheduled.audit, ...named };
  const { created, audit: stored } = await audits.createAudit(audit, scheduled.event);
  let { requests } = scheduled;
  if (!created && stored.previousAuditId !== audit.previousAuditId) {
    // An earlier run created the audit from another previous audit (cancelled since, say): its requests, some
    // perhaps still to be created by this retry, follow the audit as stored.
    requests = rollOverAudit(fresh, await rollOverSourceOf(stored)).requests;
  }
  plannedInRun.set(programOf(stored), stored);
  for (const request of requests.map((item) => ({ ...item, ...named }))) {
    const { carriedForwardFrom } = request;
    await audits.createEvidenceRequest(request, {
      type: 'evidence-request.created',
      at: now.toISOString(),
      actor: schedulerActor,
      subject: { type: 'evidence-request', id: request.requestId },
      streamId: audit.auditId,
      payload: {
        requirementId: request.requirementId,
        dueDate: request.dueDate,
        ...(carriedForwardFrom
          ? {
              carriedForwardFrom: {
                auditId: carriedForwardFrom.auditId,
                requestId: carriedForwardFrom.requestId,
                status: carriedForwardFrom.status,
              },
            }
          : {}),
      },
    });
  }
  const { started } = await workflows().startAuditLifecycle({ auditId: audit.auditId });
  return { created, started };
}

/** Plans one shard of the active enrollments for the window, page by page. */
export async function planEnrollmentShard(
  window: Pick<PlanningWindow, 'from' | 'to'>,
  shard: number,
): Promise<ShardResult> {
  const { agencies } = repository();
  let cursor: string | undefined;
  const totals = { enrollments: 0, planned: 0, created: 0, started: 0 };
  // An enrollment lives in one shard and its occurrences come in date order, so one memory per shard suffices.
  const plannedInRun: PlannedInRun = new Map();
  do {
    const page = await agencies.listActiveEnrollments(shard, { limit: ENROLLMENT_PAGE, cursor });
    totals.enrollments += page.items.length;
    const byId = new Map(page.items.map((enrollment) => [enrollment.enrollmentId, enrollment]));
    for (const occurrence of planDueOccurrences(page.items, window.from, window.to)) {
      const result = await createAndStartAudit(
        occurrence,
        byId.get(occurrence.enrollmentId) ?? {},
        plannedInRun,
      );
      totals.planned += 1;
      if (result.created) totals.created += 1;
      if (result.started) totals.started += 1;
    }
    cursor = page.cursor;
  } while (cursor);
  return { shard, ...totals };
}

/**
 * Plans a newly created enrollment at once, so periods whose requests should already be open (opening
 * before now, due after now) get their audits without waiting for the daily run.
 */
export async function planNewEnrollment(
  enrollment: Enrollment,
): Promise<{ planned: number; created: number }> {
  const now = clock().now();
  const from = new Date(now.getTime() - ENROLLMENT_LOOKBACK_DAYS * DAY_MS);
  const current = planDueOccurrences([enrollment], from, now).filter(
    (occurrence) => occurrence.dueAt > now.toISOString(),
  );
  let created = 0;
  const plannedInRun: PlannedInRun = new Map();
  for (const occurrence of current) {
    if ((await createAndStartAudit(occurrence, enrollment, plannedInRun)).created) created += 1;
  }
  return { planned: current.length, created };
}
