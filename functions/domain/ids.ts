import { DomainError } from './errors.js';

/*
 * Deterministic ids. Everything that can be planned or retried gets an id built from what it is, not
 * from a random source, so a repeated write is a conditional-put no-op and a repeated Step Functions
 * start collides on the execution name. Parts never contain '_' (ORIs are alphanumeric, programs and
 * requirements are kebab-case, period keys use '-'), so ids split back cleanly.
 */

function checkPart(name: string, value: string): string {
  if (!/^[A-Za-z0-9-]+$/.test(value)) {
    throw new DomainError(
      `${name} '${value}' cannot be part of an id: use letters, digits and hyphens only.`,
    );
  }
  return value;
}

export function enrollmentId(ori: string, programId: string): string {
  return `enr_${checkPart('ORI', ori)}_${checkPart('programId', programId)}`;
}

/** aud_<ORI>_<programId>_<periodKey>: one audit per agency, program and period. */
export function auditId(ori: string, programId: string, periodKey: string): string {
  return `aud_${checkPart('ORI', ori)}_${checkPart('programId', programId)}_${checkPart('periodKey', periodKey)}`;
}

export interface AuditIdParts {
  ori: string;
  programId: string;
  periodKey: string;
}

export function parseAuditId(id: string): AuditIdParts {
  const [prefix, ori, programId, periodKey, ...rest] = id.split('_');
  if (prefix !== 'aud' || !ori || !programId || !periodKey || rest.length > 0) {
    throw new DomainError(`'${id}' is not an audit id (aud_<ORI>_<programId>_<periodKey>).`);
  }
  return { ori, programId, periodKey };
}

function auditSuffix(id: string): string {
  parseAuditId(id);
  return id.slice('aud_'.length);
}

export function evidenceRequestId(forAuditId: string, requirementId: string): string {
  return `req_${auditSuffix(forAuditId)}_${checkPart('requirementId', requirementId)}`;
}

/** The same bytes uploaded twice for the same request are the same evidence. */
export function evidenceId(requestId: string, sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256))
    throw new DomainError('evidenceId needs a lowercase hex SHA-256 digest.');
  return `evd_${requestId.replace(/^req_/, '')}_${sha256.slice(0, 32)}`;
}

/**
 * Evidence of a remediation task's fix, named by the task: the same bytes sent for the task and for the
 * request it is stored under stay two pieces of evidence, and the same bytes sent twice for the task are one.
 */
export function verificationEvidenceId(taskId: string, sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256))
    throw new DomainError('verificationEvidenceId needs a lowercase hex SHA-256 digest.');
  if (!/^rem_[A-Za-z0-9_-]+$/.test(taskId))
    throw new DomainError(`'${taskId}' is not a remediation task id.`);
  return `evd_${taskId}_${sha256.slice(0, 32)}`;
}

export function findingId(forAuditId: string, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1)
    throw new DomainError('finding sequence must be 1 or more.');
  return `fnd_${auditSuffix(forAuditId)}_${String(sequence).padStart(3, '0')}`;
}

export function remediationTaskId(forFindingId: string, sequence = 1): string {
  if (!Number.isInteger(sequence) || sequence < 1) throw new DomainError('task sequence must be 1 or more.');
  return `rem_${forFindingId.replace(/^fnd_/, '')}_${String(sequence).padStart(2, '0')}`;
}

/** One notification per subject and schedule step: a retried send finds the record already there. */
export function notificationId(subjectId: string, stepKey: string): string {
  return `ntf_${subjectId}_${checkPart('stepKey', stepKey)}`;
}
