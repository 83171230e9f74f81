import { sendDailyDigest } from '../../services/daily-digest.js';

/** Daily digest: composes today's digest from the due index and emails it to the administrators, once a day. */
export async function handler() {
  return sendDailyDigest();
}
