import * as z from 'zod';
import { ObligationOverrideSchema, ObligationSchema } from '../catalog/types.js';
import { NoticePolicySchema } from '../notices/notice-policy.js';
import { SeverityPolicySchema } from '../remediation/severity-policy.js';
import { AgencyInputSchema, AgencySchema, ContactSchema } from './agency.js';
import { AuditSchema } from './audit.js';
import { EnrollmentInputSchema, EnrollmentSchema } from './enrollment.js';
import { EvidenceRequestSchema, EvidenceSchema, ReviewDecisionSchema } from './evidence.js';
import { CorrectiveActionPlanSchema, FindingSchema, RemediationTaskSchema } from './finding.js';
import { NotificationRecordSchema } from './notification.js';
import { TrailEventSchema } from './trail-event.js';

/** Every schema an API or configuration file exposes, by the name used in API documentation. */
export const DOMAIN_SCHEMAS = {
  Agency: AgencySchema,
  AgencyInput: AgencyInputSchema,
  Contact: ContactSchema,
  Enrollment: EnrollmentSchema,
  EnrollmentInput: EnrollmentInputSchema,
  Obligation: ObligationSchema,
  ObligationOverride: ObligationOverrideSchema,
  Audit: AuditSchema,
  EvidenceRequest: EvidenceRequestSchema,
  Evidence: EvidenceSchema,
  ReviewDecision: ReviewDecisionSchema,
  Finding: FindingSchema,
  RemediationTask: RemediationTaskSchema,
  CorrectiveActionPlan: CorrectiveActionPlanSchema,
  NotificationRecord: NotificationRecordSchema,
  TrailEvent: TrailEventSchema,
  NoticePolicy: NoticePolicySchema,
  SeverityPolicy: SeverityPolicySchema,
} as const;

export type DomainSchemaName = keyof typeof DOMAIN_SCHEMAS;

/**
 * JSON Schema (draft 2020-12) for every domain schema. Use io 'input' for request bodies (defaults are
 * optional) and 'output' for stored items and responses. Cross-field checks (refinements) have no JSON
 * Schema form and are enforced only by zod.
 */
export function toJsonSchemas(
  io: 'input' | 'output' = 'output',
): Record<DomainSchemaName, Record<string, unknown>> {
  const entries = Object.entries(DOMAIN_SCHEMAS).map(([name, schema]) => [
    name,
    z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>,
  ]);
  return Object.fromEntries(entries) as Record<DomainSchemaName, Record<string, unknown>>;
}
