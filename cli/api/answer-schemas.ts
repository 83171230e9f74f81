import * as z from 'zod';

/*
 * What the CLI reads from each answer, no more. Objects are loose, so a newer API that adds fields still works
 * and --json prints every field the API sent. The API's own schemas stay the contract; these only say which
 * parts the tables and lines show.
 */

export const ContactAnswer = z.looseObject({ role: z.string(), name: z.string(), email: z.string() });

export const AgencyAnswer = z.looseObject({
  ori: z.string(),
  name: z.string(),
  county: z.string(),
  agencyType: z.string(),
  cletsConnection: z.string().optional(),
  contacts: z.array(ContactAnswer),
  version: z.number().optional(),
  createdAt: z.string().optional(),
  updatedAt: z.string().optional(),
});
export type AgencyAnswer = z.output<typeof AgencyAnswer>;

export const pageAnswer = <T extends z.ZodType>(item: T) =>
  z.looseObject({ items: z.array(item), nextCursor: z.string().optional() });

export const EnrollmentCreatedAnswer = z.looseObject({
  enrollment: z.looseObject({
    ori: z.string(),
    programId: z.string(),
    anchorDate: z.string(),
    timeZone: z.string(),
    status: z.string(),
  }),
  planning: z.looseObject({ planned: z.number(), created: z.number() }),
});
export type EnrollmentCreatedAnswer = z.output<typeof EnrollmentCreatedAnswer>;

export const ScheduleRunAnswer = z.looseObject({ executionName: z.string() });

export const AuditAnswer = z.looseObject({
  auditId: z.string(),
  ori: z.string(),
  programId: z.string(),
  status: z.string(),
  dueDate: z.string(),
  dueAt: z.string(),
  timeZone: z.string().optional(),
  responsibleRole: z.string().optional(),
  opensAt: z.string().optional(),
  openedAt: z.string().optional(),
  closedAt: z.string().optional(),
  cancelledAt: z.string().optional(),
  cancelReason: z.string().optional(),
  failedAt: z.string().optional(),
});
export type AuditAnswer = z.output<typeof AuditAnswer>;

const WithStatus = z.looseObject({ status: z.string().optional() });

export const AuditDetailAnswer = z.looseObject({
  audit: AuditAnswer,
  requests: z.array(WithStatus),
  evidence: z.array(WithStatus),
  findings: z.array(WithStatus),
  tasks: z.array(WithStatus),
  notices: z.array(WithStatus),
  trail: z.looseObject({ events: z.array(z.unknown()), nextCursor: z.string().optional() }),
  trailVerification: z.looseObject({
    valid: z.boolean(),
    count: z.number().optional(),
    sequence: z.number().optional(),
    problem: z.string().optional(),
    detail: z.string().optional(),
  }),
});
export type AuditDetailAnswer = z.output<typeof AuditDetailAnswer>;

// Sandbox only (sandbox/clock-routes.ts, sandbox/outbox-routes.ts).

const TimerAnswer = z.looseObject({ at: z.string(), label: z.string() });

export const ClockAnswer = z.looseObject({
  now: z.string(),
  timeZone: z.string().optional(),
  /** `now` as a wall-clock time in `timeZone`, written out for people. */
  local: z.string().optional(),
  nextTimers: z.array(TimerAnswer).default([]),
});
export type ClockAnswer = z.output<typeof ClockAnswer>;

export const ClockAdvanceAnswer = z.looseObject({
  from: z.string(),
  to: z.string(),
  /** How many timers fired; `firedTimers` lists the first of them. */
  fired: z.number(),
  firedTimers: z.array(TimerAnswer).default([]),
});
export type ClockAdvanceAnswer = z.output<typeof ClockAdvanceAnswer>;

export const OutboxEntryAnswer = z.looseObject({
  id: z.string(),
  to: z.array(z.string()),
  subject: z.string(),
  sentAt: z.string(),
  href: z.string().optional(),
});
export type OutboxEntryAnswer = z.output<typeof OutboxEntryAnswer>;

export const OutboxAnswer = z.looseObject({ messages: z.array(OutboxEntryAnswer) });
export type OutboxAnswer = z.output<typeof OutboxAnswer>;
