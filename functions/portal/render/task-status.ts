import type { UploadFindingSeverity, UploadPageTask, UploadTaskStatus } from '../upload-page-view.js';

/**
 * A remediation task's state in the words the agency reads. The page hands this table to the script too, which
 * updates a task's status after a plan is sent without a second copy of the wording.
 */
export const TASK_STATUS_LABELS: Readonly<Record<UploadTaskStatus, string>> = {
  'awaiting-plan': 'Waiting for your corrective action plan',
  'plan-submitted': 'Plan received — awaiting review',
  'revision-requested': 'Plan sent back — please revise it',
  'plan-accepted': 'Plan accepted — send evidence of the fix when it is done',
  verified: 'Fix verified by the reviewer',
  closed: 'Closed — nothing more is needed',
  cancelled: 'Cancelled — nothing more is needed',
};

export const SEVERITY_LABELS: Readonly<Record<UploadFindingSeverity, string>> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

/** Why a task offers neither a plan form nor an upload, in the reader's terms. */
export function whyNoTaskAction(task: Pick<UploadPageTask, 'status'>): string {
  switch (task.status) {
    case 'awaiting-plan':
    case 'revision-requested':
      return 'This audit no longer takes corrective action plans. Contact an administrator below if you still need to send one.';
    case 'plan-submitted':
      return 'The reviewer has your plan. You will get an email when it is accepted or sent back for changes.';
    case 'plan-accepted':
      return 'Evidence of the fix cannot be uploaded here for this finding. Contact an administrator below to send it another way.';
    case 'verified':
      return 'The reviewer verified the fix. The finding will be closed; nothing more is needed from you.';
    default:
      return 'Nothing more is needed for this finding.';
  }
}
