import type { Audit } from '../../domain/schemas/audit.js';
import type { Evidence, EvidenceRequest } from '../../domain/schemas/evidence.js';
import type { Finding, RemediationTask } from '../../domain/schemas/finding.js';
import type { NotificationRecord } from '../../domain/schemas/notification.js';
import type { TrailEventDraft } from '../../domain/schemas/trail-event.js';
import type { UploadLink, UploadRejection } from '../../domain/schemas/upload-link.js';
import type { ChangeRecorder, Versioned } from './change-recorder.js';
import { dueIndexRemoval, queryOpenWorkDueBefore, readAllOpenWorkDueBefore } from './due-index.js';
import { entityChanges, mergeChanges, toEntity } from './entity-codec.js';
import type { ItemKey, ItemStore, Page } from './item-store.js';
import { agencyPartition, auditChildPrefix, auditPartition, keys } from './keys.js';
import { dueIndexChanges, FLAGGED_REQUESTS_COLLECTION, flaggedListingChanges } from './open-work.js';
import { ItemNotFoundError } from './persistence-errors.js';
import { type IndexDesign, tableDesign } from './table-design.js';

type Item = Versioned & Record<string, unknown>;

export interface AuditBundle {
  readonly audit: Audit;
  readonly requests: EvidenceRequest[];
  readonly evidence: Evidence[];
  readonly findings: Finding[];
  readonly tasks: StoredRemediationTask[];
  readonly notices: NotificationRecord[];
  readonly links: UploadLink[];
  readonly rejections: UploadRejection[];
}

/** A remediation task carries its deadline as an instant too, for the due index. */
export type StoredRemediationTask = RemediationTask & { dueAt: string };

export interface OpenWorkItem {
  readonly kind: 'Audit' | 'EvidenceRequest' | 'RemediationTask';
  readonly dueAt: string;
  readonly entity: Audit | EvidenceRequest | StoredRemediationTask;
}

/** An audit sits in its agency's collection and in its status's collection, both in due order. */
const listingAttributes = (audit: Pick<Audit, 'ori' | 'dueAt' | 'auditId' | 'status'>) => ({
  collectionKey: agencyPartition(audit.ori),
  collectionSortKey: `${audit.dueAt}#${audit.auditId}`,
  statusKey: `AUDITS#${audit.status}`,
  statusSortKey: `${audit.dueAt}#${audit.auditId}`,
});

/** Audits read per page while looking for a program's previous audit among the agency's others. */
const PREVIOUS_AUDIT_PAGE = 50;

/** A key condition on an index's sort key for an optional [from, to) range of due instants. */
function dueRange(from?: string, to?: string): { condition: string; values: Record<string, string> } {
  if (from && to)
    return { condition: ' AND #sort BETWEEN :from AND :to', values: { ':from': from, ':to': to } };
  if (from) return { condition: ' AND #sort >= :from', values: { ':from': from } };
  if (to) return { condition: ' AND #sort < :to', values: { ':to': to } };
  return { condition: '', values: {} };
}

/** Where a notice is kept: in its audit's partition, or (no audit) in the partition of its scheduled day. */
export const notificationKeyOf = (
  notice: Pick<NotificationRecord, 'notificationId' | 'auditId' | 'scheduledFor'>,
): ItemKey =>
  notice.auditId
    ? keys.notification(notice.auditId, notice.notificationId)
    : keys.standaloneNotification(notice.scheduledFor.slice(0, 10), notice.notificationId);

/**
 * Audits and everything in an audit's partition: evidence requests, evidence, findings, remediation
 * tasks and notices. Every state change goes through the ChangeRecorder, so it is paired with its trail
 * event; creates are idempotent on the deterministic ids the domain builds.
 */
export class AuditRepository {
  constructor(
    private readonly store: ItemStore,
    private readonly recorder: ChangeRecorder,
  ) {}

  // Audits

  async createAudit(
    audit: Omit<Audit, 'version'>,
    event: TrailEventDraft,
  ): Promise<{ created: boolean; audit: Audit }> {
    const key = keys.audit(audit.auditId);
    const result = await this.recorder.create<Item>(
      {
        ...key,
        entity: 'Audit',
        ...audit,
        ...listingAttributes(audit),
        ...dueIndexChanges('audit', key, audit.status, audit.dueAt).set,
      },
      event,
    );
    return { created: result.created, audit: toEntity<Audit>(result.item) };
  }

  async getAudit(auditId: string): Promise<Audit | undefined> {
    return this.getEntity<Audit>(keys.audit(auditId));
  }

  async requireAudit(auditId: string): Promise<Audit> {
    const audit = await this.getAudit(auditId);
    if (!audit) throw new ItemNotFoundError('Audit', auditId);
    return audit;
  }

  /** Writes the outcome of a domain transition: only the fields that changed, guarded by the version read. */
  async saveAudit(before: Audit, after: Audit, event: TrailEventDraft): Promise<Audit> {
    const key = keys.audit(before.auditId);
    const changes = mergeChanges(
      entityChanges(before, after),
      dueIndexChanges('audit', key, after.status, after.dueAt),
      before.dueAt !== after.dueAt || before.status !== after.status ? { set: listingAttributes(after) } : {},
    );
    return toEntity<Audit>(await this.recorder.update<Item>('Audit', key, before.version, changes, event));
  }

  /**
   * Workflow bookkeeping on an audit (the callback token it waits on, how far its notice schedule has been
   * handled). Not a state change of the audit, so no trail event; still versioned, so it never overwrites.
   */
  async saveAuditBookkeeping(
    before: Audit,
    changes: {
      waitingTaskToken?: string | null;
      noticesHandledThrough?: string;
      remediationNoticesHandledThrough?: string;
      execution?: NonNullable<Audit['execution']>;
    },
  ): Promise<Audit> {
    const set: Record<string, unknown> = {};
    const remove: string[] = [];
    if (changes.waitingTaskToken === null) remove.push('waitingTaskToken');
    else if (changes.waitingTaskToken !== undefined) set.waitingTaskToken = changes.waitingTaskToken;
    for (const field of ['noticesHandledThrough', 'remediationNoticesHandledThrough', 'execution'] as const) {
      if (changes[field] !== undefined) set[field] = changes[field];
    }
    const updated = await this.store.updateVersioned<Item>(
      'Audit',
      keys.audit(before.auditId),
      before.version,
      {
        set,
        remove,
      },
    );
    return toEntity<Audit>(updated);
  }

  /**
   * Takes the workflow's callback token off the audit if it is still this one: of two callers that saw the same
   * token (two last uploads at once), exactly one gets `true` and resumes the workflow.
   */
  async claimWaitingTaskToken(auditId: string, token: string): Promise<boolean> {
    const claimed = await this.store.updateIf<Item>(
      keys.audit(auditId),
      { remove: ['waitingTaskToken'] },
      { expression: '#token = :token', names: { '#token': 'waitingTaskToken' }, values: { ':token': token } },
    );
    return claimed !== undefined;
  }

  /** An agency's audits in due-date order (optionally only those due in [from, to)). */
  async listAgencyAudits(
    ori: string,
    options: { limit: number; cursor?: string; from?: string; to?: string; status?: Audit['status'] },
  ): Promise<Page<Audit>> {
    return this.listAuditsFromIndex(tableDesign.indexes.collection, agencyPartition(ori), options);
  }

  /**
   * The same program's previous audit for the agency: the latest one of `programId` due before `before`, not
   * cancelled. Reads the agency's audit collection newest-first from `before`, page by page, until one matches,
   * so the cost is the agency's audits due between the two occurrences (usually the first page), and the whole
   * older history only for a program's first audit. Eventually consistent, like every index read: an audit
   * created a moment ago may not be seen yet (the scheduler hands those in itself).
   */
  async findPreviousProgramAudit(
    ori: string,
    programId: string,
    before: string,
    options: { pageSize?: number } = {},
  ): Promise<Audit | undefined> {
    const index = tableDesign.indexes.collection;
    const range = dueRange(undefined, before);
    let cursor: string | undefined;
    do {
      const page = await this.store.query<Item>({
        indexName: index.indexName,
        keyCondition: `#partition = :partition${range.condition}`,
        names: {
          '#partition': index.partitionKey.name,
          '#sort': index.sortKey.name,
          '#program': 'programId',
          '#status': 'status',
        },
        values: {
          ':partition': agencyPartition(ori),
          ...range.values,
          ':program': programId,
          ':cancelled': 'cancelled',
        },
        filter: '#program = :program AND #status <> :cancelled',
        ascending: false,
        limit: options.pageSize ?? PREVIOUS_AUDIT_PAGE,
        cursor,
      });
      const [latest] = page.items;
      if (latest) return toEntity<Audit>(latest);
      cursor = page.cursor;
    } while (cursor);
    return undefined;
  }

  /** Audits in one lifecycle status, across agencies, in due-date order. */
  async listAuditsByStatus(
    status: Audit['status'],
    options: { limit: number; cursor?: string; from?: string; to?: string },
  ): Promise<Page<Audit>> {
    return this.listAuditsFromIndex(tableDesign.indexes.status, `AUDITS#${status}`, options);
  }

  private async listAuditsFromIndex(
    index: IndexDesign,
    partition: string,
    options: { limit: number; cursor?: string; from?: string; to?: string; status?: Audit['status'] },
  ): Promise<Page<Audit>> {
    const range = dueRange(options.from, options.to);
    const page = await this.store.query<Item>({
      indexName: index.indexName,
      keyCondition: `#partition = :partition${range.condition}`,
      names: {
        '#partition': index.partitionKey.name,
        ...(range.condition ? { '#sort': index.sortKey.name } : {}),
        ...(options.status ? { '#status': 'status' } : {}),
      },
      values: {
        ':partition': partition,
        ...range.values,
        ...(options.status ? { ':status': options.status } : {}),
      },
      filter: options.status ? '#status = :status' : undefined,
      limit: options.limit,
      cursor: options.cursor,
    });
    return {
      items: page.items.map((item) => toEntity<Audit>(item)),
      ...(page.cursor ? { cursor: page.cursor } : {}),
    };
  }

  /** One audit and all its children in a single partition Query (paged internally; an audit is bounded). */
  async getAuditBundle(auditId: string): Promise<AuditBundle | undefined> {
    const items = await this.store.queryAll<Item>({
      keyCondition: 'pk = :pk',
      values: { ':pk': auditPartition(auditId) },
      consistentRead: true,
    });
    const auditItem = items.find((item) => item.sk === 'AUDIT');
    if (!auditItem) return undefined;
    const settled = await Promise.all(items.map((item) => this.recorder.settle(item)));
    const of = <E>(prefix: string) =>
      settled.filter((item) => item.sk.startsWith(prefix)).map((item) => toEntity<E>(item));
    return {
      audit: toEntity<Audit>(settled.find((item) => item.sk === 'AUDIT') as Item),
      requests: of<EvidenceRequest>(auditChildPrefix.request),
      evidence: of<Evidence>(auditChildPrefix.evidence),
      findings: of<Finding>(auditChildPrefix.finding),
      tasks: of<StoredRemediationTask>(auditChildPrefix.task),
      notices: of<NotificationRecord>(auditChildPrefix.notice),
      links: of<UploadLink>(auditChildPrefix.link),
      rejections: of<UploadRejection>(auditChildPrefix.rejection),
    };
  }

  // Evidence requests

  async createEvidenceRequest(
    request: Omit<EvidenceRequest, 'version'>,
    event: TrailEventDraft,
  ): Promise<{ created: boolean; request: EvidenceRequest }> {
    const key = keys.evidenceRequest(request.auditId, request.requestId);
    const result = await this.recorder.create<Item>(
      {
        ...key,
        entity: 'EvidenceRequest',
        ...request,
        ...dueIndexChanges('evidence-request', key, request.status, request.dueAt).set,
        ...flaggedListingChanges(request).set,
      },
      event,
    );
    return { created: result.created, request: toEntity<EvidenceRequest>(result.item) };
  }

  async getEvidenceRequest(auditId: string, requestId: string): Promise<EvidenceRequest | undefined> {
    return this.getEntity<EvidenceRequest>(keys.evidenceRequest(auditId, requestId));
  }

  /** An audit's evidence requests only (a bounded key range of its partition), in request-id order. */
  async listEvidenceRequests(auditId: string): Promise<EvidenceRequest[]> {
    const items = await this.store.queryAll<Item>({
      keyCondition: 'pk = :pk AND begins_with(sk, :prefix)',
      values: { ':pk': auditPartition(auditId), ':prefix': auditChildPrefix.request },
    });
    return items.map((item) => toEntity<EvidenceRequest>(item));
  }

  async saveEvidenceRequest(
    before: EvidenceRequest,
    after: EvidenceRequest,
    event: TrailEventDraft,
  ): Promise<EvidenceRequest> {
    const key = keys.evidenceRequest(before.auditId, before.requestId);
    const changes = mergeChanges(
      entityChanges(before, after),
      dueIndexChanges('evidence-request', key, after.status, after.dueAt),
      // Only a request that is or was flagged touches the flagged collection.
      before.status === 'flagged' || after.status === 'flagged' ? flaggedListingChanges(after) : {},
    );
    return toEntity<EvidenceRequest>(
      await this.recorder.update<Item>('EvidenceRequest', key, before.version, changes, event),
    );
  }

  // Evidence (immutable once recorded)

  /** Idempotent: the same object version recorded twice is one piece of evidence. */
  async recordEvidence(
    evidence: Evidence,
    event: TrailEventDraft,
  ): Promise<{ created: boolean; evidence: Evidence }> {
    const key = keys.evidence(evidence.auditId, evidence.requestId, evidence.evidenceId);
    const result = await this.recorder.create<Item>({ ...key, entity: 'Evidence', ...evidence }, event);
    return { created: result.created, evidence: toEntity<Evidence>(result.item) };
  }

  async listEvidence(auditId: string, requestId?: string): Promise<Evidence[]> {
    const prefix = requestId ? `${auditChildPrefix.evidence}${requestId}#` : auditChildPrefix.evidence;
    const items = await this.store.queryAll<Item>({
      keyCondition: 'pk = :pk AND begins_with(sk, :prefix)',
      values: { ':pk': auditPartition(auditId), ':prefix': prefix },
    });
    return items.map((item) => toEntity<Evidence>(item));
  }

  // Refused uploads (immutable): the object stays in the bucket, the reasons are kept here and in the trail

  /** Idempotent on the rejection id (derived from the object version), so a redelivered event adds nothing. */
  async recordUploadRejection(
    rejection: UploadRejection,
    event: TrailEventDraft,
  ): Promise<{ created: boolean; rejection: UploadRejection }> {
    const key = keys.uploadRejection(rejection.auditId, rejection.requestId, rejection.rejectionId);
    const result = await this.recorder.create<Item>(
      { ...key, entity: 'UploadRejection', ...rejection },
      event,
    );
    const { version: _version, ...stored } = toEntity<UploadRejection & { version: number }>(result.item);
    return { created: result.created, rejection: stored };
  }

  // Upload links (the index of an audit's links; the tokens' state lives in their own items)

  async recordUploadLink(
    link: Omit<UploadLink, 'version'>,
    event: TrailEventDraft,
  ): Promise<{ created: boolean; link: UploadLink }> {
    const result = await this.recorder.create<Item>(
      { ...keys.uploadLink(link.auditId, link.linkRef), entity: 'UploadLink', ...link },
      event,
    );
    return { created: result.created, link: toEntity<UploadLink>(result.item) };
  }

  async getUploadLink(auditId: string, linkRef: string): Promise<UploadLink | undefined> {
    return this.getEntity<UploadLink>(keys.uploadLink(auditId, linkRef));
  }

  async listUploadLinks(auditId: string): Promise<UploadLink[]> {
    const items = await this.store.queryAll<Item>({
      keyCondition: 'pk = :pk AND begins_with(sk, :prefix)',
      values: { ':pk': auditPartition(auditId), ':prefix': auditChildPrefix.link },
      consistentRead: true,
    });
    const settled = await Promise.all(items.map((item) => this.recorder.settle(item)));
    return settled.map((item) => toEntity<UploadLink>(item));
  }

  async saveUploadLink(before: UploadLink, after: UploadLink, event: TrailEventDraft): Promise<UploadLink> {
    const key = keys.uploadLink(before.auditId, before.linkRef);
    return toEntity<UploadLink>(
      await this.recorder.update<Item>(
        'UploadLink',
        key,
        before.version,
        entityChanges(before, after),
        event,
      ),
    );
  }

  // Findings

  async createFinding(
    finding: Omit<Finding, 'version'>,
    event: TrailEventDraft,
  ): Promise<{ created: boolean; finding: Finding }> {
    const result = await this.recorder.create<Item>(
      { ...keys.finding(finding.auditId, finding.findingId), entity: 'Finding', ...finding },
      event,
    );
    return { created: result.created, finding: toEntity<Finding>(result.item) };
  }

  /** An audit's findings alone (one Query on the FINDING# prefix), e.g. the previous audit's, for repeats. */
  async listFindings(auditId: string): Promise<Finding[]> {
    const items = await this.store.queryAll<Item>({
      keyCondition: 'pk = :pk AND begins_with(sk, :prefix)',
      values: { ':pk': auditPartition(auditId), ':prefix': auditChildPrefix.finding },
    });
    return items.map((item) => toEntity<Finding>(item));
  }

  async getFinding(auditId: string, findingId: string): Promise<Finding | undefined> {
    return this.getEntity<Finding>(keys.finding(auditId, findingId));
  }

  async saveFinding(before: Finding, after: Finding, event: TrailEventDraft): Promise<Finding> {
    const key = keys.finding(before.auditId, before.findingId);
    return toEntity<Finding>(
      await this.recorder.update<Item>('Finding', key, before.version, entityChanges(before, after), event),
    );
  }

  // Remediation tasks

  async createRemediationTask(
    task: Omit<StoredRemediationTask, 'version'>,
    event: TrailEventDraft,
  ): Promise<{ created: boolean; task: StoredRemediationTask }> {
    const key = keys.remediationTask(task.auditId, task.taskId);
    const result = await this.recorder.create<Item>(
      {
        ...key,
        entity: 'RemediationTask',
        ...task,
        ...dueIndexChanges('remediation-task', key, task.status, task.dueAt).set,
      },
      event,
    );
    return { created: result.created, task: toEntity<StoredRemediationTask>(result.item) };
  }

  async getRemediationTask(auditId: string, taskId: string): Promise<StoredRemediationTask | undefined> {
    return this.getEntity<StoredRemediationTask>(keys.remediationTask(auditId, taskId));
  }

  async saveRemediationTask(
    before: StoredRemediationTask,
    after: StoredRemediationTask,
    event: TrailEventDraft,
  ): Promise<StoredRemediationTask> {
    const key = keys.remediationTask(before.auditId, before.taskId);
    const changes = mergeChanges(
      entityChanges(before, after),
      dueIndexChanges('remediation-task', key, after.status, after.dueAt),
    );
    return toEntity<StoredRemediationTask>(
      await this.recorder.update<Item>('RemediationTask', key, before.version, changes, event),
    );
  }

  // Notices

  /**
   * Records a notice once per audit and step (the notification id is built from them), so a retried
   * notice step finds the record and does not send twice. A notice about no audit (the administrators'
   * digest) is kept in the partition of the day it was scheduled for.
   */
  async recordNotification(
    notice: Omit<NotificationRecord, 'version'>,
    event: TrailEventDraft,
  ): Promise<{ created: boolean; notice: NotificationRecord }> {
    const result = await this.recorder.create<Item>(
      { ...notificationKeyOf(notice), entity: 'Notification', ...notice },
      event,
    );
    return { created: result.created, notice: toEntity<NotificationRecord>(result.item) };
  }

  /** A notice by what locates it: its audit, or (no audit) the day it was scheduled for. */
  async findNotification(
    notice: Pick<NotificationRecord, 'notificationId' | 'auditId' | 'scheduledFor'>,
  ): Promise<NotificationRecord | undefined> {
    return this.getEntity<NotificationRecord>(notificationKeyOf(notice));
  }

  async getNotification(auditId: string, notificationId: string): Promise<NotificationRecord | undefined> {
    return this.getEntity<NotificationRecord>(keys.notification(auditId, notificationId));
  }

  /** An audit's notices (a bounded key range of its partition), in notification-id order. */
  async listNotifications(auditId: string): Promise<NotificationRecord[]> {
    const items = await this.store.queryAll<Item>({
      keyCondition: 'pk = :pk AND begins_with(sk, :prefix)',
      values: { ':pk': auditPartition(auditId), ':prefix': auditChildPrefix.notice },
      consistentRead: true,
    });
    const settled = await Promise.all(items.map((item) => this.recorder.settle(item)));
    return settled.map((item) => toEntity<NotificationRecord>(item));
  }

  /**
   * Saves a notice's change. When it gains an SES message id, the SESMSG#<id> pointer is written first, so the
   * delivery events SES reports for that message find the notice (audit or standalone alike) even if the
   * process stops before the notice itself is saved: the message went out, its proof must not be lost.
   */
  async saveNotification(before: NotificationRecord, after: NotificationRecord, event: TrailEventDraft) {
    const key = notificationKeyOf(before);
    if (after.sesMessageId && after.sesMessageId !== before.sesMessageId) {
      await this.recordSesMessagePointer(after.sesMessageId, key);
    }
    const saved = await this.recorder.update<Item>(
      'Notification',
      key,
      before.version,
      entityChanges(before, after),
      event,
    );
    return toEntity<NotificationRecord>(saved);
  }

  /**
   * Points an SES message id at the notice that sent it. The pointer's content is a pure function of the
   * message id and the notice, so writing it again (a retried send step) is a harmless, idempotent put.
   */
  async recordSesMessagePointer(messageId: string, target: ItemKey): Promise<void> {
    await this.store.put({ ...keys.sesMessage(messageId), entity: 'SesMessagePointer', target });
  }

  /** The notice an SES event (delivery, bounce, complaint) is about. */
  async findNotificationBySesMessageId(messageId: string): Promise<NotificationRecord | undefined> {
    const pointer = await this.store.get<ItemKey & { target: ItemKey }>(keys.sesMessage(messageId));
    return pointer ? this.getEntity<NotificationRecord>(pointer.target) : undefined;
  }

  // Open work

  /** Everything still owed before `before`, in due order, paged; reads only open work. */
  async listOpenWorkDueBefore(
    before: string,
    options: { limit: number; cursor?: string },
  ): Promise<Page<OpenWorkItem>> {
    const page = await queryOpenWorkDueBefore<Item>(this.store, before, options);
    return {
      items: page.items.map((item) => ({
        kind: item.entity as OpenWorkItem['kind'],
        dueAt: String(item.dueAt),
        entity: toEntity<OpenWorkItem['entity']>(item),
      })),
      ...(page.cursor ? { cursor: page.cursor } : {}),
    };
  }

  /**
   * Every open item due before `before`, each read once (shard by shard, nothing merged away): for reports that
   * need all of it, like the administrators' digest. Items are returned as stored, without settling an
   * interrupted change (a report only reads; the next write or read through the recorder finishes it).
   */
  async readAllOpenWorkDueBefore(before: string, maxItems: number): Promise<OpenWorkItem[]> {
    const items = await readAllOpenWorkDueBefore<Item>(this.store, before, maxItems);
    return items.map((item) => ({
      kind: item.entity as OpenWorkItem['kind'],
      dueAt: String(item.dueAt),
      entity: toEntity<OpenWorkItem['entity']>(item),
    }));
  }

  /** Flagged evidence requests across audits, in due order (optionally only those due at or after `from`). */
  async listFlaggedRequests(options: {
    limit: number;
    cursor?: string;
    from?: string;
  }): Promise<Page<EvidenceRequest>> {
    const { status } = tableDesign.indexes;
    const page = await this.store.query<Item>({
      indexName: status.indexName,
      keyCondition: `#partition = :partition${options.from ? ' AND #sort >= :from' : ''}`,
      names: {
        '#partition': status.partitionKey.name,
        ...(options.from ? { '#sort': status.sortKey.name } : {}),
      },
      values: {
        ':partition': FLAGGED_REQUESTS_COLLECTION,
        ...(options.from ? { ':from': options.from } : {}),
      },
      limit: options.limit,
      cursor: options.cursor,
    });
    return {
      items: page.items.map((item) => toEntity<EvidenceRequest>(item)),
      ...(page.cursor ? { cursor: page.cursor } : {}),
    };
  }

  /**
   * Takes a cancelled audit's requests and tasks out of the due index and the flagged collection: nobody owes
   * them any more. Bookkeeping, like the index attributes themselves (statuses stay as they were, no trail
   * event); conditional on the item still being listed, so a repeat changes nothing. Returns how many left.
   */
  async withdrawOpenWork(auditId: string): Promise<number> {
    const { status } = tableDesign.indexes;
    const [shard] = dueIndexRemoval;
    const items = await this.store.queryAll<Item>({
      keyCondition: 'pk = :pk',
      values: { ':pk': auditPartition(auditId) },
      consistentRead: true,
    });
    let withdrawn = 0;
    for (const item of items) {
      const child = item.sk.startsWith(auditChildPrefix.request) || item.sk.startsWith(auditChildPrefix.task);
      if (!child || (item[shard] === undefined && item[status.partitionKey.name] === undefined)) continue;
      const updated = await this.store.updateIf<Item>(
        item,
        { remove: [shard, status.partitionKey.name, status.sortKey.name] },
        {
          expression: 'attribute_exists(#shard) OR attribute_exists(#listed)',
          names: { '#shard': shard, '#listed': status.partitionKey.name },
        },
      );
      if (updated) withdrawn += 1;
    }
    return withdrawn;
  }

  private async getEntity<E>(key: ItemKey): Promise<E | undefined> {
    const item = await this.store.get<Item>(key);
    return item ? toEntity<E>(await this.recorder.settle(item)) : undefined;
  }
}
