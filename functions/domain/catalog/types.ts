import * as z from 'zod';
import { recurrenceRuleProblem } from '../calendar/recurrence.js';
import { ContentTypeSchema, enumField, ResponsibleRoleSchema, SlugSchema } from '../schemas/common.js';

/** How far a fact is established: read in the primary text, reported by secondary pages, or not confirmed. */
export const CONFIDENCE_LEVELS = ['primary', 'secondary', 'unconfirmed'] as const;
export type Confidence = (typeof CONFIDENCE_LEVELS)[number];
export const ConfidenceSchema = enumField('confidence', CONFIDENCE_LEVELS);

export const OBLIGATION_CATEGORIES = ['audit', 'reporting', 'training', 'internal-control'] as const;

/** CJIS Security Policy §1.4: each requirement is Priority 1-4 and may be an "Existing" requirement. */
export const CjisPrioritySchema = z.object({
  priority: enumField('CJIS priority', ['P1', 'P2', 'P3', 'P4']),
  existing: z.boolean().describe('true when the policy marks the requirement as Existing (sanctionable)'),
});
export type CjisPriority = z.infer<typeof CjisPrioritySchema>;

export const SourceSchema = z.object({
  document: z.string().min(1),
  section: z.string().min(1).optional(),
  url: z.url({ error: 'must be an absolute URL' }),
});
export type Source = z.infer<typeof SourceSchema>;

export const RecurrenceRuleSchema = z
  .string()
  .superRefine((rule, ctx) => {
    const problem = recurrenceRuleProblem(rule);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .describe('RFC 5545 RRULE body without DTSTART/TZID, e.g. FREQ=YEARLY;INTERVAL=3');

export const EVENT_TRIGGERS = ['operator-assigned', 'access-granted'] as const;
export type EventTrigger = (typeof EVENT_TRIGGERS)[number];

/** A deadline measured from an event in a person's record, e.g. "within 6 months of assignment". */
export const EventDeadlineSchema = z.object({
  trigger: enumField('trigger', EVENT_TRIGGERS),
  withinMonths: z.number().int().min(0).max(120).default(0),
  withinDays: z.number().int().min(0).max(3650).default(0),
  summary: z.string().min(1),
});
export type EventDeadline = z.output<typeof EventDeadlineSchema>;

export const CadenceSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({
      kind: z.literal('recurring'),
      rrule: RecurrenceRuleSchema,
      summary: z.string().min(1),
      /** A first deadline that comes before the recurring ones, e.g. training before access. */
      initial: EventDeadlineSchema.optional(),
    }),
    z.object({
      kind: z.literal('after-event'),
      deadline: EventDeadlineSchema,
      summary: z.string().min(1),
    }),
  ],
  { error: 'cadence.kind must be one of: recurring, after-event' },
);
export type Cadence = z.output<typeof CadenceSchema>;

export const EvidenceRequirementSchema = z.object({
  id: SlugSchema,
  description: z.string().min(1),
  acceptedContentTypes: z.array(ContentTypeSchema).min(1, 'list at least one accepted content type'),
});
export type EvidenceRequirement = z.infer<typeof EvidenceRequirementSchema>;

export const ObligationSchema = z
  .object({
    id: SlugSchema,
    title: z.string().min(1),
    description: z.string().min(1),
    category: enumField('category', OBLIGATION_CATEGORIES),
    cadence: CadenceSchema,
    leadTimeDays: z.number().int().min(0).max(366),
    evidence: z.array(EvidenceRequirementSchema).min(1),
    responsibleRole: ResponsibleRoleSchema,
    sources: z.array(SourceSchema).min(1),
    confidence: ConfidenceSchema,
    /** What exactly is uncertain, so a reviewer knows what to confirm before relying on it. */
    uncertainties: z.array(z.string().min(1)).default([]),
    cjisPriority: CjisPrioritySchema.optional(),
  })
  .superRefine((obligation, ctx) => {
    const seen = new Set<string>();
    obligation.evidence.forEach((requirement, index) => {
      if (seen.has(requirement.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['evidence', index, 'id'],
          message: `duplicate requirement id '${requirement.id}'`,
        });
      }
      seen.add(requirement.id);
    });
    if (obligation.confidence !== 'primary' && obligation.uncertainties.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['uncertainties'],
        message: 'say what is uncertain when confidence is not primary',
      });
    }
  });
export type Obligation = z.output<typeof ObligationSchema>;

export const ObligationsCatalogSchema = z
  .object({
    version: z.string().regex(/^\d{4}\.\d+\.\d+$/, 'must look like 2026.1.0'),
    basis: z.string().min(1),
    obligations: z.array(ObligationSchema).min(1),
  })
  .superRefine((catalog, ctx) => {
    const seen = new Set<string>();
    catalog.obligations.forEach((obligation, index) => {
      if (seen.has(obligation.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['obligations', index, 'id'],
          message: `duplicate obligation id '${obligation.id}'`,
        });
      }
      seen.add(obligation.id);
    });
  });
export type ObligationsCatalog = z.output<typeof ObligationsCatalogSchema>;

/**
 * What a deployment (for every agency) or an enrollment (for one agency) may change. Setting `rrule`
 * makes the cadence recurring; `confidence` and `note` record why, e.g. a confirmed CA DOJ due date.
 */
export const ObligationOverrideSchema = z.strictObject({
  rrule: RecurrenceRuleSchema.optional(),
  leadTimeDays: z.number().int().min(0, 'must be 0 or more').max(366, 'must be at most 366').optional(),
  responsibleRole: ResponsibleRoleSchema.optional(),
  confidence: ConfidenceSchema.optional(),
  note: z.string().min(1).max(2000).optional(),
  sources: z.array(SourceSchema).optional(),
  disabled: z.boolean().optional(),
});
export type ObligationOverride = z.infer<typeof ObligationOverrideSchema>;

/** Deployment-wide overrides keyed by obligation id. */
export const DeploymentOverridesSchema = z.record(SlugSchema, ObligationOverrideSchema);
export type DeploymentOverrides = z.infer<typeof DeploymentOverridesSchema>;
