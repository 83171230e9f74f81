import { clock, mailer, repository, settings } from '../adapters/runtime/bindings.js';
import type { OutgoingEmail } from '../adapters/runtime/mailer.js';
import { DomainError } from '../domain/errors.js';
import { notificationId } from '../domain/ids.js';
import { routeNoticeRecipients } from '../domain/notices/recipient-routing.js';
import type { Agency } from '../domain/schemas/agency.js';
import type { Audit } from '../domain/schemas/audit.js';
import type { Actor, NoticeRecipient } from '../domain/schemas/common.js';
import type {
  NoticeKind,
  NoticeRecipientAddress,
  NotificationRecord,
} from '../domain/schemas/notification.js';
import type {
  LinkedTemplateName,
  NoticeTemplateData,
  NoticeTemplateName,
} from '../notices/notice-templates.js';
import { renderNoticeSubject } from '../notices/render-notice.js';
import type { UploadLinkField } from '../notices/template-fields.js';

const systemActor: Actor = { type: 'system', id: 'notices' };

/**
 * Email addresses for notice recipients: the agency's contacts by role, and the state's administrators. A
 * contact whose address hard-bounced is skipped; a role whose contacts all bounced is reached through the
 * agency's alternate contact, or else the administrators (recorded as `reroutedFrom` on the recipient).
 */
export function recipientAddresses(
  agency: Pick<Agency, 'contacts'>,
  roles: readonly NoticeRecipient[],
): NoticeRecipientAddress[] {
  return routeNoticeRecipients(agency, roles, settings().adminEmails);
}

/** A template and its data. Templates with an upload link take the link as a function, called at send time. */
export type NoticeContent = {
  [N in NoticeTemplateName]: N extends LinkedTemplateName
    ? {
        readonly template: N;
        /** Everything the template shows but the link. */
        readonly data: Omit<NoticeTemplateData<N>, 'link'>;
        /**
         * Issues the upload link the message carries. Called only when the message is actually sent, so a
         * retried step neither issues a second link nor sends twice.
         */
        readonly issueLink: () => Promise<UploadLinkField>;
      }
    : { readonly template: N; readonly data: NoticeTemplateData<N>; readonly issueLink?: undefined };
}[NoticeTemplateName];

export type NoticeRequest = NoticeContent & {
  readonly audit: Pick<Audit, 'auditId' | 'ori'>;
  readonly kind: NoticeKind;
  /** With the audit id, makes the notice idempotent: one record (and at most one email) per audit and step. */
  readonly stepKey: string;
  /** Whom it goes to, with the role each address stands for (see recipientAddresses). */
  readonly recipients: readonly NoticeRecipientAddress[];
  readonly scheduledFor: string;
};

/**
 * Records a notice once per audit and step, then sends it with its template unless it was sent already. The
 * record keeps the template's name and the rendered subject. A retried step finds the record: a notice already
 * sent is not sent again (and its link is not issued again).
 */
export async function recordAndSendNotice(request: NoticeRequest): Promise<NotificationRecord> {
  if (request.recipients.length === 0) {
    throw new DomainError(`Notice ${request.stepKey} of audit ${request.audit.auditId} has no recipient.`);
  }
  const now = clock().now().toISOString();
  const { audits } = repository();
  const id = notificationId(request.audit.auditId, request.stepKey);
  // Checks the data (all but the link) before anything is written: a bad notice fails the step, not SES.
  const subject = renderNoticeSubject(request.template, request.data);
  const recipients = [...request.recipients];
  const { notice } = await audits.recordNotification(
    {
      notificationId: id,
      subjectId: request.audit.auditId,
      auditId: request.audit.auditId,
      ori: request.audit.ori,
      kind: request.kind,
      stepKey: request.stepKey,
      template: request.template,
      recipients,
      subject,
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
      payload: {
        kind: request.kind,
        stepKey: request.stepKey,
        template: request.template,
        recipients: recipients.length,
      },
    },
  );
  if (notice.status !== 'queued') return notice;
  const data = request.issueLink ? { ...request.data, link: await request.issueLink() } : request.data;
  const { messageId } = await mailer().send({
    to: recipients.map((recipient) => recipient.email),
    template: request.template,
    data,
    tags: {
      auditId: request.audit.auditId,
      notificationId: id,
      stepKey: request.stepKey,
      template: request.template,
    },
  } as unknown as OutgoingEmail);
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
      payload: { messageId, template: request.template },
    },
  );
}
