import type {
  ClockAdvanceAnswer,
  ClockAnswer,
  OutboxAnswer,
  OutboxEntryAnswer,
} from '../api/answer-schemas.js';
import { type Column, countOf, formatFields, formatTable } from './table.js';
import { printable } from './terminal-text.js';

type Timer = ClockAnswer['nextTimers'][number];
const timerLine = (timer: Timer) => `  ${printable(timer.at)}  ${printable(timer.label)}`;

export function clockLines(clock: ClockAnswer): string[] {
  return [
    ...formatFields([
      ['Sandbox time', clock.now],
      ['Local', clock.local && clock.timeZone ? `${clock.local} (${clock.timeZone})` : clock.local],
    ]),
    ...(clock.nextTimers.length > 0
      ? ['Next timers:', ...clock.nextTimers.map(timerLine)]
      : ['No timers are set.']),
  ];
}

export function clockAdvanceLines(advance: ClockAdvanceAnswer): string[] {
  const more = advance.fired - advance.firedTimers.length;
  return [
    `Sandbox time moved from ${printable(advance.from)} to ${printable(advance.to)}; ${countOf(advance.fired, 'timer')} fired${advance.fired > 0 ? ':' : '.'}`,
    ...advance.firedTimers.map(timerLine),
    ...(more > 0 ? [`  ... and ${more} more`] : []),
  ];
}

const OUTBOX_COLUMNS: readonly Column<OutboxEntryAnswer>[] = [
  { header: 'SENT', value: (entry) => entry.sentAt },
  { header: 'TO', value: (entry) => entry.to.join(', ') },
  { header: 'SUBJECT', value: (entry) => entry.subject },
  { header: 'MESSAGE', value: (entry) => entry.href ?? entry.id },
];

export function outboxLines({ messages }: OutboxAnswer): string[] {
  if (messages.length === 0) return ['The outbox is empty: no email has been sent yet.'];
  return [...formatTable(messages, OUTBOX_COLUMNS), countOf(messages.length, 'message')];
}
