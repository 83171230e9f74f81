import { recordDeliveryReport } from '../services/delivery-events.js';
import { parseSesEmailEvent } from './ses-email-events.js';

/**
 * Proof of notice (EventBridge, SES email events from this stack's configuration set): records the event on
 * the notice that sent the message; a hard bounce also reroutes the contact's role and tells the
 * administrators. Retried by EventBridge, then dead-lettered; a redelivered event changes nothing. A malformed
 * event throws InvalidSesEventError naming the field.
 */
export async function handler(event: unknown) {
  const report = parseSesEmailEvent(event);
  const result = await recordDeliveryReport(report);
  if (result.outcome === 'unknown-message') {
    // SES reports every message sent with the identity, also other senders': by message id only, no address.
    console.info(
      JSON.stringify({
        level: 'info',
        message: 'SES event for a message this stage did not send: ignored',
        sesMessageId: result.messageId,
        sesEvent: report.kind,
      }),
    );
  }
  return result;
}
