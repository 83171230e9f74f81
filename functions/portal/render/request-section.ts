import { htmlEscape } from 'escape-goat';
import type {
  UploadPagePreviousOutcome,
  UploadPageReceipt,
  UploadPageRejection,
  UploadPageRequest,
  UploadRequestStatus,
} from '../upload-page-view.js';
import { acceptAttribute, describeAcceptedFileTypes, extensionTypes } from './accepted-file-types.js';
import { joinLines, jsonAttribute } from './html.js';
import { formatByteSize, formatInstant, formatLocalDate } from './human-formats.js';
import { REQUEST_STATUS_LABELS, whyNotUploadable } from './request-status.js';

export interface RequestSectionContext {
  /** 1-based position: element ids are built from it, never from the request id, so they stay valid tokens. */
  readonly position: number;
  readonly count: number;
  readonly timeZone: string;
  readonly maxUploadBytes: number;
}

/** A term and its (already escaped) definition in a facts list. */
export const fact = (term: string, definition: string, id?: string) =>
  `<div><dt>${htmlEscape(term)}</dt><dd${id ? htmlEscape` id="${id}"` : ''}>${definition}</dd></div>`;

function flagNotice(reason: string | undefined): string {
  if (!reason) return '';
  return htmlEscape`<div class="notice notice-returned" data-role="flag-notice">
<h4>Why it was returned</h4>
<p>${reason}</p>
</div>`;
}

export function receiptBlock(
  receipt: UploadPageReceipt | undefined,
  timeZone: string,
  heading = 'File on record',
): string {
  if (!receipt) return '';
  return `<div class="receipt" data-role="evidence-on-record">
${htmlEscape`<h4>${heading}</h4>`}
<dl class="facts">
${fact('File name', htmlEscape(receipt.fileName))}
${fact('Size', htmlEscape(formatByteSize(receipt.sizeBytes)))}
${fact('SHA-256 fingerprint', htmlEscape`<code class="hash">${receipt.sha256}</code>`)}
${fact('Received', htmlEscape(formatInstant(receipt.receivedAt, timeZone)))}
</dl>
</div>`;
}

export function rejectionNotice(
  rejection: UploadPageRejection | undefined,
  timeZone: string,
  again: boolean,
): string {
  if (!rejection) return '';
  const file = rejection.fileName ? htmlEscape`“${rejection.fileName}”` : 'A file';
  const reasons = rejection.reasons.map((reason) => htmlEscape`<li>${reason}</li>`).join('\n');
  return joinLines(
    '<div class="notice notice-rejected" data-role="rejection-notice">',
    '<h4>The last upload was not accepted</h4>',
    `<p>${file} could not be recorded (checked ${htmlEscape(formatInstant(rejection.at, timeZone))}):</p>`,
    `<ul>\n${reasons}\n</ul>`,
    again ? '<p>Please upload the file again.</p>' : '',
    '</div>',
  );
}

export interface UploadAreaOptions {
  /** Element id prefix, e.g. request-2 (built from positions, never from ids). */
  readonly id: string;
  /** How the labels name the item, e.g. "item 2". */
  readonly item: string;
  /** What the file is for: a requested item, or a remediation task's evidence of the fix. */
  readonly target: { readonly requestId: string } | { readonly taskId: string };
  readonly acceptedContentTypes: readonly string[];
  readonly maxUploadBytes: number;
  readonly lastRejectionAt: string | undefined;
}

/** The file picker and its progress, status and receipt parts, which the script wires up (hidden without it). */
export function renderUploadArea(options: UploadAreaOptions): string {
  const { id, item } = options;
  const target =
    'taskId' in options.target
      ? htmlEscape`data-task-id="${options.target.taskId}"`
      : htmlEscape`data-request-id="${options.target.requestId}"`;
  return `<p class="upload-needs-script" data-role="upload-needs-script">Uploading needs JavaScript: see the note at the top of the page.</p>
<div class="upload-area" data-role="upload-area" hidden>
<form class="upload-form" ${target}${htmlEscape` data-max-bytes="${String(options.maxUploadBytes)}"`} data-accepted-types="${jsonAttribute(options.acceptedContentTypes)}" data-extension-types="${jsonAttribute(extensionTypes(options.acceptedContentTypes))}"${htmlEscape` data-last-rejection-at="${options.lastRejectionAt ?? ''}">`}
${htmlEscape`<label for="${id}-file">Choose the file for ${item}</label>`}
${htmlEscape`<input type="file" id="${id}-file" name="file" required accept="${acceptAttribute(options.acceptedContentTypes)}" aria-describedby="${id}-types ${id}-limit">`}
${htmlEscape`<button type="submit">Upload<span class="visually-hidden"> the file for ${item}</span></button>`}
</form>
<div class="upload-progress" data-role="progress-area" hidden>
${htmlEscape`<progress id="${id}-progress" data-role="progress" max="100" value="0" aria-label="Upload progress for ${item}"></progress>`}
<span data-role="progress-text">0%</span>
</div>
${htmlEscape`<p class="upload-status" id="${id}-status" data-role="upload-status" role="status" aria-live="polite"></p>`}
<div class="upload-receipt" data-role="upload-receipt" hidden></div>
</div>`;
}

/** How the previous audit's outcome reads in a sentence: "accepted", "returned, never accepted", ... */
const PREVIOUS_OUTCOME: Readonly<Record<UploadRequestStatus, string>> = {
  accepted: 'accepted',
  flagged: 'returned, not accepted',
  submitted: 'received, not reviewed',
  resubmitted: 'received, not reviewed',
  requested: 'not provided',
};

/** Roll-over: the same item in the previous audit, so the agency knows what it sent last time. */
function lastAuditLine(previous: UploadPagePreviousOutcome | undefined): string {
  if (!previous) return '';
  const outcome = PREVIOUS_OUTCOME[previous.status] ?? previous.status;
  return previous.fileName
    ? htmlEscape`<p class="last-audit" data-role="last-audit">Last audit: ${previous.fileName} (${outcome})</p>`
    : htmlEscape`<p class="last-audit" data-role="last-audit">Last audit: no file (${outcome})</p>`;
}

/** One requested item: what to provide, where it stands, and a form when the link may upload to it. */
export function renderRequestSection(request: UploadPageRequest, context: RequestSectionContext): string {
  const id = `request-${context.position}`;
  const status = REQUEST_STATUS_LABELS[request.status] ?? request.status;
  const action = request.uploadable
    ? renderUploadArea({
        id,
        item: `item ${context.position}`,
        target: { requestId: request.requestId },
        acceptedContentTypes: request.acceptedContentTypes,
        maxUploadBytes: context.maxUploadBytes,
        lastRejectionAt: request.lastRejection?.at,
      })
    : htmlEscape`<p class="closed-note">${whyNotUploadable(request.status)}</p>`;
  return joinLines(
    htmlEscape`<article class="request" id="${id}" data-request-id="${request.requestId}" aria-labelledby="${id}-heading">`,
    htmlEscape`<h3 id="${id}-heading"><span class="item-number">Item ${String(context.position)} of ${String(context.count)}:</span> ${request.description}</h3>`,
    '<dl class="facts">',
    fact(
      'Status',
      htmlEscape`<span class="status status-${request.status}" data-role="status-text">${status}</span>`,
    ),
    fact('Due', htmlEscape(formatLocalDate(request.dueDate))),
    fact(
      'Accepted file types',
      htmlEscape(describeAcceptedFileTypes(request.acceptedContentTypes)),
      `${id}-types`,
    ),
    fact('Size limit', htmlEscape(`${formatByteSize(context.maxUploadBytes)} per file`), `${id}-limit`),
    fact('Requirement', htmlEscape`<code>${request.requirementId}</code>`),
    '</dl>',
    lastAuditLine(request.lastAudit),
    flagNotice(request.status === 'flagged' ? request.flagReason : undefined),
    receiptBlock(request.currentEvidence, context.timeZone),
    rejectionNotice(request.lastRejection, context.timeZone, request.uploadable),
    action,
    '</article>',
  );
}
