import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { agencyPartition, keys } from '../../functions/adapters/dynamodb/keys.js';
import type { Repository } from '../../functions/adapters/dynamodb/repository.js';
import { addDays, type LocalDate } from '../../functions/domain/calendar/local-date.js';
import { endOfLocalDay } from '../../functions/domain/calendar/time-zones.js';
import {
  auditId,
  enrollmentId,
  evidenceRequestId,
  findingId,
  remediationTaskId,
} from '../../functions/domain/ids.js';
import type { Agency } from '../../functions/domain/schemas/agency.js';
import type { Audit, AuditStatus } from '../../functions/domain/schemas/audit.js';
import type { EvidenceRequest, EvidenceRequestStatus } from '../../functions/domain/schemas/evidence.js';
import type { RemediationTaskStatus } from '../../functions/domain/schemas/finding.js';
import type { TrailEventDraft } from '../../functions/domain/schemas/trail-event.js';

/*
 * Open work for the daily digest's tests and benchmark: agencies, audits in any status with their evidence
 * requests, flagged requests and remediation tasks, written through the repository as the product writes
 * them; and agencies with nothing open, written in bulk (their items are never read by the digest).
 */

export const DIGEST_ZONE = 'America/Los_Angeles';
const CREATED_AT = '2026-01-05T16:00:00.000Z';
const seeder = { type: 'system' as const, id: 'digest-fixtures' };

const event = (streamId: string, type: string, subjectId: string): TrailEventDraft => ({
  type,
  at: CREATED_AT,
  actor: seeder,
  subject: { type: type.split('.')[0] as TrailEventDraft['subject']['type'], id: subjectId },
  streamId,
  payload: {},
});

/** The deadline instant of a local due date: its last millisecond in Los Angeles. */
export const dueAtOf = (date: LocalDate) => endOfLocalDay(date, DIGEST_ZONE).toISOString();

export function agencyFixture(ori: string, name: string): Omit<Agency, 'version'> {
  const email = (role: string) => `${role}@${ori.toLowerCase()}.example.gov`;
  return {
    ori,
    name,
    county: 'Fresno',
    agencyType: 'criminal-justice-agency',
    contacts: [
      { role: 'tac', name: 'Terry Coordinator', email: email('tac') },
      { role: 'laso', name: 'Lee Security', email: email('laso') },
      { role: 'agency-head', name: 'Avery Chief', email: email('chief') },
    ],
    agencyId: `agy_${ori}`,
    createdAt: CREATED_AT,
    updatedAt: CREATED_AT,
  };
}

export async function registerFixtureAgency(repository: Repository, ori: string, name: string) {
  const agency = agencyFixture(ori, name);
  await repository.agencies.createAgency(
    agency,
    event(agency.agencyId, 'agency.registered', agency.agencyId),
  );
}

export interface SeededRequest {
  readonly requirementId: string;
  readonly status?: EvidenceRequestStatus;
  readonly flagReason?: string;
  /** When it was flagged (decidedAt). */
  readonly decidedAt?: string;
}

export interface SeededAuditSpec {
  readonly ori: string;
  /** The agency's name copied onto the audit and requests, as scheduling does; absent for older data. */
  readonly agencyName?: string;
  readonly periodKey: string;
  readonly status: AuditStatus;
  readonly dueDate: LocalDate;
  readonly requests: readonly SeededRequest[];
  readonly programId?: string;
}

/** An audit in any status with its requests, created and moved along through the repository. */
export async function seedAudit(repository: Repository, spec: SeededAuditSpec): Promise<Audit> {
  const { audits } = repository;
  const programId = spec.programId ?? 'account-review';
  const id = auditId(spec.ori, programId, spec.periodKey);
  const dueAt = dueAtOf(spec.dueDate);
  const named = spec.agencyName ? { agencyName: spec.agencyName } : {};
  const { audit } = await audits.createAudit(
    {
      auditId: id,
      ori: spec.ori,
      ...named,
      programId,
      enrollmentId: enrollmentId(spec.ori, programId),
      periodKey: spec.periodKey,
      catalogVersion: '2026.1',
      status: spec.status,
      nominalDate: spec.dueDate,
      dueDate: spec.dueDate,
      dueAt,
      opensAt: endOfLocalDay(addDays(spec.dueDate, -31), DIGEST_ZONE).toISOString(),
      timeZone: DIGEST_ZONE,
      responsibleRole: 'tac',
      createdAt: CREATED_AT,
      updatedAt: CREATED_AT,
    },
    event(id, 'audit.scheduled', id),
  );
  for (const request of spec.requests) {
    const requestId = evidenceRequestId(id, request.requirementId);
    const status = request.status ?? 'requested';
    const { request: created } = await audits.createEvidenceRequest(
      {
        requestId,
        auditId: id,
        ori: spec.ori,
        ...named,
        programId,
        requirementId: request.requirementId,
        description: `Evidence for ${request.requirementId}`,
        acceptedContentTypes: ['application/pdf'],
        status: status === 'flagged' ? 'submitted' : status,
        dueDate: spec.dueDate,
        dueAt,
        submissionCount: status === 'requested' ? 0 : 1,
        ...(status === 'requested' ? {} : { currentEvidenceId: `evd_${requestId.slice(4)}_x` }),
        createdAt: CREATED_AT,
        updatedAt: CREATED_AT,
      },
      event(id, 'evidence-request.created', requestId),
    );
    // A flagged request was submitted first, then flagged by a reviewer: the way the product gets there.
    if (status === 'flagged') await flagRequest(repository, created, request);
  }
  return audit;
}

async function flagRequest(repository: Repository, request: EvidenceRequest, spec: SeededRequest) {
  const decidedAt = spec.decidedAt ?? CREATED_AT;
  await repository.audits.saveEvidenceRequest(
    request,
    {
      ...request,
      status: 'flagged',
      flagReason: spec.flagReason ?? 'The signature page is missing',
      decidedAt,
      updatedAt: decidedAt,
    },
    event(request.auditId, 'evidence-request.flagged', request.requestId),
  );
}

/** A remediation task (a corrective action plan owed) for a finding of the audit, created through the repository. */
export async function seedRemediationTask(
  repository: Repository,
  audit: Pick<Audit, 'auditId' | 'ori' | 'agencyName'>,
  dueDate: LocalDate,
  status: RemediationTaskStatus = 'awaiting-plan',
) {
  const finding = findingId(audit.auditId, 1);
  const taskId = remediationTaskId(finding);
  const { task } = await repository.audits.createRemediationTask(
    {
      taskId,
      findingId: finding,
      auditId: audit.auditId,
      ori: audit.ori,
      ...(audit.agencyName ? { agencyName: audit.agencyName } : {}),
      ownerRole: 'laso',
      dueDate,
      dueAt: dueAtOf(dueDate),
      status,
      revisionRequests: [],
      verificationEvidenceIds: [],
      createdAt: CREATED_AT,
      updatedAt: CREATED_AT,
    },
    event(audit.auditId, 'remediation-task.created', taskId),
  );
  return task;
}

const BATCH_WRITE_SIZE = 25;

/**
 * Agencies with nothing open, written straight to the table in batches (no trail: nothing here reads it): each
 * an agency profile, an active enrollment and last cycle's closed audit, shaped as the repository stores them.
 * None carries due-index attributes, which is the point: the digest must not read them.
 */
export async function writeIdleAgencies(
  client: DynamoDBDocumentClient,
  tableName: string,
  oris: readonly string[],
  concurrency = 16,
): Promise<number> {
  const items = oris.flatMap((ori) => {
    const id = auditId(ori, 'account-review', '2025');
    return [
      {
        ...keys.agency(ori),
        entity: 'Agency',
        ...agencyFixture(ori, `Idle Agency ${ori}`),
        collectionKey: 'AGENCIES',
        collectionSortKey: ori,
        version: 1,
      },
      {
        ...keys.enrollment(ori, 'account-review'),
        entity: 'Enrollment',
        enrollmentId: enrollmentId(ori, 'account-review'),
        ori,
        programId: 'account-review',
        anchorDate: '2025-03-03',
        timeZone: DIGEST_ZONE,
        status: 'active',
        createdAt: CREATED_AT,
        updatedAt: CREATED_AT,
        version: 1,
      },
      {
        ...keys.audit(id),
        entity: 'Audit',
        auditId: id,
        ori,
        programId: 'account-review',
        periodKey: '2025',
        catalogVersion: '2026.1',
        status: 'closed',
        nominalDate: '2025-03-03',
        dueDate: '2025-03-03',
        dueAt: dueAtOf('2025-03-03'),
        opensAt: dueAtOf('2025-02-01'),
        timeZone: DIGEST_ZONE,
        responsibleRole: 'tac',
        createdAt: CREATED_AT,
        updatedAt: CREATED_AT,
        closedAt: CREATED_AT,
        collectionKey: agencyPartition(ori),
        collectionSortKey: `${dueAtOf('2025-03-03')}#${id}`,
        statusKey: 'AUDITS#closed',
        statusSortKey: `${dueAtOf('2025-03-03')}#${id}`,
        version: 4,
      },
    ];
  });
  const batches: Record<string, unknown>[][] = [];
  for (let start = 0; start < items.length; start += BATCH_WRITE_SIZE) {
    batches.push(items.slice(start, start + BATCH_WRITE_SIZE));
  }
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      let pending = (batches[next++] ?? []).map((Item) => ({ PutRequest: { Item } }));
      while (pending.length > 0) {
        const output = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
        pending = (output.UnprocessedItems?.[tableName] ?? []) as typeof pending;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return items.length;
}

/** `CA` + a one-letter tag + a 6-digit number: a valid ORI per seeded agency. */
export function fixtureOri(tag: string, index: number): string {
  if (!/^[A-Z]$/.test(tag) || !Number.isInteger(index) || index < 0 || index > 999_999) {
    throw new RangeError(`fixtureOri needs one upper-case letter and 0..999999, got ${tag}, ${index}`);
  }
  return `CA${tag}${String(index).padStart(6, '0')}`;
}
