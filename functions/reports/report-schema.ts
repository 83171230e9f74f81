import * as z from 'zod';
import {
  ActorSchema,
  EntityIdSchema,
  IsoDateSchema,
  IsoDateTimeSchema,
  MIME_TYPE_PATTERN,
  ORI_PATTERN,
  Sha256Schema,
} from '../domain/schemas/common.js';
import { LISTED_REPORT_FILES, REPORT_SCHEMA_VERSION } from './report-files.js';

/*
 * The shapes of report.json and manifest.json. Strict objects without transforms: parsing a document gives back
 * the same values with keys in schema order (which is how the builder makes its JSON deterministic), and a
 * field a verifier does not know is an error rather than something silently dropped. Statuses and kinds are
 * plain text, not the domain's enums: a report records what was, and must still parse after the domain grows.
 */

const Text = z.string().min(1);
const OptionalText = z.string().optional();
const Status = z.string().min(1);

export const TrailHeadSchema = z.strictObject({
  /** 0 with the genesis hash for an empty trail. */
  sequence: z.number().int().min(0),
  hash: Sha256Schema,
});
export type TrailHead = z.infer<typeof TrailHeadSchema>;

export const ReviewerDecisionSchema = z.strictObject({
  decision: z.enum(['accepted', 'flagged']),
  at: IsoDateTimeSchema,
  /** Absent when the decision is known only from the request (no trail event names the reviewer). */
  reviewer: ActorSchema.optional(),
  reason: OptionalText,
  comment: OptionalText,
  /** The trail event that recorded the decision. */
  trailSequence: z.number().int().min(1).optional(),
});
export type ReviewerDecision = z.infer<typeof ReviewerDecisionSchema>;

/**
 * What both evidence lists (a request's files, a task's verification files) say of a stored file. A shape to
 * spread rather than a schema to extend: the keys around it differ, and their order is the order of the JSON.
 */
const storedFileFields = {
  fileName: Text,
  contentType: z.string().regex(MIME_TYPE_PATTERN),
  sizeBytes: z.number().int().min(1),
  sha256: Sha256Schema,
  objectKey: Text,
  objectVersion: Text,
  receivedAt: IsoDateTimeSchema,
  effectiveDate: IsoDateSchema,
  uploadedBy: ActorSchema,
  note: OptionalText,
};

export const ReportEvidenceSchema = z.strictObject({
  evidenceId: EntityIdSchema,
  ...storedFileFields,
  /** The file the request's status is about (the last one submitted). */
  current: z.boolean(),
  decision: ReviewerDecisionSchema.optional(),
});
export type ReportEvidence = z.infer<typeof ReportEvidenceSchema>;

/** Roll-over: the same requirement's request in the previous audit, how it ended there and the file it held. */
export const CarriedForwardSchema = z.strictObject({
  auditId: EntityIdSchema,
  requestId: EntityIdSchema,
  status: Status,
  evidenceId: EntityIdSchema.optional(),
  sha256: Sha256Schema.optional(),
  fileName: OptionalText,
  effectiveDate: IsoDateSchema.optional(),
});
export type CarriedForward = z.infer<typeof CarriedForwardSchema>;

export const ReportRequestSchema = z.strictObject({
  requestId: EntityIdSchema,
  requirementId: Text,
  description: Text,
  acceptedContentTypes: z.array(Text),
  status: Status,
  dueDate: IsoDateSchema,
  dueAt: IsoDateTimeSchema,
  submissionCount: z.number().int().min(0),
  currentEvidenceId: EntityIdSchema.optional(),
  flagReason: OptionalText,
  submittedAt: IsoDateTimeSchema.optional(),
  decidedAt: IsoDateTimeSchema.optional(),
  carriedForwardFrom: CarriedForwardSchema.optional(),
  /** Every file received for the request, oldest first (verification evidence is listed under its task). */
  evidence: z.array(ReportEvidenceSchema),
});
export type ReportRequest = z.infer<typeof ReportRequestSchema>;

export const RefusedUploadSchema = z.strictObject({
  rejectionId: EntityIdSchema,
  requestId: EntityIdSchema,
  fileName: OptionalText,
  objectKey: Text,
  objectVersion: Text,
  reasons: z.array(Text).min(1),
  declaredSha256: Sha256Schema.optional(),
  actualSha256: Sha256Schema.optional(),
  at: IsoDateTimeSchema,
});
export type RefusedUpload = z.infer<typeof RefusedUploadSchema>;

export const ReportFindingSchema = z.strictObject({
  findingId: EntityIdSchema,
  requirementId: OptionalText,
  severity: Status,
  title: Text,
  description: Text,
  status: Status,
  dueDate: IsoDateSchema,
  raisedAt: IsoDateTimeSchema,
  raisedBy: ActorSchema,
  verifiedAt: IsoDateTimeSchema.optional(),
  closedAt: IsoDateTimeSchema.optional(),
  withdrawnReason: OptionalText,
  /** A repeat finding: the previous audit's finding on the same requirement. */
  repeatOf: z.strictObject({ findingId: EntityIdSchema, auditId: EntityIdSchema }).optional(),
});
export type ReportFinding = z.infer<typeof ReportFindingSchema>;

/** A file the agency uploaded to show a remediation task's fix: listed under the task, never under a request. */
export const ReportVerificationEvidenceSchema = z.strictObject({
  evidenceId: EntityIdSchema,
  /** The request whose key it was stored under (the finding's request). */
  requestId: EntityIdSchema,
  ...storedFileFields,
});
export type ReportVerificationEvidence = z.infer<typeof ReportVerificationEvidenceSchema>;

export const ReportTaskSchema = z.strictObject({
  taskId: EntityIdSchema,
  findingId: EntityIdSchema,
  ownerRole: Status,
  dueDate: IsoDateSchema,
  status: Status,
  plan: z
    .strictObject({
      summary: Text,
      steps: z.array(Text),
      targetDate: IsoDateSchema,
      submittedAt: IsoDateTimeSchema,
      submittedBy: ActorSchema,
    })
    .optional(),
  revisionRequests: z.array(z.strictObject({ reason: Text, at: IsoDateTimeSchema, by: ActorSchema })),
  /** The evidence the reviewer named when verifying the fix. */
  verificationEvidenceIds: z.array(EntityIdSchema),
  /** Every file received for the task, oldest first. */
  verificationEvidence: z.array(ReportVerificationEvidenceSchema),
  createdAt: IsoDateTimeSchema,
  verifiedAt: IsoDateTimeSchema.optional(),
  closedAt: IsoDateTimeSchema.optional(),
  cancelReason: OptionalText,
});
export type ReportTask = z.infer<typeof ReportTaskSchema>;

export const ReportNoticeSchema = z.strictObject({
  notificationId: EntityIdSchema,
  subjectId: EntityIdSchema,
  kind: Status,
  stepKey: Text,
  template: OptionalText,
  subject: Text,
  recipients: z.array(z.strictObject({ role: Status, email: Text, reroutedFrom: OptionalText })),
  scheduledFor: IsoDateTimeSchema,
  /** The delivery state: queued, sent, delivered, bounced, complained or failed. */
  status: Status,
  sesMessageId: OptionalText,
  sentAt: IsoDateTimeSchema.optional(),
  deliveredAt: IsoDateTimeSchema.optional(),
  deliveryEvents: z.array(
    z.strictObject({
      status: Status,
      at: IsoDateTimeSchema,
      detail: OptionalText,
      sesEvent: OptionalText,
      recipients: z.array(z.string()).optional(),
    }),
  ),
});
export type ReportNotice = z.infer<typeof ReportNoticeSchema>;

const Count = z.number().int().min(0);

/** report.json: everything the audit holds, in a stable order, with the trail head it was built from. */
export const ReportDocumentSchema = z.strictObject({
  schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
  generatedAt: IsoDateTimeSchema,
  agency: z.strictObject({ ori: z.string().regex(ORI_PATTERN), name: Text }),
  program: z.strictObject({ programId: Text, title: Text, catalogVersion: Text }),
  audit: z.strictObject({
    auditId: EntityIdSchema,
    periodKey: Text,
    status: Status,
    timeZone: Text,
    responsibleRole: Status,
    nominalDate: IsoDateSchema,
    dueDate: IsoDateSchema,
    dueAt: IsoDateTimeSchema,
    opensAt: IsoDateTimeSchema,
    createdAt: IsoDateTimeSchema,
    openedAt: IsoDateTimeSchema.optional(),
    reviewStartedAt: IsoDateTimeSchema.optional(),
    closedAt: IsoDateTimeSchema.optional(),
    /** Why an administrator closed the audit before every remediation task was closed. */
    closeReason: OptionalText,
    /** The same program's previous audit for the agency, which this one rolled over from. */
    previousAuditId: EntityIdSchema.optional(),
    cancelledAt: IsoDateTimeSchema.optional(),
    cancelReason: OptionalText,
    failedAt: IsoDateTimeSchema.optional(),
    failure: z.strictObject({ error: z.string(), cause: z.string() }).optional(),
  }),
  requests: z.array(ReportRequestSchema),
  refusedUploads: z.array(RefusedUploadSchema),
  findings: z.array(ReportFindingSchema),
  tasks: z.array(ReportTaskSchema),
  notices: z.array(ReportNoticeSchema),
  trail: z.strictObject({ streamId: EntityIdSchema, eventCount: Count, head: TrailHeadSchema }),
  totals: z.strictObject({
    requests: Count,
    evidence: Count,
    verificationEvidence: Count,
    refusedUploads: Count,
    findings: Count,
    tasks: Count,
    notices: Count,
  }),
});
export type ReportDocument = z.infer<typeof ReportDocumentSchema>;

/** manifest.json: the sha256 and size of every other file, and the trail head they were built from. */
export const ManifestSchema = z
  .strictObject({
    schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
    auditId: EntityIdSchema,
    generatedAt: IsoDateTimeSchema,
    trailHead: TrailHeadSchema,
    files: z.array(
      z.strictObject({
        name: z.enum(LISTED_REPORT_FILES),
        sha256: Sha256Schema,
        bytes: z.number().int().min(0),
      }),
    ),
  })
  .superRefine((manifest, ctx) => {
    const names = manifest.files.map((file) => file.name);
    for (const name of LISTED_REPORT_FILES) {
      const count = names.filter((listed) => listed === name).length;
      if (count !== 1) {
        ctx.addIssue({
          code: 'custom',
          path: ['files'],
          message: count === 0 ? `does not list ${name}` : `lists ${name} ${count} times`,
        });
      }
    }
  });
export type Manifest = z.infer<typeof ManifestSchema>;
