import type { BucketAccess, TableAccess } from './constructs/house-function.js';

/**
 * Every Lambda function of the product, declared once. The stack creates one HouseFunction per entry and
 * grants exactly the access listed here; the wiring test checks each entry file exports its handler; the
 * benchmark bundles and measures each entry.
 */
export interface FunctionSpec {
  readonly entry: string;
  readonly handlerExport: string;
  readonly description: string;
  readonly timeoutSeconds: number;
  readonly memorySize: number;
  readonly invokedAsynchronously: boolean;
  readonly access: {
    readonly table?: TableAccess;
    readonly evidenceBucket?: BucketAccess;
    /** Store close-out reports under reports/ of the evidence bucket, and read them back to presign. */
    readonly reports?: true;
    /** Start audit-lifecycle executions, and/or answer their callback tasks. */
    readonly lifecycle?: readonly ('start' | 'respond')[];
    /** Start a scheduling run (the administrators' manual run). */
    readonly schedule?: 'start';
    /** Send email through SES as the configured sender. */
    readonly email?: true;
  };
}

/** The house defaults of a workflow step: invoked synchronously by Step Functions, on the audit table. */
const workflowStep = (
  entry: string,
  description: string,
  access: Omit<FunctionSpec['access'], 'table'> = {},
): FunctionSpec => ({
  entry: `functions/handlers/workflow/${entry}.ts`,
  handlerExport: 'handler',
  description,
  timeoutSeconds: 30,
  memorySize: 512,
  invokedAsynchronously: false,
  access: { table: 'readWrite', ...access },
});

export const functionCatalog = {
  HealthCheck: {
    entry: 'functions/handlers/health-check.ts',
    handlerExport: 'handler',
    description: 'Deployment smoke test: can this stage reach its table and evidence bucket?',
    timeoutSeconds: 10,
    memorySize: 256,
    invokedAsynchronously: false,
    access: { table: 'read', evidenceBucket: 'head' },
  },
  AdminApi: {
    entry: 'functions/handlers/admin-api.ts',
    handlerExport: 'handler',
    description: 'Admin API: agencies, enrollments, audits and manual scheduling runs (behind API Gateway)',
    // API Gateway HTTP APIs give up after 30 s.
    timeoutSeconds: 29,
    memorySize: 1024,
    invokedAsynchronously: false,
    // Reads evidence only to presign an administrator's download; emails flag notices and reissued links.
    access: {
      table: 'readWrite',
      evidenceBucket: 'read',
      lifecycle: ['start', 'respond'],
      schedule: 'start',
      email: true,
      // Builds and stores a report on demand, and presigns its files.
      reports: true,
    },
  },
  AgencyPortal: {
    entry: 'functions/handlers/agency-portal.ts',
    handlerExport: 'handler',
    description:
      "Agency portal: the upload page, its files and JSON routes; presigns uploads for a link's requests (no account)",
    // Each request is a few table reads and a local signature; 15 s leaves room for a cold start and retries.
    timeoutSeconds: 15,
    // Agencies open links rarely, so most page loads meet a cold start: the CPU that comes with 1 GB shortens it.
    memorySize: 1024,
    invokedAsynchronously: false,
    // Writes token failure counts (lockout); 'write' on the bucket is PutObject under evidence/ only, which
    // is what a presigned POST signed by this role may do, and nothing more.
    access: { table: 'readWrite', evidenceBucket: 'write' },
  },
  IngestEvidence: {
    entry: 'functions/handlers/ingest-evidence.ts',
    handlerExport: 'handler',
    description: 'Evidence ingest: verify an uploaded object against its declaration and record it',
    // Re-hashing streams the whole object; a large upload takes a while at Lambda's network speed.
    timeoutSeconds: 300,
    memorySize: 1024,
    invokedAsynchronously: true,
    // Emails the agency a receipt (or the reasons an upload was refused).
    access: { table: 'readWrite', evidenceBucket: 'read', lifecycle: ['respond'], email: true },
  },
  RecordDeliveryEvent: {
    entry: 'functions/handlers/record-delivery-event.ts',
    handlerExport: 'handler',
    description: 'Proof of notice: record SES email events on their notices; reroute and report hard bounces',
    timeoutSeconds: 30,
    memorySize: 512,
    invokedAsynchronously: true,
    // Emails the administrators when an agency contact's address hard-bounces.
    access: { table: 'readWrite', email: true },
  },
  // Schedule audits
  PlanSchedulingWindow: workflowStep(
    'plan-scheduling-window',
    'Schedule audits: the window since the last run',
  ),
  PlanEnrollmentShard: {
    ...workflowStep(
      'plan-enrollment-shard',
      'Schedule audits: plan one shard of enrollments and start lifecycles',
      {
        lifecycle: ['start'],
      },
    ),
    // A shard pages through many enrollments and creates the day's audits: give it room.
    timeoutSeconds: 300,
    memorySize: 1024,
  },
  AdvancePlanningWatermark: workflowStep(
    'advance-planning-watermark',
    'Schedule audits: record the planned window',
  ),
  // Audit lifecycle
  OpenAudit: workflowStep('open-audit', 'Audit lifecycle: open the audit and notify the agency', {
    email: true,
  }),
  PlanNextNotice: workflowStep('plan-next-notice', 'Audit lifecycle: when the evidence wait next wakes'),
  WaitForEvidence: workflowStep(
    'wait-for-evidence',
    'Audit lifecycle: park until the evidence phase completes',
    {
      lifecycle: ['respond'],
    },
  ),
  RecordNoticesDue: workflowStep('record-notices-due', 'Audit lifecycle: record the notices now due', {
    email: true,
  }),
  StartReview: workflowStep('start-review', 'Audit lifecycle: move the audit into review'),
  WaitForReview: workflowStep('wait-for-review', 'Audit lifecycle: park until the review completes'),
  StartRemediation: workflowStep(
    'start-remediation',
    'Audit lifecycle: move an audit with findings into remediation and email its tasks',
    { email: true },
  ),
  PlanRemediationNotice: workflowStep(
    'plan-remediation-notice',
    'Audit lifecycle: when the remediation wait next wakes, or hand over',
  ),
  WaitForRemediation: workflowStep(
    'wait-for-remediation',
    'Audit lifecycle: park until every finding is closed',
    { lifecycle: ['respond'] },
  ),
  RecordRemediationNoticesDue: workflowStep(
    'record-remediation-notices-due',
    "Audit lifecycle: send remediation tasks' reminders and escalations",
    { email: true },
  ),
  ContinueInFollowUp: workflowStep(
    'continue-in-follow-up',
    'Audit lifecycle: continue a long remediation in a follow-up execution',
    { lifecycle: ['start'] },
  ),
  CloseAudit: workflowStep('close-audit', 'Audit lifecycle: close the audit and store its report', {
    reports: true,
  }),
  MarkAuditFailed: workflowStep(
    'mark-audit-failed',
    'Audit lifecycle: mark the audit failed after its workflow failed',
  ),
  // Daily digest
  SendDailyDigest: {
    // Reads the open work from the due index, records the day's notice, emails the administrators.
    ...workflowStep('send-daily-digest', 'Daily digest: compose and email the administrators’ digest', {
      email: true,
    }),
    // Tens of thousands of open items at most, read in parallel pages: give it room.
    timeoutSeconds: 120,
    memorySize: 1024,
  },
} as const satisfies Record<string, FunctionSpec>;

export type FunctionName = keyof typeof functionCatalog;
