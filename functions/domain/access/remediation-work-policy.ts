import { evidenceRequestId } from '../ids.js';
import { REMEDIATION_TASK_LIFECYCLE } from '../lifecycle/remediation-task.js';
import type { Audit } from '../schemas/audit.js';
import type { Finding, RemediationTaskStatus } from '../schemas/finding.js';

/*
 * When an agency may work on its remediation tasks through its upload link: the rules the plan submission, the
 * verification upload, the ingest and the upload page decide by, written once.
 */

/** The most steps a corrective action plan may list. */
export const MAX_PLAN_STEPS = 20;

/** Findings are raised in review; the agency plans and fixes while the audit is in review or remediation. */
export const REMEDIATION_WORK_AUDIT_STATUSES: readonly Audit['status'][] = ['in-review', 'remediation'];

export const auditTakesRemediationWork = (status: Audit['status']): boolean =>
  REMEDIATION_WORK_AUDIT_STATUSES.includes(status);

/** A plan is taken while the task waits for one, or after the reviewer asked for a revision (the lifecycle's rule). */
export const taskTakesPlan = (status: RemediationTaskStatus): boolean =>
  REMEDIATION_TASK_LIFECYCLE.transitions['submit-plan'].from.includes(status);

/** Evidence of the fix is taken once the plan is accepted, until the reviewer verifies it (the lifecycle's rule). */
export const taskTakesVerificationEvidence = (status: RemediationTaskStatus): boolean =>
  REMEDIATION_TASK_LIFECYCLE.transitions.verify.from.includes(status);

/**
 * Where a task's verification evidence is filed: the request for its finding's requirement in the task's audit.
 * Undefined for a finding about no requirement: there is nowhere to file it.
 */
export const verificationRequestId = (
  auditId: string,
  finding: Pick<Finding, 'requirementId'>,
): string | undefined =>
  finding.requirementId ? evidenceRequestId(auditId, finding.requirementId) : undefined;
