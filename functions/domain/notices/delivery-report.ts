import type {
  DeliveryEvent,
  DeliveryStatus,
  NotificationRecord,
  SesEventKind,
} from '../schemas/notification.js';

/** What SES reported about one sent message, reduced to what a notice keeps (no message content). */
export interface DeliveryReport {
  readonly kind: SesEventKind;
  /** Stable for the same SES event, however often it is delivered: the idempotency key. */
  readonly key: string;
  readonly messageId: string;
  /** When it happened, by SES's account of it. */
  readonly at: string;
  /** The recipients the event concerns. */
  readonly recipients: readonly string[];
  readonly detail: string;
  /** Bounces only: Permanent is a hard bounce (the address does not exist or refuses mail for good). */
  readonly bounceType?: 'Permanent' | 'Transient' | 'Undetermined';
}

/** The status each event leads to; a send confirmation or a delay says nothing new about the outcome. */
const OUTCOME_OF: Record<SesEventKind, DeliveryStatus | undefined> = {
  send: undefined,
  delivery: 'delivered',
  bounce: 'bounced',
  complaint: 'complained',
  reject: 'failed',
  'delivery-delay': undefined,
  'rendering-failure': 'failed',
};

/*
 * A notice can go to several recipients, and SES reports each outcome separately and not necessarily in
 * order. The notice's status is the most serious outcome so far (a bounce for one recipient outweighs a
 * delivery to another); every event is kept in `deliveryEvents`, in time order.
 */
const SEVERITY: Record<DeliveryStatus, number> = {
  queued: 0,
  sent: 1,
  delivered: 2,
  complained: 3,
  bounced: 4,
  failed: 5,
};

export const TRAIL_EVENT_OF: Record<SesEventKind, string> = {
  send: 'notification.send-confirmed',
  delivery: 'notification.delivered',
  bounce: 'notification.bounced',
  complaint: 'notification.complained',
  reject: 'notification.rejected',
  'delivery-delay': 'notification.delayed',
  'rendering-failure': 'notification.rendering-failed',
};

export const alreadyRecorded = (record: Pick<NotificationRecord, 'deliveryEvents'>, report: DeliveryReport) =>
  record.deliveryEvents.some((event) => event.sesEventKey === report.key);

/**
 * The notice with the SES event recorded, or undefined when this very event is already recorded (SES and
 * EventBridge deliver at least once).
 */
export function applyDeliveryReport(
  record: NotificationRecord,
  report: DeliveryReport,
  recordedAt: string,
): NotificationRecord | undefined {
  if (alreadyRecorded(record, report)) return undefined;
  const outcome = OUTCOME_OF[report.kind];
  const reached = record.status === 'queued' ? 'sent' : record.status;
  const status = outcome && SEVERITY[outcome] > SEVERITY[reached] ? outcome : reached;
  const entry: DeliveryEvent = {
    status,
    at: report.at,
    detail: report.detail.slice(0, 2000),
    sesEvent: report.kind,
    sesEventKey: report.key,
    recipients: [...report.recipients],
  };
  // Stable sort: events of the same instant keep the order they were recorded in.
  const deliveryEvents = [...record.deliveryEvents, entry].sort((a, b) => a.at.localeCompare(b.at));
  const firstDelivery =
    report.kind === 'delivery' && (!record.deliveredAt || report.at < record.deliveredAt)
      ? { deliveredAt: report.at }
      : {};
  // The sender stopped after SES accepted the message but before it saved the id: the event supplies it.
  const messageId = record.sesMessageId ? {} : { sesMessageId: report.messageId };
  return { ...record, status, ...messageId, ...firstDelivery, deliveryEvents, updatedAt: recordedAt };
}
