/*
 * Dates and sizes as a reader says them. The page is read by agency staff, not auditors: "Friday, March 12, 2027"
 * and "100 MB", never an ISO string or a byte count. A value that cannot be formatted is shown as given rather
 * than failing the whole page over one field.
 */

const UNITS = ['KB', 'MB', 'GB', 'TB'] as const;

/** Binary units with the familiar names (100 × 1024² bytes is "100 MB"), as file managers show them. */
export function formatByteSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return `${bytes} bytes`;
  if (bytes < 1024) return bytes === 1 ? '1 byte' : `${bytes} bytes`;
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  // One decimal at most, and none when it is .0: "1.5 MB", "100 MB".
  const rounded = Math.round(value * 10) / 10;
  return `${Number.isInteger(rounded) ? rounded.toFixed(0) : rounded.toFixed(1)} ${UNITS[unit]}`;
}

/** A YYYY-MM-DD calendar date, e.g. "Friday, March 12, 2027". */
export function formatLocalDate(date: string): string {
  // Noon UTC keeps the weekday and day right whatever zone the server runs in.
  const noon = new Date(`${date}T12:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(noon.getTime())) return date;
  return new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', dateStyle: 'full' }).format(noon);
}

/** An ISO instant in the audit's zone, e.g. "Mar 12, 2027, 5:00 PM PDT". */
export function formatInstant(iso: string, timeZone: string): string {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return iso;
  try {
    const local = new Intl.DateTimeFormat('en-US', {
      timeZone,
      dateStyle: 'medium',
      timeStyle: 'short',
    }).format(instant);
    // dateStyle cannot be combined with timeZoneName, so the zone's abbreviation is looked up on its own.
    const zone = zonePart(instant, timeZone, 'short');
    return zone ? `${local} ${zone}` : local;
  } catch {
    return iso;
  }
}

/** The zone as people name it, e.g. "Pacific Time (America/Los_Angeles)". */
export function describeTimeZone(timeZone: string, at: Date): string {
  try {
    const generic = zonePart(at, timeZone, 'longGeneric');
    return generic && generic !== timeZone ? `${generic} (${timeZone})` : timeZone;
  } catch {
    return timeZone;
  }
}

function zonePart(
  instant: Date,
  timeZone: string,
  timeZoneName: Intl.DateTimeFormatOptions['timeZoneName'],
): string | undefined {
  return new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName })
    .formatToParts(instant)
    .find((part) => part.type === 'timeZoneName')?.value;
}
