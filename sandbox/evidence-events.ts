import { handler as ingestEvidence } from '../functions/handlers/ingest-evidence.js';

/** The prefix the stack's EventBridge rule matches (lib/constructs/evidence-ingest-trigger.ts). */
export const EVIDENCE_PREFIX = 'evidence/';

/** S3's "Object Created" event as EventBridge delivers it: the part the ingest handler reads. */
export interface ObjectCreatedEvent {
  readonly source: 'aws.s3';
  readonly 'detail-type': 'Object Created';
  readonly detail: {
    readonly bucket: { readonly name: string };
    readonly object: { readonly key: string; readonly 'version-id': string };
  };
}

/** One S3 event-notification record as s3rver emits it (only what is read here). */
interface NotificationRecord {
  readonly eventName?: unknown;
  readonly s3?: {
    readonly bucket?: { readonly name?: unknown };
    readonly object?: { readonly key?: unknown; readonly versionId?: unknown };
  };
}

/** Keys in S3 events are URL-encoded with spaces as '+'; the handler decodes them the same way. */
const encodeEventKey = (key: string) => encodeURIComponent(key).replace(/%2F/g, '/').replace(/%20/g, '+');

/**
 * The EventBridge events the stack's rule would deliver for one s3rver notification: objects created in
 * `bucket` under evidence/, nothing else. s3rver keeps no versions, so a missing version id is S3's 'null'.
 * s3rver reports keys as stored (not encoded); they are encoded here as S3 would.
 */
export function objectCreatedEvents(notification: unknown, bucket: string): ObjectCreatedEvent[] {
  const records = (notification as { Records?: unknown } | null | undefined)?.Records;
  if (!Array.isArray(records)) return [];
  const events: ObjectCreatedEvent[] = [];
  for (const record of records as NotificationRecord[]) {
    const key = record?.s3?.object?.key;
    const versionId = record?.s3?.object?.versionId;
    if (typeof record?.eventName !== 'string' || !record.eventName.startsWith('ObjectCreated:')) continue;
    if (record.s3?.bucket?.name !== bucket) continue;
    if (typeof key !== 'string' || !key.startsWith(EVIDENCE_PREFIX)) continue;
    events.push({
      source: 'aws.s3',
      'detail-type': 'Object Created',
      detail: {
        bucket: { name: bucket },
        object: {
          key: encodeEventKey(key),
          'version-id': typeof versionId === 'string' && versionId !== '' ? versionId : 'null',
        },
      },
    });
  }
  return events;
}

export interface EvidenceEventDeliveryOptions {
  /** The evidence bucket: events from any other bucket are ignored, as the stack's rule ignores them. */
  readonly bucket: string;
  /** The function EventBridge would invoke; the ingest handler AWS runs by default. */
  readonly deliver?: (event: ObjectCreatedEvent) => Promise<unknown>;
  /** Outcomes and error names only: never keys, file names, hashes or content. */
  readonly log?: (line: string) => void;
}

export interface EvidenceEventDelivery {
  /** Queues the deliveries for one s3rver notification. Never throws (s3rver calls it inside a request). */
  accept(notification: unknown): void;
  /** Resolves once every event accepted so far has been delivered (or has failed and been logged). */
  whenIdle(): Promise<void>;
  /** Accepts nothing more, then waits for what is queued. */
  stop(): Promise<void>;
}

/**
 * Stands in for the stack's EventBridge rule: delivers s3rver's object-created events under evidence/ to the
 * ingest handler, one at a time in arrival order. A failed delivery is logged by its error name and dropped
 * (AWS would retry, then dead-letter; ingest is idempotent, so uploading again is the local retry).
 */
export function createEvidenceEventDelivery(options: EvidenceEventDeliveryOptions): EvidenceEventDelivery {
  const deliver = options.deliver ?? ingestEvidence;
  let tail: Promise<void> = Promise.resolve();
  let stopped = false;

  const deliverOne = async (event: ObjectCreatedEvent) => {
    try {
      const result = (await deliver(event)) as { outcome?: unknown } | undefined;
      const outcome = typeof result?.outcome === 'string' ? result.outcome : 'done';
      options.log?.(`evidence ingest: ${outcome}`);
    } catch (error) {
      const name = error instanceof Error ? error.name : 'UnknownError';
      options.log?.(`evidence ingest: failed (${name})`);
    }
  };

  // Deliveries queued while waiting are waited for too.
  const whenIdle = async (): Promise<void> => {
    const current = tail;
    await current;
    if (tail !== current) await whenIdle();
  };

  return {
    accept(notification) {
      if (stopped) return;
      try {
        for (const event of objectCreatedEvents(notification, options.bucket)) {
          tail = tail.then(() => deliverOne(event));
        }
      } catch (error) {
        options.log?.(`evidence ingest: unreadable event (${error instanceof Error ? error.name : 'Error'})`);
      }
    },
    whenIdle,
    async stop() {
      stopped = true;
      await whenIdle();
    },
  };
}
