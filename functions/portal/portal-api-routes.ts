import * as z from 'zod';
import { type ApiRoute, defineRoute } from '../api/api-route.js';
import { EntityIdSchema, IsoDateTimeSchema, Sha256Schema } from '../domain/schemas/common.js';
import { EVIDENCE_REQUEST_STATUSES } from '../domain/schemas/evidence.js';
import { authorizeUpload, UploadDeclarationSchema } from '../services/evidence-intake.js';
import { PORTAL_PATHS, uploadStatus } from '../services/upload-portal.js';

/*
 * The agencies' portal API, declared once: the upload page's script calls these two routes. No account: the
 * link's token travels in the JSON body (never in a URL the access logs keep), and the services check it.
 */

const NoParams = z.strictObject({});
const NoQuery = z.strictObject({});

const UploadAuthorizationSchema = z.object({
  requestId: EntityIdSchema,
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

const UploadStatusSchema = z.object({
  requests: z
    .array(
      z.object({
        requestId: EntityIdSchema,
        status: z.enum(EVIDENCE_REQUEST_STATUSES),
        uploadable: z.boolean(),
        flagReason: z.string().optional(),
        currentEvidence: ReceiptSchema.optional(),
        lastRejection: z
          .object({
            fileName: z.string().optional(),
            at: IsoDateTimeSchema,
            reasons: z.array(z.string()).readonly(),
          })
          .optional(),
      }),
    )
    .readonly(),
});

const StatusRequestSchema = z.strictObject({
  token: z
    .string({ error: 'token is required' })
    .min(1, 'token is required')
    .max(128, 'is not a valid token'),
});

export const portalApiRoutes: readonly ApiRoute[] = [
  defineRoute({
    method: 'POST',
    path: PORTAL_PATHS.authorize,
    operationId: 'authorizeUpload',
    summary:
      'Checks an upload link and one declared file (name, type, size, sha256) and answers a presigned POST for exactly that file, valid 15 minutes.',
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
    summary: "The link's requests with their current state, receipts and refused uploads.",
    tag: 'Agency portal',
    access: 'upload-link',
    params: NoParams,
    query: NoQuery,
    body: { name: 'UploadStatusRequest', schema: StatusRequestSchema },
    response: { status: 200, body: { name: 'UploadStatus', schema: UploadStatusSchema } },
    errors: [],
    handle: ({ body }) => uploadStatus(body.token),
  }),
];
