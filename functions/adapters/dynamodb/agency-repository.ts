import { createHash } from 'node:crypto';
import type { Agency } from '../../domain/schemas/agency.js';
import type { Enrollment } from '../../domain/schemas/enrollment.js';
import type { TrailEventDraft } from '../../domain/schemas/trail-event.js';
import type { ChangeRecorder, Versioned } from './change-recorder.js';
import { entityChanges, mergeChanges, toEntity } from './entity-codec.js';
import type { ItemStore, Page } from './item-store.js';
import { agencyPartition, keys } from './keys.js';
import { tableDesign } from './table-design.js';

/** All agencies form one collection, in ORI order (registrations are rare; listing is paged). */
const agencyListing = (ori: string) => ({ collectionKey: 'AGENCIES', collectionSortKey: ori });

/** Active enrollments are spread over shards, so the daily planner reads them in parallel. */
export function enrollmentShardOf(ori: string): number {
  return createHash('sha256').update(ori).digest().readUInt32BE(0) % tableDesign.enrollmentShardCount;
}

const enrollmentListing = (enrollment: Pick<Enrollment, 'ori' | 'programId' | 'status'>) =>
  enrollment.status === 'ended'
    ? { remove: ['collectionKey', 'collectionSortKey'] }
    : {
        set: {
          collectionKey: `ENROLLMENTS#${enrollmentShardOf(enrollment.ori)}`,
          collectionSortKey: `${enrollment.ori}#${enrollment.programId}`,
        },
      };

type Item = Versioned & Record<string, unknown>;

/** Agencies and their enrollments, both in the agency's partition. */
export class AgencyRepository {
  constructor(
    private readonly store: ItemStore,
    private readonly recorder: ChangeRecorder,
  ) {}

  async createAgency(
    agency: Omit<Agency, 'version'>,
    event: TrailEventDraft,
  ): Promise<{ created: boolean; agency: Agency }> {
    const result = await this.recorder.create<Item>(
      { ...keys.agency(agency.ori), entity: 'Agency', ...agency, ...agencyListing(agency.ori) },
      event,
    );
    return { created: result.created, agency: toEntity<Agency>(result.item) };
  }

  async getAgency(ori: string): Promise<Agency | undefined> {
    const item = await this.store.get<Item>(keys.agency(ori));
    return item ? toEntity<Agency>(await this.recorder.settle(item)) : undefined;
  }

  /**
   * The names of the given agencies, by ORI (one BatchGetItem per 100, name and ORI only); unknown ORIs are
   * left out. For reports naming many agencies at once (the daily digest), not for read-modify-write.
   */
  async getAgencyNames(oris: readonly string[]): Promise<Record<string, string>> {
    const items = await this.store.batchGet<Item & { ori?: string; name?: string }>(
      [...new Set(oris)].map((ori) => keys.agency(ori)),
      { projection: ['pk', 'sk', 'ori', 'name'] },
    );
    return Object.fromEntries(
      items.flatMap((item) => (item.ori && item.name ? [[item.ori, item.name] as const] : [])),
    );
  }

  async saveAgency(before: Agency, after: Agency, event: TrailEventDraft): Promise<Agency> {
    const saved = await this.recorder.update<Item>(
      'Agency',
      keys.agency(before.ori),
      before.version,
      entityChanges(before, after),
      event,
    );
    return toEntity<Agency>(saved);
  }

  async createEnrollment(
    enrollment: Omit<Enrollment, 'version'>,
    event: TrailEventDraft,
  ): Promise<{ created: boolean; enrollment: Enrollment }> {
    const key = keys.enrollment(enrollment.ori, enrollment.programId);
    const result = await this.recorder.create<Item>(
      { ...key, entity: 'Enrollment', ...enrollment, ...enrollmentListing(enrollment).set },
      event,
    );
    return { created: result.created, enrollment: toEntity<Enrollment>(result.item) };
  }

  async getEnrollment(ori: string, programId: string): Promise<Enrollment | undefined> {
    const item = await this.store.get<Item>(keys.enrollment(ori, programId));
    return item ? toEntity<Enrollment>(await this.recorder.settle(item)) : undefined;
  }

  async saveEnrollment(before: Enrollment, after: Enrollment, event: TrailEventDraft): Promise<Enrollment> {
    const key = keys.enrollment(before.ori, before.programId);
    return toEntity<Enrollment>(
      await this.recorder.update<Item>(
        'Enrollment',
        key,
        before.version,
        // An ended enrollment leaves the planner's collection; a paused one stays (the planner skips it).
        mergeChanges(entityChanges(before, after), enrollmentListing(after)),
        event,
      ),
    );
  }

  async listEnrollments(ori: string, options: { limit: number; cursor?: string }): Promise<Page<Enrollment>> {
    const page = await this.store.query<Item>({
      keyCondition: 'pk = :pk AND begins_with(sk, :prefix)',
      values: { ':pk': agencyPartition(ori), ':prefix': 'ENROLLMENT#' },
      limit: options.limit,
      cursor: options.cursor,
    });
    return {
      items: page.items.map((item) => toEntity<Enrollment>(item)),
      ...(page.cursor ? { cursor: page.cursor } : {}),
    };
  }

  /** Registered agencies in ORI order, a page at a time. */
  async listAgencies(options: { limit: number; cursor?: string }): Promise<Page<Agency>> {
    const { collection } = tableDesign.indexes;
    const page = await this.store.query<Item>({
      indexName: collection.indexName,
      keyCondition: '#collection = :agencies',
      names: { '#collection': collection.partitionKey.name },
      values: { ':agencies': 'AGENCIES' },
      limit: options.limit,
      cursor: options.cursor,
    });
    return {
      items: page.items.map((item) => toEntity<Agency>(item)),
      ...(page.cursor ? { cursor: page.cursor } : {}),
    };
  }

  /** One shard of the active (not ended) enrollments, a page at a time; the planner reads every shard. */
  async listActiveEnrollments(
    shard: number,
    options: { limit: number; cursor?: string },
  ): Promise<Page<Enrollment>> {
    const { collection } = tableDesign.indexes;
    const page = await this.store.query<Item>({
      indexName: collection.indexName,
      keyCondition: '#collection = :shard',
      names: { '#collection': collection.partitionKey.name },
      values: { ':shard': `ENROLLMENTS#${shard}` },
      limit: options.limit,
      cursor: options.cursor,
    });
    return {
      items: page.items.map((item) => toEntity<Enrollment>(item)),
      ...(page.cursor ? { cursor: page.cursor } : {}),
    };
  }
}
