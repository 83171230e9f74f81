import type { SesEventKind } from '../domain/schemas/notification.js';

/**
 * The SES email sending events this product records, by EventBridge detail type: the SES eventType found in
 * the event's detail, and the kind a notice records. The EventBridge rule (lib/) matches these detail types
 * and the handler (functions/handlers/record-delivery-event.ts) reads them: one list for both.
 */
export const SES_DETAIL_TYPES = {
  'Email Sent': { eventType: 'Send', kind: 'send' },
  'Email Delivered': { eventType: 'Delivery', kind: 'delivery' },
  'Email Bounced': { eventType: 'Bounce', kind: 'bounce' },
  'Email Complaint Received': { eventType: 'Complaint', kind: 'complaint' },
  'Email Rejected': { eventType: 'Reject', kind: 'reject' },
  'Email Delivery Delayed': { eventType: 'DeliveryDelay', kind: 'delivery-delay' },
  'Email Rendering Failed': { eventType: 'Rendering Failure', kind: 'rendering-failure' },
} as const satisfies Record<string, { eventType: string; kind: SesEventKind }>;

export type SesDetailType = keyof typeof SES_DETAIL_TYPES;
export const SES_RECORDED_DETAIL_TYPES = Object.keys(SES_DETAIL_TYPES) as [SesDetailType, ...SesDetailType[]];
