import { clock, repository, workflows } from '../adapters/runtime/bindings.js';
import { OBLIGATIONS_CATALOG } from '../domain/catalog/obligations.js';
import { resolveObligation } from '../domain/catalog/resolve-obligation.js';
import { scheduleAudit } from '../domain/lifecycle/audit.js';
import { type DueOccurrence, planDueOccurrences } from '../domain/planning/plan-due-occurrences.js';
import type { Actor } from '../domain/schemas/common.js';
import type { Enrollment } from '../domain/schemas/enrollment.js';
import type { PlanningWindow } from './planning-window.js';

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
 * Creates the audit and its evidence requests for one occurrence (idempotent: deterministic ids), then
 * starts its lifecycle execution, named by the audit id. The start happens for existing audits too, so a
 * run that died between creating and starting is repaired by the retry; a second start is a no-op.
 */
export async function createAndStartAudit(
  occurrence: DueOccurrence,
  enrollment: Pick<Enrollment, 'overrides'>,
): Promise<{ created: boolean; started: boolean }> {
  const now = clock().now();
  const obligation = resolveObligation(OBLIGATIONS_CATALOG, occurrence.programId, {
    enrollmentOverrides: enrollment.overrides,
  });
  const scheduled = scheduleAudit(occurrence, obligation, {
    at: now,
    actor: schedulerActor,
  });
  const { audits, agencies } = repository();
  // The agency's name travels with its open work, so the daily digest names agencies without reading them.
  const agencyName = (await agencies.getAgency(occurrence.ori))?.name;
  const named = agencyName ? { agencyName } : {};
  const audit = { ...scheduled.audit, ...named };
  const requests = scheduled.requests.map((request) => ({ ...request, ...named }));
  const { event } = scheduled;
  const { created } = await audits.createAudit(audit, event);
  for (const request of requests) {
    await audits.createEvidenceRequest(request, {
      type: 'evidence-request.created',
      at: now.toISOString(),
      actor: schedulerActor,
      subject: { type: 'evidence-request', id: request.requestId },
      streamId: audit.auditId,
      payload: { requirementId: request.requirementId, dueDate: request.dueDate },
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
  do {
    const page = await agencies.listActiveEnrollments(shard, { limit: ENROLLMENT_PAGE, cursor });
    totals.enrollments += page.items.length;
    const byId = new Map(page.items.map((enrollment) => [enrollment.enrollmentId, enrollment]));
    for (const occurrence of planDueOccurrences(page.items, window.from, window.to)) {
      const result = await createAndStartAudit(occurrence, byId.get(occurrence.enrollmentId) ?? {});
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
  for (const occurrence of current) {
    if ((await createAndStartAudit(occurrence, enrollment)).created) created += 1;
  }
  return { planned: current.length, created };
}
