import { repository } from '../adapters/runtime/bindings.js';
import type { NotificationRecord } from '../domain/schemas/notification.js';

export interface NoticeHistory {
  readonly auditId: string;
  /** Every notice recorded for the audit, in the order they were scheduled, with what SES reported of each. */
  readonly notices: NotificationRecord[];
}

const inScheduledOrder = (left: NotificationRecord, right: NotificationRecord) =>
  left.scheduledFor.localeCompare(right.scheduledFor) ||
  left.createdAt.localeCompare(right.createdAt) ||
  left.notificationId.localeCompare(right.notificationId);

/** An audit's notice history with delivery state; undefined when there is no such audit. */
export async function getNoticeHistory(auditId: string): Promise<NoticeHistory | undefined> {
  const { audits } = repository();
  const [audit, notices] = await Promise.all([audits.getAudit(auditId), audits.listNotifications(auditId)]);
  if (!audit) return undefined;
  return { auditId, notices: [...notices].sort(inScheduledOrder) };
}
