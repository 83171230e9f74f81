import type { NoticeAnswer, NoticeHistoryAnswer } from '../api/answer-schemas.js';
import { type Column, countOf, formatTable } from './table.js';

/** "tac@agency.gov", or "alt@agency.gov (alternate for tac)" when the address stood in for a bounced role. */
const recipientsOf = (notice: NoticeAnswer) =>
  notice.recipients
    .map((recipient) =>
      recipient.reroutedFrom
        ? `${recipient.email} (${recipient.role} for ${recipient.reroutedFrom})`
        : recipient.email,
    )
    .join(', ');

const kindOf = (notice: NoticeAnswer) =>
  notice.template && notice.template !== notice.kind ? `${notice.kind} (${notice.template})` : notice.kind;

// The recipients come last: several addresses make a long cell, and the last column is not padded.
const NOTICE_COLUMNS: readonly Column<NoticeAnswer>[] = [
  { header: 'SCHEDULED', value: (notice) => notice.scheduledFor },
  { header: 'STEP', value: (notice) => notice.stepKey },
  { header: 'NOTICE', value: kindOf },
  { header: 'STATUS', value: (notice) => notice.status },
  { header: 'SENT', value: (notice) => notice.sentAt ?? '-' },
  { header: 'DELIVERED', value: (notice) => notice.deliveredAt ?? '-' },
  { header: 'SES MESSAGE', value: (notice) => notice.sesMessageId ?? '-' },
  { header: 'TO', value: recipientsOf },
];

type EventRow = { step: string; event: NoticeAnswer['deliveryEvents'][number] };

const EVENT_COLUMNS: readonly Column<EventRow>[] = [
  { header: 'STEP', value: (row) => row.step },
  { header: 'AT', value: (row) => row.event.at },
  { header: 'EVENT', value: (row) => row.event.sesEvent ?? '-' },
  { header: 'STATUS', value: (row) => row.event.status },
  { header: 'DETAIL', value: (row) => row.event.detail },
];

/** An audit's notices (one line each, in scheduled order), then every delivery event SES reported. */
export function noticeHistoryLines({ notices }: NoticeHistoryAnswer): string[] {
  if (notices.length === 0) return ['No notice has been recorded for this audit yet.'];
  const events = notices.flatMap((notice) =>
    notice.deliveryEvents.map((event) => ({ step: notice.stepKey, event })),
  );
  return [
    ...formatTable(notices, NOTICE_COLUMNS),
    countOf(notices.length, 'notice'),
    '',
    ...(events.length === 0
      ? ['No delivery event has been reported yet.']
      : ['Delivery events:', ...formatTable(events, EVENT_COLUMNS)]),
  ];
}
