import { clock, mailer, repository, settings } from '../adapters/runtime/bindings.js';
import { notificationId } from '../domain/ids.js';
import type { Agency } from '../domain/schemas/agency.js';
import type { Audit } from '../domain/schemas/audit.js';
import type { Actor, NoticeRecipient } from '../domain/schemas/common.js';
import type { NoticeKind, NotificationRecord } from '../domain/schemas/notification.js';

const systemActor: Actor = { type: 'system', id: 'notices' };

/** Email addresses for notice recipients: the agency's contacts by role, and the state's administrators. */
export function recipientAddresses(
  agency: Pick<Agency, 'contacts'>,
  roles: readonly NoticeRecipient[],
): { role: NoticeRecipient; email: string }[] {
  const addresses: { role: NoticeRecipient; email: string }[] = [];
  for (const role of roles) {
    if (role === 'administrator') {
      for (const email of settings().adminEmails) addresses.push({ role, email });
    } else {
      for (const contact of agency.contacts.filter((candidate) => candidate.role === role)) {
        addresses.push({ role, email: contact.email });
      }
    }
  }
  return addresses;
}

export interface NoticeRequest {
  readonly audit: Pick<Audit, 'auditId' | 'ori'>;
  readonly kind: NoticeKind;
  /** With the audit id, makes the notice idempotent: one record (and one email) per audit and step. */
  readonly stepKey: string;
  readonly recipients: { role: NoticeRecipient; email: string }[];
  readonly subject: string;
  /**
   * The message body, or how to compose it. Composed only when the message is actually sent, so a step that
   * puts something in the message (an upload link) does it once, not on every retry.
   */
  readonly text: string | (() => Promise<string>);
  readonly scheduledFor: string;
  /** Record only (the message goes out later, or through another channel). */
  readonly send: boolean;
}

/**
 * Records a notice once per audit and step, and sends it if asked and not yet sent. A retried step finds
 * the record: a notice already sent is not sent again.
 */
export async function recordAndSendNotice(request: NoticeRequest): Promise<NotificationRecord> {
  const now = clock().now().toISOString();
  const { audits } = repository();
  const id = notificationId(request.audit.auditId, request.stepKey);
  const { notice } = await audits.recordNotification(
    {
      notificationId: id,
      subjectId: request.audit.auditId,
      auditId: request.audit.auditId,
      ori: request.audit.ori,
      kind: request.kind,
      stepKey: request.stepKey,
      recipients: request.recipients,
      subject: request.subject,
      scheduledFor: request.scheduledFor,
      status: 'queued',
      deliveryEvents: [],
      createdAt: now,
      updatedAt: now,
    },
    {
      type: 'notification.queued',
      at: now,
      actor: systemActor,
      subject: { type: 'notification', id },
      streamId: request.audit.auditId,
      payload: { kind: request.kind, stepKey: request.stepKey, recipients: request.recipients.length },
    },
  );
  if (!request.send || notice.status !== 'queued' || request.recipients.length === 0) return notice;
  const { messageId } = await mailer().send({
    to: request.recipients.map((recipient) => recipient.email),
    subject: request.subject,
    text: typeof request.text === 'string' ? request.text : await request.text(),
    tags: { auditId: request.audit.auditId, notificationId: id, stepKey: request.stepKey },
  });
  const sentAt = clock().now().toISOString();
  return audits.saveNotification(
    { ...notice, auditId: request.audit.auditId },
    { ...notice, status: 'sent', sesMessageId: messageId, sentAt, updatedAt: sentAt },
    {
      type: 'notification.sent',
      at: sentAt,
      actor: systemActor,
      subject: { type: 'notification', id },
      streamId: request.audit.auditId,
      payload: { messageId },
    },
  );
}
