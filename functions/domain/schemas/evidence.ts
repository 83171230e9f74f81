import * as z from 'zod';
import {
  ActorSchema,
  AgencyNameSnapshotSchema,
  ContentTypeSchema,
  EntityIdSchema,
  enumField,
  IsoDateSchema,
  IsoDateTimeSchema,
  OriSchema,
  ReasonSchema,
  Sha256Schema,
  SlugSchema,
  VersionSchema,
} from './common.js';

export const EVIDENCE_REQUEST_STATUSES = [
  'requested',
  'submitted',
  'accepted',
  'flagged',
  'resubmitted',
] as const;
export type EvidenceRequestStatus = (typeof EVIDENCE_REQUEST_STATUSES)[number];
export const EvidenceRequestStatusSchema = enumField('evidence request status', EVIDENCE_REQUEST_STATUSES);

/** One evidence requirement of one audit, asked of the agency. */
export const EvidenceRequestSchema = z.object({
  requestId: EntityIdSchema,
  auditId: EntityIdSchema,
  ori: OriSchema,
  /** The agency's name when the request was made, for reports that list many requests (the daily digest). */
  agencyName: AgencyNameSnapshotSchema.optional(),
  programId: SlugSchema,
  requirementId: SlugSchema,
  description: z.string().min(1),
  acceptedContentTypes: z.array(ContentTypeSchema).min(1),
  status: EvidenceRequestStatusSchema,
  dueDate: IsoDateSchema,
  dueAt: IsoDateTimeSchema,
  /** The evidence under review or accepted; earlier submissions stay in the store and the trail. */
  currentEvidenceId: EntityIdSchema.optional(),
  submissionCount: z.number().int().nonnegative(),
  flagReason: ReasonSchema.optional(),
  /**
   * Roll-over: the same requirement's request in the program's previous audit for this agency, and how it
   * ended there (its status, and the evidence it last held), so the agency and reviewer start from it.
   */
  carriedForwardFrom: z
    .object({
      auditId: EntityIdSchema,
      requestId: EntityIdSchema,
      status: EvidenceRequestStatusSchema,
      evidenceId: EntityIdSchema.optional(),
      sha256: Sha256Schema.optional(),
      fileName: z.string().max(255).optional(),
      effectiveDate: IsoDateSchema.optional(),
    })
    .optional(),
  createdAt: IsoDateTimeSchema,
  updatedAt: IsoDateTimeSchema,
  submittedAt: IsoDateTimeSchema.optional(),
  decidedAt: IsoDateTimeSchema.optional(),
  version: VersionSchema,
});
export type EvidenceRequest = z.infer<typeof EvidenceRequestSchema>;

/** S3's limit for a single PUT/POST; deployments set a tighter limit in the upload policy. */
export const MAX_EVIDENCE_BYTES = 5 * 1024 ** 3;

/**
 * A stored file. `receivedAt` is set once by the system when the object lands and never changes;
 * `effectiveDate` is the day the evidence speaks for (a review done on 30 June and uploaded on 8 July).
 */
export const EvidenceSchema = z
  .object({
    evidenceId: EntityIdSchema,
    requestId: EntityIdSchema,
    auditId: EntityIdSchema,
    ori: OriSchema,
    requirementId: SlugSchema,
    /**
     * Set on verification evidence: a file the agency uploaded to show a remediation task's fix. It is stored
     * under the finding's request (same key shape, same verified path) but decides nothing about the request.
     */
    taskId: EntityIdSchema.optional(),
    fileName: z.string().trim().min(1, 'file name is required').max(255, 'must be at most 255 characters'),
    contentType: ContentTypeSchema,
    sizeBytes: z
      .number()
      .int('must be a whole number of bytes')
      .min(1, 'must be at least 1 byte: empty files are not evidence')
      .max(MAX_EVIDENCE_BYTES, 'must be at most 5 GiB'),
    sha256: Sha256Schema,
    objectKey: z.string().min(1).max(1024),
    objectVersion: z.string().min(1, 'the S3 object version id is required'),
    receivedAt: IsoDateTimeSchema,
    effectiveDate: IsoDateSchema,
    uploadedBy: ActorSchema,
    note: z.string().max(2000).optional(),
  })
  .superRefine((evidence, ctx) => {
    // One day of slack: a local date west of UTC can be a day behind the UTC date of receipt.
    const latest = new Date(Date.parse(evidence.receivedAt) + 86_400_000).toISOString().slice(0, 10);
    if (evidence.effectiveDate > latest) {
      ctx.addIssue({
        code: 'custom',
        path: ['effectiveDate'],
        message: 'must not be after the day the file was received',
      });
    }
  });
export type Evidence = z.infer<typeof EvidenceSchema>;

export const REVIEW_DECISIONS = ['accept', 'flag'] as const;

/** A reviewer's verdict on one piece of evidence; flagging always carries a reason the agency will see. */
export const ReviewDecisionSchema = z.discriminatedUnion(
  'decision',
  [
    z.object({
      decision: z.literal('accept'),
      evidenceId: EntityIdSchema,
      reviewer: ActorSchema,
      decidedAt: IsoDateTimeSchema,
      comment: z.string().max(2000).optional(),
    }),
    z.object({
      decision: z.literal('flag'),
      evidenceId: EntityIdSchema,
      reviewer: ActorSchema,
      decidedAt: IsoDateTimeSchema,
      reason: ReasonSchema,
    }),
  ],
  { error: `decision must be one of: ${REVIEW_DECISIONS.join(', ')}` },
);
export type ReviewDecision = z.infer<typeof ReviewDecisionSchema>;
