import type {
  CalendarFeedAnswer,
  IssuedCalendarFeedAnswer,
  RevokedCalendarFeedAnswer,
} from '../api/answer-schemas.js';
import { printable } from './terminal-text.js';

const rotateHint = (ori: string) =>
  `Its URL was shown only when it was issued. To get a new one: clets-audit agency calendar ${printable(ori)} --rotate (the current URL stops working).`;

export function calendarFeedStatusLines(feed: CalendarFeedAnswer): string[] {
  const ori = printable(feed.ori);
  if (feed.active) {
    return [
      `${ori} has a calendar feed: ${printable(feed.feedRef ?? '')}, issued ${printable(feed.issuedAt ?? '')}.`,
      rotateHint(feed.ori),
    ];
  }
  if (feed.revokedAt) {
    return [
      `${ori} has no live calendar feed: ${printable(feed.feedRef ?? '')} was revoked ${printable(feed.revokedAt)}${feed.revokedReason ? `: ${printable(feed.revokedReason)}` : ''}.`,
    ];
  }
  return [`${ori} has no calendar feed.`];
}

export const issuedCalendarFeedLines = (feed: IssuedCalendarFeedAnswer): string[] => [
  `Issued calendar feed ${printable(feed.feedRef ?? '')} for ${printable(feed.ori)}.`,
  ...(feed.replacedFeedRef
    ? [`It replaces ${printable(feed.replacedFeedRef)}, whose URL no longer works.`]
    : []),
  "Its URL, shown this once (give it to the agency to subscribe to in their calendar app; anyone holding it can read the agency's due dates):",
  `  ${printable(feed.url)}`,
];

export function revokedCalendarFeedLines(feed: RevokedCalendarFeedAnswer): string[] {
  if (!feed.revoked) return [`${printable(feed.ori)} has no live calendar feed to revoke: nothing changed.`];
  return [
    `Revoked calendar feed ${printable(feed.feedRef ?? '')} of ${printable(feed.ori)}; its URL stops working at once.`,
  ];
}
