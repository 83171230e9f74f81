import { toIsoInstant } from '../calendar/time-zones.js';
import { IllegalTransitionError, TransitionPreconditionError } from '../errors.js';
import type { Actor } from '../schemas/common.js';
import type { JsonValue, SubjectType, TrailEventDraft } from '../schemas/trail-event.js';

/** Who acts and when. Time is always handed in: lifecycle rules never read the clock. */
export interface TransitionContext {
  at: Date | string;
  actor: Actor;
}

/** The validated time and actor of a transition. */
export interface Stamp {
  at: string;
  actor: Actor;
}

export type TransitionError = IllegalTransitionError | TransitionPreconditionError;

export type TransitionResult<E> =
  | { ok: true; entity: E; event: TrailEventDraft }
  | { ok: false; error: TransitionError };

export interface TransitionSpec<S extends string> {
  from: readonly S[];
  to: S;
  /** Trail event type, e.g. audit.opened. */
  event: string;
}

export interface Precondition {
  field: string;
  message: string;
}

/** A lifecycle as data: the transition table plus what each action checks and sets. */
export interface Lifecycle<
  S extends string,
  E extends { status: S; updatedAt: string },
  C extends { action: string },
> {
  subject: SubjectType;
  transitions: Record<C['action'], TransitionSpec<S>>;
  idOf(entity: E): string;
  streamOf(entity: E): string;
  check?(entity: E, command: C): Precondition | null;
  /** Fields the action sets besides status and updatedAt. */
  apply?(entity: E, command: C, stamp: Stamp): Partial<E>;
  payload?(entity: E, command: C): Record<string, JsonValue>;
}

export function allowedActions<
  S extends string,
  E extends { status: S; updatedAt: string },
  C extends { action: string },
>(lifecycle: Lifecycle<S, E, C>, status: S): C['action'][] {
  const table = lifecycle.transitions as Record<string, TransitionSpec<S>>;
  return Object.keys(table).filter((action) => table[action]?.from.includes(status)) as C['action'][];
}

/** Non-blank text, for reasons and notes that the other party will read. */
export function requireText(value: string | undefined, field: string): Precondition | null {
  return value !== undefined && value.trim().length > 0 ? null : { field, message: 'must not be empty' };
}

export function runTransition<
  S extends string,
  E extends { status: S; updatedAt: string },
  C extends { action: string },
>(lifecycle: Lifecycle<S, E, C>, entity: E, command: C, context: TransitionContext): TransitionResult<E> {
  const at = toIsoInstant(context.at);
  const table = lifecycle.transitions as Record<string, TransitionSpec<S> | undefined>;
  const spec = Object.hasOwn(table, command.action) ? table[command.action] : undefined;
  if (!spec?.from.includes(entity.status)) {
    return {
      ok: false,
      error: new IllegalTransitionError({
        entity: lifecycle.subject,
        entityId: lifecycle.idOf(entity),
        from: entity.status,
        action: command.action,
        allowedActions: allowedActions(lifecycle, entity.status),
      }),
    };
  }
  const problem = lifecycle.check?.(entity, command) ?? null;
  if (problem) {
    return {
      ok: false,
      error: new TransitionPreconditionError({
        entity: lifecycle.subject,
        entityId: lifecycle.idOf(entity),
        action: command.action,
        ...problem,
      }),
    };
  }
  const next: E = {
    ...entity,
    ...lifecycle.apply?.(entity, command, { at, actor: context.actor }),
    status: spec.to,
    updatedAt: at,
  };
  return {
    ok: true,
    entity: next,
    event: {
      type: spec.event,
      at,
      actor: context.actor,
      subject: { type: lifecycle.subject, id: lifecycle.idOf(entity) },
      streamId: lifecycle.streamOf(entity),
      payload: {
        action: command.action,
        from: entity.status,
        to: spec.to,
        ...lifecycle.payload?.(entity, command),
      },
    },
  };
}

/** For callers that prefer exceptions (handlers, workflow tasks): returns the success or throws the error. */
export function unwrapTransition<E>(result: TransitionResult<E>): { entity: E; event: TrailEventDraft } {
  if (!result.ok) throw result.error;
  return { entity: result.entity, event: result.event };
}
