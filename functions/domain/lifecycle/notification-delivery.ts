import type { DeliveryStatus, NotificationRecord } from '../schemas/notification.js';
import {
  type Lifecycle,
  requireText,
  runTransition,
  type TransitionContext,
  type TransitionResult,
} from './state-machine.js';

export type NotificationCommand =
  | { action: 'mark-sent'; sesMessageId: string }
  | { action: 'mark-delivered'; detail?: string }
  | { action: 'mark-bounced'; detail?: string }
  | { action: 'mark-complained'; detail?: string }
  | { action: 'mark-failed'; reason: string };

const DELIVERY_STATUS_OF: Record<NotificationCommand['action'], DeliveryStatus> = {
  'mark-sent': 'sent',
  'mark-delivered': 'delivered',
  'mark-bounced': 'bounced',
  'mark-complained': 'complained',
  'mark-failed': 'failed',
};

/*
 * queued → sent (SES accepted it, message id kept) or failed (SES refused); sent → delivered, bounced or
 * complained from SES events; a delivered message can still draw a complaint. A repeated SES event is an
 * illegal transition: handlers can treat "already in that status" as a no-op.
 */
export const NOTIFICATION_LIFECYCLE: Lifecycle<DeliveryStatus, NotificationRecord, NotificationCommand> = {
  subject: 'notification',
  transitions: {
    'mark-sent': { from: ['queued'], to: 'sent', event: 'notification.sent' },
    'mark-failed': { from: ['queued'], to: 'failed', event: 'notification.failed' },
    'mark-delivered': { from: ['sent'], to: 'delivered', event: 'notification.delivered' },
    'mark-bounced': { from: ['sent'], to: 'bounced', event: 'notification.bounced' },
    'mark-complained': { from: ['sent', 'delivered'], to: 'complained', event: 'notification.complained' },
  },
  idOf: (record) => record.notificationId,
  streamOf: (record) => record.auditId ?? record.subjectId,
  check: (_record, command) => {
    if (command.action === 'mark-sent') return requireText(command.sesMessageId, 'sesMessageId');
    if (command.action === 'mark-failed') return requireText(command.reason, 'reason');
    return null;
  },
  apply: (record, command, { at }) => {
    const detail =
      command.action === 'mark-failed' ? command.reason : 'detail' in command ? command.detail : undefined;
    const deliveryEvents = [
      ...record.deliveryEvents,
      { status: DELIVERY_STATUS_OF[command.action], at, ...(detail ? { detail } : {}) },
    ];
    if (command.action === 'mark-sent')
      return { deliveryEvents, sesMessageId: command.sesMessageId, sentAt: at };
    if (command.action === 'mark-delivered') return { deliveryEvents, deliveredAt: at };
    return { deliveryEvents };
  },
  payload: (record, command) => ({
    stepKey: record.stepKey,
    ...(command.action === 'mark-sent' ? { sesMessageId: command.sesMessageId } : {}),
    ...(record.sesMessageId ? { sesMessageId: record.sesMessageId } : {}),
  }),
};

export function transitionNotification(
  record: NotificationRecord,
  command: NotificationCommand,
  context: TransitionContext,
): TransitionResult<NotificationRecord> {
  return runTransition(NOTIFICATION_LIFECYCLE, record, command, context);
}
