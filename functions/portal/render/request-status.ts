import type { UploadRequestStatus } from '../upload-page-view.js';

/**
 * A request's state in the words the agency reads. The page also hands this table to the script, which
 * updates an item's status after an upload without a second copy of the wording.
 */
export const REQUEST_STATUS_LABELS: Readonly<Record<UploadRequestStatus, string>> = {
  requested: 'Requested',
  submitted: 'Received — awaiting review',
  accepted: 'Accepted',
  flagged: 'Returned — please upload again',
  resubmitted: 'Re-submitted — awaiting review',
};

/** Why an item offers no upload, in the reader's terms. */
export function whyNotUploadable(status: UploadRequestStatus): string {
  switch (status) {
    case 'accepted':
      return 'The reviewer accepted this evidence. Nothing more is needed for this item.';
    case 'submitted':
    case 'resubmitted':
      return 'A file is awaiting review, so uploads are paused. If the reviewer returns it, you can upload again here.';
    case 'requested':
    case 'flagged':
      return 'This audit is no longer collecting evidence, so uploads are closed. Contact an administrator below if you still need to send this.';
    default:
      return 'Uploads are closed for this item.';
  }
}
