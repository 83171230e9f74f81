import * as z from 'zod';
import { OBLIGATIONS_CATALOG } from '../domain/catalog/obligations.js';
import { AgencyInputSchema, AgencySchema, ContactSchema } from '../domain/schemas/agency.js';
import { AuditSchema, AuditStatusSchema } from '../domain/schemas/audit.js';
import {
  ContactRoleSchema,
  EntityIdSchema,
  IsoDateTimeSchema,
  OriSchema,
  ReasonSchema,
  Sha256Schema,
  unlessMissing,
  VersionSchema,
} from '../domain/schemas/common.js';
import { EnrollmentInputSchema, EnrollmentSchema } from '../domain/schemas/enrollment.js';
import { EvidenceRequestSchema, EvidenceSchema } from '../domain/schemas/evidence.js';
import { FindingSchema, RemediationTaskSchema } from '../domain/schemas/finding.js';
import { NotificationRecordSchema } from '../domain/schemas/notification.js';
import { TrailEventSchema } from '../domain/schemas/trail-event.js';
import { UPLOAD_LINK_REASONS, UploadRejectionSchema } from '../domain/schemas/upload-link.js';
import { API_ERROR_CODES } from './api-errors.js';

/*
 * The admin API's own schemas: request bodies built from the domain schemas (strict, so an unknown or
 * misspelled field is a 400 rather than silently dropped), pages, views and the error body. The domain
 * schemas stay the single source of each field's rules.
 */

// Errors

export const ErrorResponseSchema = z.object({
  error: z.object({
    code: z.enum(Object.values(API_ERROR_CODES) as [string, ...string[]]),
    message: z.string().describe('What was wrong and what to do, for people'),
    issues: z
      .array(z.string())
      .optional()
      .describe('One line per problem: "field: what is allowed" (400 only)'),
  }),
});

// Paging

export const MAX_PAGE_LIMIT = 100;
export const DEFAULT_PAGE_LIMIT = 50;

const pageQueryFields = {
  limit: z.coerce
    .number({ error: `must be a whole number from 1 to ${MAX_PAGE_LIMIT}` })
    .int(`must be a whole number from 1 to ${MAX_PAGE_LIMIT}`)
    .min(1, `must be a whole number from 1 to ${MAX_PAGE_LIMIT}`)
    .max(MAX_PAGE_LIMIT, `must be a whole number from 1 to ${MAX_PAGE_LIMIT}`)
    .default(DEFAULT_PAGE_LIMIT)
    .describe(`Items per page, 1 to ${MAX_PAGE_LIMIT} (default ${DEFAULT_PAGE_LIMIT})`),
  cursor: z
    .string()
    .min(1, 'must not be empty')
    .max(8_192, 'is too long to be a cursor this API returned')
    .optional()
    .describe('The nextCursor of the previous page; omit for the first page'),
};

export const PageQuerySchema = z.strictObject(pageQueryFields);
export type PageQuery = z.output<typeof PageQuerySchema>;

/** A page of items; `nextCursor` is absent on the last page. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    nextCursor: z
      .string()
      .optional()
      .describe('Pass as ?cursor= to get the next page; absent on the last page'),
  });

// Agencies

/** The domain's contact, refusing fields it does not know. */
const StrictContactSchema = ContactSchema.strict();

/**
 * The domain's agency input, refusing unknown fields at every level; the pipe then applies the domain's own
 * rules (each required role exactly once), so both kinds of problem come back as 400 issues.
 */
export const CreateAgencyBodySchema = z
  .strictObject({ ...AgencyInputSchema.shape, contacts: z.array(StrictContactSchema) })
  .pipe(AgencyInputSchema);

export const ReplaceContactsBodySchema = z.strictObject({
  contacts: z
    .array(StrictContactSchema)
    .describe('The complete new list: exactly one tac, laso and agency-head, any number of alternates'),
  version: VersionSchema.describe(
    'The agency version you read (GET /agencies/{ori}); 409 if it changed since',
  ),
});

// Enrollments

const programIds = OBLIGATIONS_CATALOG.obligations.map((entry) => entry.id) as [string, ...string[]];

/** The domain's enrollment input without `ori` (the path names the agency), with the catalog's programs. */
const { ori: _ori, ...enrollmentFields } = EnrollmentInputSchema.shape;
export const CreateEnrollmentBodySchema = z.strictObject({
  ...enrollmentFields,
  programId: z
    .enum(programIds, {
      error: unlessMissing(`must be one of the catalog's programs: ${programIds.join(', ')}`),
    })
    .describe('A program (obligation) of the catalog'),
  status: z
    .enum(['active', 'paused'], { error: unlessMissing('must be active or paused') })
    .default('active')
    .describe('paused enrollments are kept but not planned'),
});

export const EndEnrollmentBodySchema = z.strictObject({
  reason: ReasonSchema.describe('Why the agency leaves the program; kept in the trail'),
  version: VersionSchema.describe('The enrollment version you read; 409 if it changed since'),
});

export const EnrollmentCreatedSchema = z.object({
  enrollment: EnrollmentSchema,
  planning: z
    .object({
      planned: z.number().int().describe('Occurrences already open for this enrollment'),
      created: z.number().int().describe('Audits created for them now'),
    })
    .describe('What was planned at once: periods whose evidence requests should already be open'),
});

// Scheduling

export const ScheduleRunSchema = z.object({
  executionName: z.string().describe('The Step Functions execution name of the scheduling run'),
});

// Audits

/** What the API shows of an audit: everything but the workflow's callback token, which is a credential. */
export const AuditViewSchema = AuditSchema.omit({ waitingTaskToken: true });
export type AuditView = z.output<typeof AuditViewSchema>;

export const CancelAuditBodySchema = z.strictObject({
  reason: ReasonSchema.describe('Why the audit is cancelled; the agency and the trail keep it'),
});

export const CloseAuditBodySchema = z.strictObject({
  reason: ReasonSchema.describe(
    'Why the audit closes before every remediation task is closed; its open tasks are cancelled with it',
  ),
});

export const AuditTasksSchema = z.object({
  auditId: EntityIdSchema,
  status: AuditStatusSchema,
  tasks: z.array(RemediationTaskSchema),
});

export const TrailVerificationSchema = z.discriminatedUnion('valid', [
  z.object({
    valid: z.literal(true),
    streamId: EntityIdSchema,
    count: z.number().int(),
    headHash: z.string(),
  }),
  z.object({
    valid: z.literal(false),
    streamId: EntityIdSchema,
    sequence: z.number().int().describe('The first event at which the stored chain stops matching'),
    problem: z.enum(['modified', 'deleted', 'inserted']),
    detail: z.string(),
  }),
]);

export const AuditDetailSchema = z.object({
  audit: AuditViewSchema,
  requests: z.array(EvidenceRequestSchema),
  evidence: z.array(EvidenceSchema),
  findings: z.array(FindingSchema),
  tasks: z.array(
    RemediationTaskSchema.extend({
      dueAt: IsoDateTimeSchema.optional().describe('The deadline instant the due index uses'),
    }),
  ),
  notices: z.array(NotificationRecordSchema),
  trail: z
    .object({
      events: z.array(TrailEventSchema),
      nextCursor: z.string().optional().describe('Pass as ?trailCursor= for the next page of the trail'),
    })
    .describe('The first page of the trail, oldest first'),
  trailVerification: TrailVerificationSchema.describe('The whole chain re-computed'),
});

// Re-exported so the route table reads as one list of named schemas.
export { AgencySchema, EnrollmentSchema };

export const AuditListQuerySchema = z
  .strictObject({
    status: AuditStatusSchema.optional().describe('Only audits in this status'),
    ori: OriSchema.optional().describe("Only this agency's audits (not with overdue)"),
    overdue: z
      .enum(['true', 'false'], { error: unlessMissing('must be true or false') })
      .optional()
      .describe('true: only open audits past their due instant, across agencies (not with ori)'),
    ...pageQueryFields,
  })
  .superRefine((query, ctx) => {
    if (query.ori !== undefined && query.overdue === 'true') {
      ctx.addIssue({
        code: 'custom',
        path: ['overdue'],
        message:
          "cannot be combined with ori: list one agency's audits (ori) or overdue audits across agencies (overdue=true)",
      });
    }
    if (query.status === undefined && query.ori === undefined && query.overdue !== 'true') {
      ctx.addIssue({
        code: 'custom',
        path: ['status'],
        message:
          'is required unless ori or overdue=true is given: audits are listed by status, agency or overdue',
      });
    }
  });

export const AuditDetailQuerySchema = z.strictObject({
  trailCursor: pageQueryFields.cursor.describe(
    'The trail.nextCursor of a previous answer, for the next page of the trail',
  ),
});

export const OpenApiDocumentSchema = z
  .looseObject({ openapi: z.string() })
  .describe('An OpenAPI 3.1 document describing this API');

export const NoticeHistorySchema = z.object({
  auditId: EntityIdSchema,
  notices: z
    .array(NotificationRecordSchema)
    .describe(
      'Every notice of the audit in scheduled order: kind and template, step, recipients (with the role a stand-in replaced), status, SES message id, sent and delivered times, and each delivery event SES reported',
    ),
});

// Evidence review

export const RequestEvidenceSchema = z.object({
  request: EvidenceRequestSchema,
  evidence: z
    .array(EvidenceSchema)
    .describe(
      'Every file received for the request, oldest first; the current one is request.currentEvidenceId',
    ),
  rejections: z
    .array(UploadRejectionSchema)
    .describe('Uploads refused at ingest (hash, size or type did not match the declaration), oldest first'),
});

export const AuditEvidenceSchema = z.object({
  auditId: EntityIdSchema,
  status: AuditStatusSchema,
  requests: z.array(RequestEvidenceSchema),
});

export const EvidenceDownloadSchema = z.object({
  evidenceId: EntityIdSchema,
  fileName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  sha256: Sha256Schema.describe('What the file must hash to; check it after downloading'),
  url: z.url().describe('A presigned GET of exactly this object version; a credential, do not share it'),
  expiresAt: IsoDateTimeSchema.describe('The URL stops working at this instant (five minutes after issue)'),
});

export const ReportDownloadsSchema = z.object({
  auditId: EntityIdSchema,
  prefix: z.string().describe('Where the report is stored in the evidence bucket (under Object Lock)'),
  generatedAt: IsoDateTimeSchema,
  trailHead: z
    .object({ sequence: z.number().int().min(0), hash: Sha256Schema })
    .describe('The last trail event the report covers; its own production is recorded after it'),
  files: z.array(
    z.object({
      name: z.string(),
      contentType: z.string(),
      bytes: z.number().int().min(0),
      sha256: Sha256Schema.describe('What the file must hash to; manifest.json lists the same'),
      url: z.url().describe('A presigned GET of exactly this stored file; a credential, do not share it'),
      expiresAt: IsoDateTimeSchema.describe(
        'The URL stops working at this instant (five minutes after issue)',
      ),
    }),
  ),
});

// The decision's request body is the service's ReviewDecisionInputSchema (see routes.ts): imported there, not
// here, because the CLI imports this module and must not load the services and their AWS clients.

export const AuditFindingsSchema = z.object({
  auditId: EntityIdSchema,
  status: AuditStatusSchema,
  findings: z.array(FindingSchema),
});

export const ReviewOutcomeSchema = z.object({
  request: EvidenceRequestSchema,
  reviewComplete: z
    .boolean()
    .describe('True when this decision accepted the last open request of an audit in review: it now closes'),
});

// Upload links

export const UploadLinkSummarySchema = z.object({
  linkRef: EntityIdSchema.describe("The link's non-secret name; the token itself is never shown"),
  role: ContactRoleSchema,
  reason: z.enum(UPLOAD_LINK_REASONS).describe('Why it was issued'),
  issuedAt: IsoDateTimeSchema,
  expiresAt: IsoDateTimeSchema,
  state: z.enum(['active', 'expired', 'revoked', 'locked']),
  failedAttempts: z.number().int().describe('Refused uploads counted against the link; five lock it'),
  revokedAt: IsoDateTimeSchema.optional(),
  revokedReason: z.string().optional(),
  lockedAt: IsoDateTimeSchema.optional(),
});

export const UploadLinkListSchema = z.object({
  items: z.array(UploadLinkSummarySchema).describe("The audit's links, oldest first"),
});

export const RevokeUploadLinksBodySchema = z.strictObject({
  reason: ReasonSchema.describe('Why the links are withdrawn; kept in the trail'),
});

export const RevokedUploadLinksSchema = z.object({
  revoked: z
    .array(UploadLinkSummarySchema)
    .describe('The links withdrawn by this call; empty when the role had none still live'),
});

// Calendar feeds

export const IssueCalendarFeedBodySchema = z.strictObject({
  rotate: z
    .boolean({ error: 'must be true or false' })
    .optional()
    .describe(
      'true to replace a live feed (its URL stops working at once); without it, an agency that has a live feed keeps it and the call answers 409',
    ),
});

export const RevokeCalendarFeedBodySchema = z.strictObject({
  reason: ReasonSchema.describe('Why the feed is withdrawn; kept in the trail'),
});

export const CalendarFeedStatusSchema = z.object({
  ori: OriSchema,
  active: z.boolean().describe('A feed exists and its URL works'),
  feedRef: z.string().optional().describe("The feed's non-secret name; the token itself is never shown"),
  issuedAt: IsoDateTimeSchema.optional(),
  revokedAt: IsoDateTimeSchema.optional(),
  revokedReason: z.string().optional(),
});

export const IssuedCalendarFeedSchema = CalendarFeedStatusSchema.extend({
  url: z
    .url()
    .describe(
      "The feed's secret URL (https://…/calendar/<token>.ics), answered this once and never stored: give it to the agency",
    ),
  replacedFeedRef: z.string().optional().describe('The feed this one replaced; its URL no longer works'),
});

export const RevokedCalendarFeedSchema = CalendarFeedStatusSchema.extend({
  revoked: z.boolean().describe('Whether this call withdrew a live feed (false: there was none)'),
});
