import * as z from 'zod';
import { workflows } from '../adapters/runtime/bindings.js';
import type { AuditStatus } from '../domain/schemas/audit.js';
import { ContactRoleSchema, EntityIdSchema, OriSchema, SlugSchema } from '../domain/schemas/common.js';
import { FindingSchema, RemediationTaskSchema } from '../domain/schemas/finding.js';
import { findAgency, listAgencies, registerAgency, replaceAgencyContacts } from '../services/agencies.js';
import { cancelAudit } from '../services/audit-lifecycle.js';
import { type AuditListing, getAuditDetail, listAudits } from '../services/audit-queries.js';
import { describeCalendarFeed, issueCalendarFeed, revokeCalendarFeed } from '../services/calendar-feeds.js';
import { createReportDownloads } from '../services/close-out-report.js';
import { endEnrollment, enrollAgency, listEnrollments } from '../services/enrollments.js';
import {
  createEvidenceDownload,
  decideEvidence,
  listAuditEvidence,
  ReviewDecisionInputSchema,
} from '../services/evidence-review.js';
import { listFindings, RecordFindingInputSchema, recordFinding } from '../services/findings.js';
import { getNoticeHistory } from '../services/notice-history.js';
import { closeAuditByAdministrator } from '../services/remediation-phase.js';
import {
  AddTaskInputSchema,
  addRemediationTask,
  decideRemediationTask,
  listRemediationTasks,
  TaskDecisionInputSchema,
} from '../services/remediation-tasks.js';
import { listUploadLinks, reissueUploadLink, revokeUploadLinks } from '../services/upload-links.js';
import { alreadyExists, notFound } from './api-errors.js';
import { type ApiRoute, defineRoute } from './api-route.js';
import {
  AgencySchema,
  AuditDetailQuerySchema,
  AuditDetailSchema,
  AuditEvidenceSchema,
  AuditFindingsSchema,
  AuditListQuerySchema,
  AuditTasksSchema,
  type AuditView,
  AuditViewSchema,
  CalendarFeedStatusSchema,
  CancelAuditBodySchema,
  CloseAuditBodySchema,
  CreateAgencyBodySchema,
  CreateEnrollmentBodySchema,
  EndEnrollmentBodySchema,
  EnrollmentCreatedSchema,
  EnrollmentSchema,
  EvidenceDownloadSchema,
  IssueCalendarFeedBodySchema,
  IssuedCalendarFeedSchema,
  NoticeHistorySchema,
  OpenApiDocumentSchema,
  PageQuerySchema,
  pageOf,
  ReplaceContactsBodySchema,
  ReportDownloadsSchema,
  ReviewOutcomeSchema,
  RevokeCalendarFeedBodySchema,
  RevokedCalendarFeedSchema,
  RevokedUploadLinksSchema,
  RevokeUploadLinksBodySchema,
  ScheduleRunSchema,
  UploadLinkListSchema,
  UploadLinkSummarySchema,
} from './api-schemas.js';
import { buildOpenApiDocument, type OpenApiDocument } from './openapi.js';
import { fromApiCursor, readPage, toApiCursor } from './paging.js';

/*
 * The admin API, declared once. The Lambda router and the sandbox front door serve this table, the CDK
 * construct creates one API Gateway route per entry, and the OpenAPI document is generated from it.
 */

const NoParams = z.strictObject({});
const NoQuery = z.strictObject({});
const OriParams = z.strictObject({ ori: OriSchema });
const EnrollmentParams = z.strictObject({ ori: OriSchema, programId: SlugSchema });
const AuditParams = z.strictObject({ auditId: EntityIdSchema });
const EvidenceParams = z.strictObject({ auditId: EntityIdSchema, evidenceId: EntityIdSchema });
const RequestParams = z.strictObject({ auditId: EntityIdSchema, requestId: EntityIdSchema });
const FindingParams = z.strictObject({ auditId: EntityIdSchema, findingId: EntityIdSchema });
const TaskParams = z.strictObject({ auditId: EntityIdSchema, taskId: EntityIdSchema });
const RoleParams = z.strictObject({ auditId: EntityIdSchema, role: ContactRoleSchema });

/** The workflow's callback token is a credential for resuming the workflow: it never leaves the service. */
const auditView = <A extends AuditView & { waitingTaskToken?: string }>({
  waitingTaskToken: _token,
  ...audit
}: A): AuditView => audit;

/** Which index serves a GET /audits query; the query schema has already refused other combinations. */
function auditListingOf(query: { ori?: string; overdue?: string; status?: AuditStatus }): AuditListing {
  if (query.ori !== undefined) return { by: 'agency', ori: query.ori, status: query.status };
  if (query.overdue === 'true') return { by: 'overdue', status: query.status };
  // The schema requires a status when neither ori nor overdue=true is given.
  return { by: 'status', status: query.status ?? 'open' };
}

const TRAIL_PAGE_SIZE = 100;

let openApiDocument: OpenApiDocument | undefined;

export const adminApiRoutes: readonly ApiRoute[] = [
  // Agencies
  defineRoute({
    method: 'POST',
    path: '/agencies',
    operationId: 'createAgency',
    summary: 'Registers an agency by its ORI, with its TAC, LASO and agency-head contacts.',
    tag: 'Agencies',
    access: 'administrators',
    params: NoParams,
    query: NoQuery,
    body: { name: 'CreateAgencyRequest', schema: CreateAgencyBodySchema },
    response: { status: 201, body: { name: 'Agency', schema: AgencySchema } },
    errors: [409, 413],
    async handle({ body, context }) {
      const { created, agency } = await registerAgency(body, context.actor);
      if (!created)
        throw alreadyExists(`Agency ${agency.ori} is already registered; GET /agencies/${agency.ori}.`);
      return agency;
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/agencies',
    operationId: 'listAgencies',
    summary: 'Lists registered agencies in ORI order, a page at a time.',
    tag: 'Agencies',
    access: 'administrators',
    params: NoParams,
    query: PageQuerySchema,
    response: { status: 200, body: { name: 'AgencyPage', schema: pageOf(AgencySchema) } },
    errors: [],
    handle: ({ query }) => readPage('agencies', query, (page) => listAgencies(page)),
  }),
  defineRoute({
    method: 'GET',
    path: '/agencies/{ori}',
    operationId: 'getAgency',
    summary: 'Gets one agency, with its contacts and version.',
    tag: 'Agencies',
    access: 'administrators',
    params: OriParams,
    query: NoQuery,
    response: { status: 200, body: { name: 'Agency', schema: AgencySchema } },
    errors: [404],
    async handle({ params }) {
      const agency = await findAgency(params.ori);
      if (!agency) throw notFound(`No agency is registered with ORI ${params.ori}.`);
      return agency;
    },
  }),
  defineRoute({
    method: 'PUT',
    path: '/agencies/{ori}/contacts',
    operationId: 'replaceAgencyContacts',
    summary: "Replaces an agency's contacts, if the agency is still at the version you read.",
    tag: 'Agencies',
    access: 'administrators',
    params: OriParams,
    query: NoQuery,
    body: { name: 'ReplaceContactsRequest', schema: ReplaceContactsBodySchema },
    response: { status: 200, body: { name: 'Agency', schema: AgencySchema } },
    errors: [404, 409, 413],
    handle: ({ params, body, context }) =>
      replaceAgencyContacts(
        params.ori,
        { contacts: body.contacts, expectedVersion: body.version },
        context.actor,
      ),
  }),

  // Enrollments
  defineRoute({
    method: 'POST',
    path: '/agencies/{ori}/enrollments',
    operationId: 'enrollAgency',
    summary: 'Enrols an agency in a catalog program and plans the audits already due in their window.',
    tag: 'Enrollments',
    access: 'administrators',
    params: OriParams,
    query: NoQuery,
    body: { name: 'CreateEnrollmentRequest', schema: CreateEnrollmentBodySchema },
    response: { status: 201, body: { name: 'EnrollmentCreated', schema: EnrollmentCreatedSchema } },
    errors: [404, 409, 413],
    async handle({ params, body, context }) {
      const outcome = await enrollAgency(params.ori, body, context.actor);
      if (!outcome.created || !outcome.planning) {
        throw alreadyExists(
          `Agency ${params.ori} is already enrolled in ${body.programId} (status ${outcome.enrollment.status}); GET /agencies/${params.ori}/enrollments.`,
        );
      }
      return { enrollment: outcome.enrollment, planning: outcome.planning };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/agencies/{ori}/enrollments',
    operationId: 'listEnrollments',
    summary: "Lists an agency's enrollments in program order, a page at a time.",
    tag: 'Enrollments',
    access: 'administrators',
    params: OriParams,
    query: PageQuerySchema,
    response: { status: 200, body: { name: 'EnrollmentPage', schema: pageOf(EnrollmentSchema) } },
    errors: [404],
    handle: ({ params, query }) =>
      readPage(`enrollments:${params.ori}`, query, (page) => listEnrollments(params.ori, page)),
  }),
  defineRoute({
    method: 'POST',
    path: '/agencies/{ori}/enrollments/{programId}/end',
    operationId: 'endEnrollment',
    summary: 'Ends an enrollment, if it is still at the version you read; planned audits are kept.',
    tag: 'Enrollments',
    access: 'administrators',
    params: EnrollmentParams,
    query: NoQuery,
    body: { name: 'EndEnrollmentRequest', schema: EndEnrollmentBodySchema },
    response: { status: 200, body: { name: 'Enrollment', schema: EnrollmentSchema } },
    errors: [404, 409, 413],
    handle: ({ params, body, context }) =>
      endEnrollment(
        params.ori,
        params.programId,
        { reason: body.reason, expectedVersion: body.version },
        context.actor,
      ),
  }),

  // Calendar feeds
  defineRoute({
    method: 'POST',
    path: '/agencies/{ori}/calendar-feed',
    operationId: 'issueCalendarFeed',
    summary:
      "Issues the agency's calendar feed and answers its secret URL once; with rotate, replaces the live one (its URL stops working).",
    tag: 'Calendar',
    access: 'administrators',
    params: OriParams,
    query: NoQuery,
    body: { name: 'IssueCalendarFeedRequest', schema: IssueCalendarFeedBodySchema },
    response: { status: 201, body: { name: 'IssuedCalendarFeed', schema: IssuedCalendarFeedSchema } },
    errors: [404, 409, 413],
    async handle({ params, body, context }) {
      const outcome = await issueCalendarFeed(params.ori, { rotate: body.rotate === true }, context.actor);
      if (!outcome.issued) {
        throw alreadyExists(
          `Agency ${params.ori} already has a calendar feed (${outcome.current.feedRef}, issued ${outcome.current.issuedAt}); its URL is not shown again. Send {"rotate": true} to replace it: the current URL stops working.`,
        );
      }
      return outcome.feed;
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/agencies/{ori}/calendar-feed',
    operationId: 'getCalendarFeed',
    summary:
      'Says whether the agency has a live calendar feed and when it was issued or revoked; never its URL.',
    tag: 'Calendar',
    access: 'administrators',
    params: OriParams,
    query: NoQuery,
    response: { status: 200, body: { name: 'CalendarFeedStatus', schema: CalendarFeedStatusSchema } },
    errors: [404],
    handle: ({ params }) => describeCalendarFeed(params.ori),
  }),
  defineRoute({
    method: 'POST',
    path: '/agencies/{ori}/calendar-feed/revoke',
    operationId: 'revokeCalendarFeed',
    summary: "Withdraws the agency's calendar feed: its URL stops working at once.",
    tag: 'Calendar',
    access: 'administrators',
    params: OriParams,
    query: NoQuery,
    body: { name: 'RevokeCalendarFeedRequest', schema: RevokeCalendarFeedBodySchema },
    response: { status: 200, body: { name: 'RevokedCalendarFeed', schema: RevokedCalendarFeedSchema } },
    errors: [404, 413],
    handle: ({ params, body, context }) => revokeCalendarFeed(params.ori, body.reason, context.actor),
  }),

  // Scheduling
  defineRoute({
    method: 'POST',
    path: '/schedule-runs',
    operationId: 'startScheduleRun',
    summary: 'Starts a scheduling run now, as the daily run would; answers with its execution name.',
    tag: 'Scheduling',
    access: 'administrators',
    params: NoParams,
    query: NoQuery,
    response: { status: 202, body: { name: 'ScheduleRun', schema: ScheduleRunSchema } },
    errors: [],
    handle: ({ context }) => workflows().startScheduleRun(context.actor.id),
  }),

  // Audits
  defineRoute({
    method: 'GET',
    path: '/audits',
    operationId: 'listAudits',
    summary: 'Lists audits by status, by agency (optionally with a status) or overdue, in due-date order.',
    tag: 'Audits',
    access: 'administrators',
    params: NoParams,
    query: AuditListQuerySchema,
    response: { status: 200, body: { name: 'AuditPage', schema: pageOf(AuditViewSchema) } },
    errors: [],
    handle({ query }) {
      const listing = auditListingOf(query);
      const scope = `audits:${listing.by}:${query.ori ?? ''}:${query.status ?? ''}`;
      return readPage(scope, query, (page) => listAudits(listing, page), auditView);
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/audits/{auditId}',
    operationId: 'getAudit',
    summary: 'Gets an audit with its requests, evidence, findings, tasks, notices, trail and trail check.',
    tag: 'Audits',
    access: 'administrators',
    params: AuditParams,
    query: AuditDetailQuerySchema,
    response: { status: 200, body: { name: 'AuditDetail', schema: AuditDetailSchema } },
    errors: [404],
    async handle({ params, query }) {
      const trailScope = `trail:${params.auditId}`;
      const cursor =
        query.trailCursor === undefined ? undefined : fromApiCursor(trailScope, query.trailCursor);
      const detail = await getAuditDetail(params.auditId, {
        limit: TRAIL_PAGE_SIZE,
        ...(cursor === undefined ? {} : { cursor }),
      });
      if (!detail) throw notFound(`No audit has the id ${params.auditId}.`);
      const { trail, ...rest } = detail;
      return {
        ...rest,
        audit: auditView(detail.audit),
        trail: {
          events: trail.items,
          ...(trail.cursor ? { nextCursor: toApiCursor(trailScope, trail.cursor) } : {}),
        },
      };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/audits/{auditId}/cancel',
    operationId: 'cancelAudit',
    summary: 'Cancels an audit that has not reached remediation, and stops its workflow.',
    tag: 'Audits',
    access: 'administrators',
    params: AuditParams,
    query: NoQuery,
    body: { name: 'CancelAuditRequest', schema: CancelAuditBodySchema },
    response: { status: 200, body: { name: 'Audit', schema: AuditViewSchema } },
    errors: [404, 409, 413],
    handle: async ({ params, body, context }) =>
      auditView(await cancelAudit(params.auditId, body.reason, context.actor)),
  }),

  defineRoute({
    method: 'POST',
    path: '/audits/{auditId}/close',
    operationId: 'closeAudit',
    summary:
      'Closes an audit in review or remediation before every task is closed, with a reason: its open tasks are cancelled and the close-out report is stored.',
    tag: 'Audits',
    access: 'administrators',
    params: AuditParams,
    query: NoQuery,
    body: { name: 'CloseAuditRequest', schema: CloseAuditBodySchema },
    response: { status: 200, body: { name: 'Audit', schema: AuditViewSchema } },
    errors: [404, 409, 413],
    handle: async ({ params, body, context }) =>
      auditView(await closeAuditByAdministrator(params.auditId, body.reason, context.actor)),
  }),

  defineRoute({
    method: 'GET',
    path: '/audits/{auditId}/notices',
    operationId: 'listAuditNotices',
    summary:
      "Lists an audit's notices in scheduled order, with recipients, SES message id and delivery state (proof of notice).",
    tag: 'Audits',
    access: 'administrators',
    params: AuditParams,
    query: NoQuery,
    response: { status: 200, body: { name: 'NoticeHistory', schema: NoticeHistorySchema } },
    errors: [404],
    async handle({ params }) {
      const history = await getNoticeHistory(params.auditId);
      if (!history) throw notFound(`No audit has the id ${params.auditId}.`);
      return history;
    },
  }),

  // Evidence review
  defineRoute({
    method: 'GET',
    path: '/audits/{auditId}/evidence',
    operationId: 'listAuditEvidence',
    summary: "Lists an audit's evidence requests, each with every file received and every upload refused.",
    tag: 'Evidence review',
    access: 'administrators',
    params: AuditParams,
    query: NoQuery,
    response: { status: 200, body: { name: 'AuditEvidence', schema: AuditEvidenceSchema } },
    errors: [404],
    handle: ({ params }) => listAuditEvidence(params.auditId),
  }),
  defineRoute({
    // POST, not GET: issuing the URL is an access to evidence, recorded in the audit's trail.
    method: 'POST',
    path: '/audits/{auditId}/evidence/{evidenceId}/download',
    operationId: 'createEvidenceDownload',
    summary: 'Issues a five-minute download URL for one file, recording the access in the trail.',
    tag: 'Evidence review',
    access: 'administrators',
    params: EvidenceParams,
    query: NoQuery,
    response: { status: 200, body: { name: 'EvidenceDownload', schema: EvidenceDownloadSchema } },
    errors: [404],
    handle: ({ params, context }) => createEvidenceDownload(params.auditId, params.evidenceId, context.actor),
  }),
  defineRoute({
    method: 'POST',
    path: '/audits/{auditId}/requests/{requestId}/decision',
    operationId: 'decideEvidence',
    summary:
      'Accepts or flags the file under review for a request; a flag emails the agency the reason and a new link.',
    tag: 'Evidence review',
    access: 'administrators',
    params: RequestParams,
    query: NoQuery,
    body: { name: 'ReviewDecisionRequest', schema: ReviewDecisionInputSchema },
    response: { status: 200, body: { name: 'ReviewOutcome', schema: ReviewOutcomeSchema } },
    errors: [404, 409, 413],
    handle: ({ params, body, context }) =>
      decideEvidence(params.auditId, params.requestId, body, context.actor),
  }),

  // Findings
  defineRoute({
    method: 'POST',
    path: '/audits/{auditId}/findings',
    operationId: 'recordFinding',
    summary:
      "Records a finding against one of an audit's requests (in review or remediation); its due date follows the severity policy.",
    tag: 'Findings',
    access: 'administrators',
    params: AuditParams,
    query: NoQuery,
    body: { name: 'RecordFindingRequest', schema: RecordFindingInputSchema },
    response: { status: 201, body: { name: 'Finding', schema: FindingSchema } },
    errors: [404, 409, 413],
    handle: ({ params, body, context }) => recordFinding(params.auditId, body, context.actor),
  }),
  defineRoute({
    method: 'GET',
    path: '/audits/{auditId}/findings',
    operationId: 'listFindings',
    summary: "Lists an audit's findings in the order they were recorded.",
    tag: 'Findings',
    access: 'administrators',
    params: AuditParams,
    query: NoQuery,
    response: { status: 200, body: { name: 'AuditFindings', schema: AuditFindingsSchema } },
    errors: [404],
    handle: ({ params }) => listFindings(params.auditId),
  }),

  // Remediation tasks
  defineRoute({
    method: 'POST',
    path: '/audits/{auditId}/findings/{findingId}/tasks',
    operationId: 'addRemediationTask',
    summary:
      'Adds a remediation task to a finding, owned by an agency role, due when the finding is (or on the date given).',
    tag: 'Remediation',
    access: 'administrators',
    params: FindingParams,
    query: NoQuery,
    body: { name: 'AddRemediationTaskRequest', schema: AddTaskInputSchema },
    response: { status: 201, body: { name: 'RemediationTask', schema: RemediationTaskSchema } },
    errors: [404, 409, 413],
    handle: ({ params, body, context }) =>
      addRemediationTask(params.auditId, params.findingId, body, context.actor),
  }),
  defineRoute({
    method: 'GET',
    path: '/audits/{auditId}/tasks',
    operationId: 'listRemediationTasks',
    summary:
      "Lists an audit's remediation tasks with their plans, revision requests and verification evidence.",
    tag: 'Remediation',
    access: 'administrators',
    params: AuditParams,
    query: NoQuery,
    response: { status: 200, body: { name: 'AuditTasks', schema: AuditTasksSchema } },
    errors: [404],
    handle: ({ params }) => listRemediationTasks(params.auditId),
  }),
  defineRoute({
    method: 'POST',
    path: '/audits/{auditId}/tasks/{taskId}/decision',
    operationId: 'decideRemediationTask',
    summary:
      "A reviewer's decision on a task: accept-plan, request-revision (with a reason), verify, close (verifies first), or cancel (with a reason). The agency is emailed where it has something to do.",
    tag: 'Remediation',
    access: 'administrators',
    params: TaskParams,
    query: NoQuery,
    body: { name: 'TaskDecisionRequest', schema: TaskDecisionInputSchema },
    response: { status: 200, body: { name: 'RemediationTask', schema: RemediationTaskSchema } },
    errors: [404, 409, 413],
    handle: ({ params, body, context }) =>
      decideRemediationTask(params.auditId, params.taskId, body, context.actor),
  }),

  // Reports
  defineRoute({
    // POST: it builds and stores a new report, and issuing its URLs is an access recorded in the trail.
    method: 'POST',
    path: '/audits/{auditId}/report',
    operationId: 'createAuditReport',
    summary:
      'Builds and stores (under Object Lock) a fresh report of the audit, answering each file with a five-minute download URL.',
    tag: 'Reports',
    access: 'administrators',
    params: AuditParams,
    query: NoQuery,
    response: { status: 200, body: { name: 'ReportDownloads', schema: ReportDownloadsSchema } },
    errors: [404],
    handle: ({ params, context }) => createReportDownloads(params.auditId, context.actor),
  }),

  // Upload links
  defineRoute({
    method: 'GET',
    path: '/audits/{auditId}/upload-links',
    operationId: 'listUploadLinks',
    summary: "Lists an audit's upload links with their state; never a token.",
    tag: 'Upload links',
    access: 'administrators',
    params: AuditParams,
    query: NoQuery,
    response: { status: 200, body: { name: 'UploadLinkList', schema: UploadLinkListSchema } },
    errors: [404],
    handle: async ({ params }) => ({ items: await listUploadLinks(params.auditId) }),
  }),
  defineRoute({
    method: 'POST',
    path: '/audits/{auditId}/upload-links/{role}/revoke',
    operationId: 'revokeUploadLinks',
    summary: "Withdraws every live upload link of one contact role of the audit's agency, at once.",
    tag: 'Upload links',
    access: 'administrators',
    params: RoleParams,
    query: NoQuery,
    body: { name: 'RevokeUploadLinksRequest', schema: RevokeUploadLinksBodySchema },
    response: { status: 200, body: { name: 'RevokedUploadLinks', schema: RevokedUploadLinksSchema } },
    errors: [404, 409, 413],
    handle: async ({ params, body, context }) => ({
      revoked: await revokeUploadLinks(params.auditId, params.role, body.reason, context.actor),
    }),
  }),
  defineRoute({
    method: 'POST',
    path: '/audits/{auditId}/upload-links/{role}/reissue',
    operationId: 'reissueUploadLink',
    summary: "Withdraws a role's upload links and emails the role's contacts a new one.",
    tag: 'Upload links',
    access: 'administrators',
    params: RoleParams,
    query: NoQuery,
    response: { status: 201, body: { name: 'UploadLink', schema: UploadLinkSummarySchema } },
    errors: [404, 409],
    handle: ({ params, context }) => reissueUploadLink(params.auditId, params.role, context.actor),
  }),

  // Documentation
  defineRoute({
    method: 'GET',
    path: '/openapi.json',
    operationId: 'getOpenApiDocument',
    summary: 'This API as an OpenAPI 3.1 document, generated from the route table and its schemas.',
    tag: 'Documentation',
    access: 'documentation',
    params: NoParams,
    query: NoQuery,
    response: { status: 200, body: { name: 'OpenApiDocument', schema: OpenApiDocumentSchema } },
    errors: [],
    async handle({ context }) {
      // Built on first use: generating JSON Schema for every route costs milliseconds a cold start need not pay.
      openApiDocument ??= buildOpenApiDocument(adminApiRoutes);
      return context.baseUrl ? { ...openApiDocument, servers: [{ url: context.baseUrl }] } : openApiDocument;
    },
  }),
];
