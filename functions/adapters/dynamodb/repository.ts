import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { AgencyRepository } from './agency-repository.js';
import { AuditRepository } from './audit-repository.js';
import { CalendarFeedStore } from './calendar-feed-store.js';
import { ChangeRecorder } from './change-recorder.js';
import { ItemStore } from './item-store.js';
import { SchedulerState } from './scheduler-state.js';
import type { RetryPolicy } from './throttle-retry.js';
import { TrailStore } from './trail-store.js';
import { UploadTokenStore } from './upload-token-store.js';

export interface Repository {
  readonly agencies: AgencyRepository;
  readonly audits: AuditRepository;
  readonly trail: TrailStore;
  readonly uploadTokens: UploadTokenStore;
  readonly calendarFeeds: CalendarFeedStore;
  readonly scheduler: SchedulerState;
}

/** Wires the table's repositories over one client; handlers build it once at module scope. */
export function createRepository(
  client: DynamoDBDocumentClient,
  tableName: string,
  retry?: RetryPolicy,
): Repository {
  const store = new ItemStore(client, tableName, retry);
  const trail = new TrailStore(store);
  const recorder = new ChangeRecorder(store, trail);
  return {
    agencies: new AgencyRepository(store, recorder),
    audits: new AuditRepository(store, recorder),
    trail,
    uploadTokens: new UploadTokenStore(store),
    calendarFeeds: new CalendarFeedStore(store, recorder),
    scheduler: new SchedulerState(store),
  };
}
