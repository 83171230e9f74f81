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

/** The JSON the status path answers: each request's state, for the page to refresh after an upload. */
export interface UploadStatusView {
  readonly requests: readonly Pick<
    UploadPageRequest,
    'requestId' | 'status' | 'uploadable' | 'flagReason' | 'currentEvidence' | 'lastRejection'
  >[];
}

/** The JSON the authorize path answers on success. */
export interface UploadAuthorizationView {
  readonly requestId: string;
  /** POST a multipart form here: every field, then the file last, as the field named `file`. */
  readonly url: string;
  readonly fields: Readonly<Record<string, string>>;
  readonly key: string;
  readonly expiresAt: string;
  readonly maxBytes: number;
}
