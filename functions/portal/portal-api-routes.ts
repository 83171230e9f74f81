import * as z from 'zod';
import { type ApiRoute, defineRoute } from '../api/api-route.js';
import {
  ActorSchema,
  EntityIdSchema,
  IsoDateSchema,
  IsoDateTimeSchema,
  Sha256Schema,
} from '../domain/schemas/common.js';
import { EVIDENCE_REQUEST_STATUSES } from '../domain/schemas/evidence.js';
import { REMEDIATION_TASK_STATUSES } from '../domain/schemas/finding.js';
import {
  CorrectiveActionPlanSubmissionSchema,
  submitCorrectiveActionPlan,
} from '../services/corrective-action-plans.js';
import { authorizeUpload, UploadDeclarationSchema } from '../services/evidence-intake.js';
import { UploadLinkTokenSchema } from '../services/upload-link-access.js';
import { PORTAL_PATHS, uploadStatus } from '../services/upload-portal.js';

/*
 * The agencies' portal API, declared once: the upload page's script calls these routes. No account: the
 * link's token travels in the JSON body (never in a URL the access logs keep), and the services check it.
 */

const NoParams = z.strictObject({});
const NoQuery = z.strictObject({});

const UploadAuthorizationSchema = z.object({
  requestId: EntityIdSchema,
  taskId: EntityIdSchema.optional(),
  url: z.url(),
  fields: z.record(z.string(), z.string()),
  key: z.string(),
  expiresAt: IsoDateTimeSchema,
  maxBytes: z.number().int().positive(),
});

const ReceiptSchema = z.object({
  evidenceId: EntityIdSchema,
  fileName: z.string(),
  sha256: Sha256Schema,
  sizeBytes: z.number().int().positive(),
  receivedAt: IsoDateTimeSchema,
});

const RejectionSchema = z.object({
  fileName: z.string().optional(),
  at: IsoDateTimeSchema,
  reasons: z.array(z.string()).readonly(),
});

const PlanOnRecordSchema = z.object({
  summary: z.string(),
  steps: z.array(z.string()).readonly(),
  targetDate: IsoDateSchema,
  submittedAt: IsoDateTimeSchema,
});

const TaskStateSchema = z.object({
  taskId: EntityIdSchema,
  status: z.enum(REMEDIATION_TASK_STATUSES),
  dueDate: IsoDateSchema,
  revisionReason: z.string().optional(),
  plan: PlanOnRecordSchema.optional(),
  planEditable: z.boolean(),
  verificationUploadable: z.boolean(),
  verificationEvidence: z.array(ReceiptSchema).readonly(),
  lastRejection: RejectionSchema.optional(),
});

const SubmittedPlanSchema = z.object({
  taskId: EntityIdSchema,
  status: z.enum(REMEDIATION_TASK_STATUSES),
  plan: PlanOnRecordSchema.extend({ submittedBy: ActorSchema }),
});

const UploadStatusSchema = z.object({
  tasks: z.array(TaskStateSchema).readonly(),
  requests: z
    .array(
      z.object({
        requestId: EntityIdSchema,
        status: z.enum(EVIDENCE_REQUEST_STATUSES),
        uploadable: z.boolean(),
        flagReason: z.string().optional(),
        currentEvidence: ReceiptSchema.optional(),
        lastRejection: RejectionSchema.optional(),
      }),
    )
    .readonly(),
});

const StatusRequestSchema = z.strictObject({ token: UploadLinkTokenSchema });

export const portalApiRoutes: readonly ApiRoute[] = [
  defineRoute({
    method: 'POST',
    path: PORTAL_PATHS.authorize,
    operationId: 'authorizeUpload',
    summary:
      "Checks an upload link and one declared file (name, type, size, sha256) for a requested item (requestId) or a remediation task's evidence of the fix (taskId), and answers a presigned POST for exactly that file, valid 15 minutes.",
    tag: 'Agency portal',
    access: 'upload-link',
    params: NoParams,
    query: NoQuery,
    body: { name: 'UploadDeclaration', schema: UploadDeclarationSchema.strict() },
    response: { status: 200, body: { name: 'UploadAuthorization', schema: UploadAuthorizationSchema } },
    errors: [404, 409, 413, 415],
    handle: async ({ body }) => {
      const authorization = await authorizeUpload(body);
      return {
        requestId: authorization.requestId,
        ...(authorization.taskId ? { taskId: authorization.taskId } : {}),
        url: authorization.url,
        fields: authorization.fields,
        key: authorization.key,
        expiresAt: authorization.expiresAt,
        maxBytes: authorization.maxBytes,
      };
    },
  }),
  defineRoute({
    method: 'POST',
    path: PORTAL_PATHS.status,
    operationId: 'uploadStatus',
    summary:
      "The link's requests and its audit's remediation tasks with their current state, plans, receipts and refused uploads.",
    tag: 'Agency portal',
    access: 'upload-link',
    params: NoParams,
    query: NoQuery,
    body: { name: 'UploadStatusRequest', schema: StatusRequestSchema },
    response: { status: 200, body: { name: 'UploadStatus', schema: UploadStatusSchema } },
    errors: [],
    handle: ({ body }) => uploadStatus(body.token),
  }),
  defineRoute({
    method: 'POST',
    path: PORTAL_PATHS.plan,
    operationId: 'submitCorrectiveActionPlan',
    summary:
      "Records the agency's corrective action plan (summary, optional steps, target date) for a remediation task of the link's audit that awaits one or was sent back for revision.",
    tag: 'Agency portal',
    access: 'upload-link',
    params: NoParams,
    query: NoQuery,
    body: { name: 'CorrectiveActionPlanSubmission', schema: CorrectiveActionPlanSubmissionSchema },
    response: { status: 200, body: { name: 'SubmittedCorrectiveActionPlan', schema: SubmittedPlanSchema } },
    errors: [404, 409],
    handle: ({ body }) => submitCorrectiveActionPlan(body),
  }),
];
