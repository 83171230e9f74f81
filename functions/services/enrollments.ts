import type { Page } from '../adapters/dynamodb/item-store.js';
import { ItemNotFoundError, VersionConflictError } from '../adapters/dynamodb/persistence-errors.js';
import { clock, repository } from '../adapters/runtime/bindings.js';
import { OBLIGATIONS_CATALOG } from '../domain/catalog/obligations.js';
import { findObligation } from '../domain/catalog/resolve-obligation.js';
import { IllegalTransitionError } from '../domain/errors.js';
import { enrollmentId } from '../domain/ids.js';
import type { Actor } from '../domain/schemas/common.js';
import {
  type Enrollment,
  type EnrollmentInput,
  EnrollmentInputSchema,
} from '../domain/schemas/enrollment.js';
import { parseOrThrow } from '../domain/schemas/format-issues.js';
import type { TrailEventDraft } from '../domain/schemas/trail-event.js';
import { agencyIdOf, requireAgency } from './agencies.js';
import { planNewEnrollment } from './scheduling.js';

/** The catalog's program ids, which are what an agency can be enrolled in. */
export const catalogProgramIds = (): string[] => OBLIGATIONS_CATALOG.obligations.map((entry) => entry.id);

function enrollmentEvent(
  enrollment: Pick<Enrollment, 'ori' | 'enrollmentId'>,
  type: string,
  at: string,
  actor: Actor,
  payload: TrailEventDraft['payload'],
): TrailEventDraft {
  return {
    type,
    at,
    actor,
    subject: { type: 'enrollment', id: enrollment.enrollmentId },
    // On the agency's stream, beside its registration: an enrollment is part of the agency's history.
    streamId: agencyIdOf(enrollment.ori),
    payload,
  };
}

export interface EnrollmentOutcome {
  /** false: the agency was already enrolled in the program; nothing was written or planned. */
  readonly created: boolean;
  readonly enrollment: Enrollment;
  /** Audits planned at once because their requests should already be open; absent when nothing was created. */
  readonly planning?: { readonly planned: number; readonly created: number };
}

/**
 * Enrols a registered agency in a catalog program, then plans it at once, so periods that are already open
 * get their audits today rather than waiting for the daily run (which only looks at newly opening periods).
 */
export async function enrollAgency(
  ori: string,
  input: Omit<EnrollmentInput, 'ori'>,
  actor: Actor,
): Promise<EnrollmentOutcome> {
  const parsed = parseOrThrow(EnrollmentInputSchema, { ...input, ori }, 'enrollment');
  findObligation(OBLIGATIONS_CATALOG, parsed.programId);
  await requireAgency(parsed.ori);
  const at = clock().now().toISOString();
  const id = enrollmentId(parsed.ori, parsed.programId);
  const { created, enrollment } = await repository().agencies.createEnrollment(
    { ...parsed, enrollmentId: id, createdAt: at, updatedAt: at },
    enrollmentEvent({ ori: parsed.ori, enrollmentId: id }, 'enrollment.created', at, actor, {
      programId: parsed.programId,
      anchorDate: parsed.anchorDate,
      timeZone: parsed.timeZone,
      status: parsed.status,
    }),
  );
  // Planning is idempotent, so an existing active enrollment is planned again: a request that created the
  // enrollment and died before planning it is repaired by its retry (which then answers 409).
  if (!created) {
    if (enrollment.status === 'active') await planNewEnrollment(enrollment);
    return { created, enrollment };
  }
  return { created, enrollment, planning: await planNewEnrollment(enrollment) };
}

export async function listEnrollments(
  ori: string,
  options: { limit: number; cursor?: string },
): Promise<Page<Enrollment>> {
  await requireAgency(ori);
  return repository().agencies.listEnrollments(ori, options);
}

/**
 * Ends an enrollment: the daily planner stops planning it. Audits already planned are left as they are;
 * cancel them one by one where that is wanted. The reason is kept in the trail.
 */
export async function endEnrollment(
  ori: string,
  programId: string,
  change: { reason: string; expectedVersion: number },
  actor: Actor,
): Promise<Enrollment> {
  const { agencies } = repository();
  const before = await agencies.getEnrollment(ori, programId);
  if (!before) throw new ItemNotFoundError('Enrollment', `${ori} in ${programId}`);
  if (before.version !== change.expectedVersion) {
    throw new VersionConflictError('Enrollment', before.enrollmentId, change.expectedVersion);
  }
  if (before.status === 'ended') {
    throw new IllegalTransitionError({
      entity: 'enrollment',
      entityId: before.enrollmentId,
      from: before.status,
      action: 'end',
      allowedActions: [],
    });
  }
  const at = clock().now().toISOString();
  const after: Enrollment = { ...before, status: 'ended', updatedAt: at };
  return agencies.saveEnrollment(
    before,
    after,
    enrollmentEvent(before, 'enrollment.ended', at, actor, {
      from: before.status,
      to: 'ended',
      reason: change.reason.trim(),
    }),
  );
}
