/*
 * What the agency's upload page shows, as plain data. The portal service builds it from the link's scope;
 * the renderer turns it into HTML. Nothing here is secret except `token`, which the page needs to ask for
 * presigned POSTs and never writes anywhere but into its own form.
 */

export type UploadRequestStatus = 'requested' | 'submitted' | 'accepted' | 'flagged' | 'resubmitted';

export interface UploadPageReceipt {
  readonly evidenceId: string;
  readonly fileName: string;
  readonly sha256: string;
  readonly sizeBytes: number;
  /** ISO instant the system recorded the file. */
  readonly receivedAt: string;
}

export interface UploadPageRejection {
  readonly fileName?: string;
  /** ISO instant the upload was checked and refused. */
  readonly at: string;
  readonly reasons: readonly string[];
}

export interface UploadPageRequest {
  readonly requestId: string;
  /** What to provide, from the catalog's evidence requirement. */
  readonly description: string;
  readonly requirementId: string;
  readonly status: UploadRequestStatus;
  /** Local due date, YYYY-MM-DD, in the audit's time zone. */
  readonly dueDate: string;
  /** MIME types, lower case, e.g. application/pdf; `image/*` style wildcards are possible. */
  readonly acceptedContentTypes: readonly string[];
  /** True while the link may upload to this request (status requested or flagged, audit collecting). */
  readonly uploadable: boolean;
  /** The reviewer's reason, shown when the request is flagged. */
  readonly flagReason?: string;
  /** The evidence currently standing for the request, if any. */
  readonly currentEvidence?: UploadPageReceipt;
  /** The most recent upload refused at ingest (hash, size or type mismatch), if any since the current evidence. */
  readonly lastRejection?: UploadPageRejection;
  /** Roll-over: how the same item ended in the program's previous audit, for the agency to start from. */
  readonly lastAudit?: UploadPagePreviousOutcome;
}

export interface UploadPagePreviousOutcome {
  readonly status: UploadRequestStatus;
  /** The file that stood for the item then, if any. */
  readonly fileName?: string;
}

export type UploadTaskStatus =
  | 'awaiting-plan'
  | 'plan-submitted'
  | 'revision-requested'
  | 'plan-accepted'
  | 'verified'
  | 'closed'
  | 'cancelled';

export type UploadFindingSeverity = 'critical' | 'high' | 'medium' | 'low';

export interface UploadPagePlan {
  readonly summary: string;
  readonly steps: readonly string[];
  /** YYYY-MM-DD: when the agency expects the corrective action done. */
  readonly targetDate: string;
  /** ISO instant the plan was submitted. */
  readonly submittedAt: string;
}

/** A remediation task of the link's audit: the finding it corrects and what the agency owes on it. */
export interface UploadPageTask {
  readonly taskId: string;
  readonly status: UploadTaskStatus;
  /** Local due date, YYYY-MM-DD. */
  readonly dueDate: string;
  readonly finding: {
    readonly title: string;
    readonly severity: UploadFindingSeverity;
    readonly description: string;
    /** The same requirement had a finding in the previous audit. */
    readonly repeat: boolean;
  };
  /** The reviewer's latest reason for asking for a revised plan, if any. */
  readonly revisionReason?: string;
  /** The plan on record (the one under review, accepted, or sent back). */
  readonly plan?: UploadPagePlan;
  /** True while the link may submit a plan (task awaiting one or sent back, audit in review or remediation). */
  readonly planEditable: boolean;
  /** True while the link may upload evidence of the fix (plan accepted, audit in review or remediation). */
  readonly verificationUploadable: boolean;
  /** MIME types the verification evidence may have (its finding's request's). */
  readonly acceptedContentTypes: readonly string[];
  /** Evidence of the fix received so far, oldest first. */
  readonly verificationEvidence: readonly UploadPageReceipt[];
  /** The most recent verification upload refused at ingest, if any since the latest evidence. */
  readonly lastRejection?: UploadPageRejection;
}

export interface UploadPageRemediation {
  readonly tasks: readonly UploadPageTask[];
  /** Where the page POSTs plans (JSON); a path on the same origin. */
  readonly planPath: string;
  /** Today in the audit's time zone, YYYY-MM-DD: the earliest target date a plan may give. */
  readonly today: string;
  /** The most steps a plan may list. */
  readonly maxPlanSteps: number;
}

export interface UploadPageView {
  readonly agency: { readonly name: string; readonly ori: string };
  readonly audit: {
    readonly auditId: string;
    /** The program's title from the catalog, e.g. "CLETS biennial compliance audit". */
    readonly programTitle: string;
    readonly periodKey: string;
    readonly dueDate: string;
    readonly timeZone: string;
    /** open, collecting, in-review, ... */
    readonly status: string;
  };
  readonly link: {
    /** The link's token: the page sends it back with every authorization request. */
    readonly token: string;
    readonly expiresAt: string;
    /** The contact role the link was sent to (tac, laso, agency-head, alternate). */
    readonly role: string;
  };
  readonly requests: readonly UploadPageRequest[];
  /** The audit's remediation tasks, when it has any. */
  readonly remediation?: UploadPageRemediation;
  /** The deployment's upload size limit in bytes. */
  readonly maxUploadBytes: number;
  /** Whom to contact: the state's audit administrators. */
  readonly contactEmails: readonly string[];
  /** Where the page POSTs declarations (JSON) for a presigned POST; a path on the same origin. */
  readonly authorizePath: string;
  /** Where the page reads the requests' current status (JSON) after an upload; a path on the same origin. */
  readonly statusPath: string;
  /** Where the page's script and stylesheet are served; a path on the same origin, no trailing slash. */
  readonly assetsPath: string;
}

export type UploadLinkDenialReason = 'unknown' | 'expired' | 'revoked' | 'locked';

export interface UploadLinkDeniedView {
  readonly reason: UploadLinkDenialReason;
  /** Whom to contact for a new link: the state's audit administrators. Never anything about an agency. */
  readonly contactEmails: readonly string[];
  readonly assetsPath: string;
}

/** The JSON the status path answers: each request's and task's state, for the page to refresh after an action. */
export interface UploadStatusView {
  readonly requests: readonly Pick<
    UploadPageRequest,
    'requestId' | 'status' | 'uploadable' | 'flagReason' | 'currentEvidence' | 'lastRejection'
  >[];
  readonly tasks: readonly UploadStatusTask[];
}

export type UploadStatusTask = Pick<
  UploadPageTask,
  | 'taskId'
  | 'status'
  | 'dueDate'
  | 'revisionReason'
  | 'plan'
  | 'planEditable'
  | 'verificationUploadable'
  | 'verificationEvidence'
  | 'lastRejection'
>;

/** The JSON the authorize path answers on success. */
export interface UploadAuthorizationView {
  readonly requestId: string;
  /** Set when the file is verification evidence for a remediation task. */
  readonly taskId?: string;
  /** POST a multipart form here: every field, then the file last, as the field named `file`. */
  readonly url: string;
  readonly fields: Readonly<Record<string, string>>;
  readonly key: string;
  readonly expiresAt: string;
  readonly maxBytes: number;
}
