/**
 * Typed domain errors. Each sets `this.name` to a literal so that Step Functions `Retry`/`Catch`
 * (which match on the error name) and the handlers' error mapping keep working after bundling.
 */

export class DomainError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DomainError';
  }
}

/** An entity was asked to take an action that its current status does not allow. */
export class IllegalTransitionError extends DomainError {
  readonly entity: string;
  readonly entityId: string;
  readonly from: string;
  readonly action: string;
  readonly allowedActions: readonly string[];

  constructor(input: {
    entity: string;
    entityId: string;
    from: string;
    action: string;
    allowedActions: readonly string[];
  }) {
    const allowed = input.allowedActions.length > 0 ? input.allowedActions.join(', ') : 'none (final status)';
    super(
      `Illegal ${input.entity} transition: cannot '${input.action}' ${input.entity} ${input.entityId} while it is '${input.from}'. Allowed actions from '${input.from}': ${allowed}.`,
    );
    this.name = 'IllegalTransitionError';
    this.entity = input.entity;
    this.entityId = input.entityId;
    this.from = input.from;
    this.action = input.action;
    this.allowedActions = input.allowedActions;
  }
}

/** The transition is legal from this status, but its input is missing something (e.g. a reason). */
export class TransitionPreconditionError extends DomainError {
  readonly entity: string;
  readonly entityId: string;
  readonly action: string;
  readonly field: string;

  constructor(input: { entity: string; entityId: string; action: string; field: string; message: string }) {
    super(`Cannot '${input.action}' ${input.entity} ${input.entityId}: ${input.field} ${input.message}.`);
    this.name = 'TransitionPreconditionError';
    this.entity = input.entity;
    this.entityId = input.entityId;
    this.action = input.action;
    this.field = input.field;
  }
}

export class UnknownObligationError extends DomainError {
  readonly obligationId: string;

  constructor(obligationId: string, knownIds: readonly string[]) {
    super(`Unknown obligation '${obligationId}'. Known obligations: ${knownIds.join(', ')}.`);
    this.name = 'UnknownObligationError';
    this.obligationId = obligationId;
  }
}

export class InvalidCadenceError extends DomainError {
  readonly rule: string;

  constructor(rule: string, reason: string) {
    super(`Invalid recurrence rule '${rule}': ${reason}.`);
    this.name = 'InvalidCadenceError';
    this.rule = rule;
  }
}

export class InvalidTimeZoneError extends DomainError {
  readonly timeZone: string;

  constructor(timeZone: string) {
    super(`Unknown time zone '${timeZone}': use an IANA name such as America/Los_Angeles.`);
    this.name = 'InvalidTimeZoneError';
    this.timeZone = timeZone;
  }
}

export class InvalidInstantError extends DomainError {
  constructor(value: unknown) {
    super(`Invalid instant ${JSON.stringify(String(value))}: pass a valid Date or an ISO-8601 timestamp.`);
    this.name = 'InvalidInstantError';
  }
}

export class InvalidLocalDateError extends DomainError {
  constructor(value: string) {
    super(`Invalid calendar date '${value}': use YYYY-MM-DD, e.g. 2026-07-06.`);
    this.name = 'InvalidLocalDateError';
  }
}

export class CalendarConfigurationError extends DomainError {
  constructor(message: string) {
    super(message);
    this.name = 'CalendarConfigurationError';
  }
}

/** Input failed a zod schema; `issues` are `field: message` lines (see formatZodIssues). */
export class DomainValidationError extends DomainError {
  readonly issues: readonly string[];

  constructor(what: string, issues: readonly string[]) {
    super(`Invalid ${what}: ${issues.join('; ')}`);
    this.name = 'DomainValidationError';
    this.issues = issues;
  }
}
