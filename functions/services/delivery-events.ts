import { createHash } from 'node:crypto';
import { VersionConflictError } from '../adapters/dynamodb/persistence-errors.js';
import { clock, repository, settings } from '../adapters/runtime/bindings.js';
import {
  alreadyRecorded,
  applyDeliveryReport,
  type DeliveryReport,
  TRAIL_EVENT_OF,
} from '../domain/notices/delivery-report.js';
import { hasBounced, sameAddress } from '../domain/notices/recipient-routing.js';
import type { Agency, StoredContact } from '../domain/schemas/agency.js';
import type { Actor } from '../domain/schemas/common.js';
import type { DeliveryStatus, NotificationRecord } from '../domain/schemas/notification.js';
import { markBouncedContacts } from './agencies.js';
import { agencyContactsData, auditFactsData, roleLabel } from './notice-data.js';
import { recordAndSendNotice } from './notices.js';

/*
 * Proof of notice: what SES reports about each message (sent, delivered, bounced, complained, rejected,
 * delayed) is recorded on the notice that sent it, found through the SESMSG#<messageId> pointer written when
 * it was sent. A hard bounce also marks the agency contact's address, so the role's next notices go to its
 * stand-in, and tells the administrators.
 */

const deliveryActor: Actor = { type: 'system', id: 'delivery-events' };
const MAX_ATTEMPTS = 5;

export type DeliveryEventOutcome =
  /** A message this product did not send (SES reports every message sent with the identity). */
  | { readonly outcome: 'unknown-message'; readonly messageId: string }
  /** This very SES event was recorded before: nothing changed. */
  | { readonly outcome: 'already-recorded'; readonly notificationId: string }
  | {
      readonly outcome: 'recorded';
      readonly notificationId: string;
      readonly status: DeliveryStatus;
      /** Agency contacts now marked bounced because of this event (hard bounces only). */
      readonly bouncedContacts: number;
    };

/**
 * Records one SES event on its notice. Idempotent per SES event: the consequences of a hard bounce come first
 * and the record last, so an event redelivered after a failure in between completes what is missing (each
 * consequence is idempotent itself), and one redelivered after success finds the record and changes nothing.
 */
export async function recordDeliveryReport(report: DeliveryReport): Promise<DeliveryEventOutcome> {
  const notice = await repository().audits.findNotificationBySesMessageId(report.messageId);
  if (!notice) return { outcome: 'unknown-message', messageId: report.messageId };
  if (alreadyRecorded(notice, report))
    return { outcome: 'already-recorded', notificationId: notice.notificationId };
  const bouncedContacts =
    report.kind === 'bounce' && report.bounceType === 'Permanent'
      ? await handleHardBounce(notice, report)
      : 0;
  return recordOnNotice(notice, report, bouncedContacts);
}

async function recordOnNotice(
  notice: NotificationRecord,
  report: DeliveryReport,
  bouncedContacts: number,
): Promise<DeliveryEventOutcome> {
  const { audits } = repository();
  let current = notice;
  for (let attempt = 1; ; attempt += 1) {
    const now = clock().now().toISOString();
    const after = applyDeliveryReport(current, report, now);
    if (!after) return { outcome: 'already-recorded', notificationId: current.notificationId };
    try {
      const saved = await audits.saveNotification(current, after, {
        type: TRAIL_EVENT_OF[report.kind],
        at: now,
        actor: deliveryActor,
        subject: { type: 'notification', id: current.notificationId },
        streamId: current.auditId ?? current.subjectId,
        // Counts and kinds only: addresses and the servers' words stay on the notice, not in the permanent trail.
        payload: {
          stepKey: current.stepKey,
          sesMessageId: report.messageId,
          sesEvent: report.kind,
          status: after.status,
          occurredAt: report.at,
          recipients: report.recipients.length,
          ...(report.bounceType ? { bounceType: report.bounceType } : {}),
        },
      });
      return {
        outcome: 'recorded',
        notificationId: saved.notificationId,
        status: saved.status,
        bouncedContacts,
      };
    } catch (error) {
      // Two events of one message at once (a delivery to one recipient, a bounce for another): read and retry.
      if (!(error instanceof VersionConflictError) || attempt >= MAX_ATTEMPTS) throw error;
      current = (await audits.findNotificationBySesMessageId(report.messageId)) ?? current;
    }
  }
}

/**
 * Marks the agency contacts at the hard-bounced addresses and tells the administrators, once per contact. Only
 * agency addresses count: an administrator's bounce is recorded on the notice and reroutes nothing.
 */
async function handleHardBounce(notice: NotificationRecord, report: DeliveryReport): Promise<number> {
  const agencyAddresses = notice.recipients
    .filter((recipient) => recipient.role !== 'administrator')
    .filter((recipient) => report.recipients.some((address) => sameAddress(address, recipient.email)))
    .map((recipient) => recipient.email);
  if (agencyAddresses.length === 0 || !notice.ori) return 0;
  const marked = await markBouncedContacts(notice.ori, agencyAddresses, {
    at: report.at,
    detail: report.detail,
    messageId: report.messageId,
  });
  if (!marked || marked.bounced.length === 0) return 0;
  for (const contact of marked.bounced) await tellAdministrators(notice, marked.agency, contact);
  return marked.bounced.length;
}

/** One alert per bounced contact: its step key names the contact and its bounce, so it is sent once. */
const alertStepKey = (contact: StoredContact) =>
  `bounce-alert-${createHash('sha256')
    .update(`${contact.role}|${contact.email.trim().toLowerCase()}|${contact.bouncedAt ?? ''}`)
    .digest('hex')
    .slice(0, 24)}`;

async function tellAdministrators(
  notice: NotificationRecord,
  agency: Agency,
  contact: StoredContact,
): Promise<void> {
  const adminEmails = settings().adminEmails;
  const audit = notice.auditId ? await repository().audits.getAudit(notice.auditId) : undefined;
  // The alert is kept with the audit whose notice bounced; with no administrator there is nobody to tell.
  if (!audit || adminEmails.length === 0) return;
  const alternate = agency.contacts.find(
    (candidate) => candidate.role === 'alternate' && !hasBounced(candidate),
  );
  await recordAndSendNotice({
    audit,
    kind: 'bounce-alert',
    stepKey: alertStepKey(contact),
    recipients: adminEmails.map((email) => ({ role: 'administrator', email })),
    scheduledFor: clock().now().toISOString(),
    template: 'bounce-alert',
    data: {
      ...auditFactsData(audit, agency),
      ...agencyContactsData(agency),
      auditId: audit.auditId,
      role: roleLabel(contact.role),
      address: contact.email,
      noticeSubject: notice.subject.slice(0, 500),
      bounceDetail: contact.bounceDetail ?? '',
      // Where the role's next notices go; empty when they go to the administrators (no live alternate).
      alternateAddress: contact.role !== 'alternate' && alternate ? alternate.email : '',
    },
  });
}
