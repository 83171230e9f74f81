import { defaultHolidayCalendar, nextBusinessDay } from '../calendar/business-days.js';
import type { HolidayCalendar } from '../calendar/holidays.js';
import { addDays, addMonths, type LocalDate } from '../calendar/local-date.js';
import type { EventDeadline } from '../catalog/types.js';

/**
 * The deadline for an event-driven obligation, e.g. operator training within 6 months of assignment.
 * A zero offset ("before access") is a precondition on the event day itself and is not moved;
 * otherwise a deadline on a weekend or holiday moves to the next business day.
 */
export function eventDeadlineDate(
  deadline: Pick<EventDeadline, 'withinMonths' | 'withinDays'>,
  eventDate: LocalDate,
  calendar: HolidayCalendar = defaultHolidayCalendar(),
): LocalDate {
  const raw = addDays(addMonths(eventDate, deadline.withinMonths), deadline.withinDays);
  if (deadline.withinMonths === 0 && deadline.withinDays === 0) return raw;
  return nextBusinessDay(raw, calendar);
}
