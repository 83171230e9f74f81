import * as z from 'zod';
import { hasBearerToken, missingBearerToken } from './bearer-token.js';
import type { FrontDoorRoute } from './front-door.js';
import { errorResponse, jsonResponse } from './http-responses.js';
import { parseJsonBody } from './request-body.js';
import type { VirtualClock } from './virtual-clock.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** One call moves at most this far: enough for a whole audit cycle's year, small enough to answer in seconds. */
export const MAX_ADVANCE_DAYS = 400;

/** Exactly one of days, hours or until; numbers may be fractional ("hours": 0.5). */
const AdvanceBody = z
  .strictObject(
    {
      days: z
        .number({ error: 'must be a number of days' })
        .gt(0, { error: 'must be more than 0' })
        .max(MAX_ADVANCE_DAYS, { error: `must be at most ${MAX_ADVANCE_DAYS} (days per call)` })
        .optional(),
      hours: z
        .number({ error: 'must be a number of hours' })
        .gt(0, { error: 'must be more than 0' })
        .max(MAX_ADVANCE_DAYS * 24, {
          error: `must be at most ${MAX_ADVANCE_DAYS * 24} (${MAX_ADVANCE_DAYS} days per call)`,
        })
        .optional(),
      until: z
        .string({ error: 'must be an ISO 8601 instant, e.g. 2026-04-01T06:00:00-07:00' })
        .pipe(
          z.iso.datetime({
            offset: true,
            error: 'must be an ISO 8601 instant with a zone, e.g. 2026-04-01T13:00:00Z',
          }),
        )
        .optional(),
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? `unknown field ${issue.keys.map((key) => `"${key}"`).join(', ')}: give one of days, hours or until`
          : 'must be a JSON object: {"days": n}, {"hours": n} or {"until": "<ISO instant>"}',
    },
  )
  .refine((body) => [body.days, body.hours, body.until].filter((value) => value !== undefined).length === 1, {
    error: 'give exactly one of days, hours or until',
  });

export interface ClockRoutesOptions {
  readonly clock: VirtualClock;
  readonly timeZone: string;
  /** When set, POST /clock/advance needs it as a bearer token. */
  readonly token?: string;
}

function describeClock(clock: VirtualClock, timeZone: string) {
  const now = clock.now();
  return {
    now: now.toISOString(),
    timeZone,
    local: now.toLocaleString('en-US', { timeZone, dateStyle: 'full', timeStyle: 'long' }),
    // What will happen next as time moves: labels only (no tokens, no payloads).
    nextTimers: clock.pendingTimers().slice(0, 20),
  };
}

/** GET /clock and POST /clock/advance: read and move the sandbox's virtual time. */
export function clockRoutes(options: ClockRoutesOptions): FrontDoorRoute[] {
  const { clock, timeZone, token } = options;
  return [
    {
      method: 'GET',
      path: '/clock',
      summary: 'The sandbox’s virtual time, and the next timers (reminders, timeouts, the daily schedule).',
      handle: () => jsonResponse(200, describeClock(clock, timeZone)),
    },
    {
      method: 'POST',
      path: '/clock/advance',
      summary: `Moves virtual time forward and runs what falls due: {"days": n}, {"hours": n} or {"until": iso}; at most ${MAX_ADVANCE_DAYS} days per call${token ? ' (bearer token)' : ''}.`,
      async handle(request) {
        if (token !== undefined && !hasBearerToken(request, token)) return missingBearerToken();
        const parsed = await parseJsonBody(request, AdvanceBody);
        if (!parsed.ok) return parsed.response;
        const { days, hours, until } = parsed.value;
        const now = clock.now().getTime();
        const target =
          until === undefined ? now + (days ?? 0) * DAY_MS + (hours ?? 0) * HOUR_MS : Date.parse(until);
        if (target < now) {
          const message = `until: must not be before the sandbox's now (${new Date(now).toISOString()}); time only moves forward`;
          return jsonResponse(400, { error: 'ValidationFailed', message, issues: [message] });
        }
        if (target - now > MAX_ADVANCE_DAYS * DAY_MS) {
          const message = `until: must be at most ${MAX_ADVANCE_DAYS} days after the sandbox's now (${new Date(now).toISOString()})`;
          return jsonResponse(400, { error: 'ValidationFailed', message, issues: [message] });
        }
        try {
          const moved = await clock.advance({ until: new Date(target) });
          return jsonResponse(200, {
            ...moved,
            fired: moved.fired.length,
            firedTimers: moved.fired.slice(0, 100),
          });
        } catch (error) {
          if (error instanceof Error && error.name === 'ClockError')
            return errorResponse(409, 'ClockError', error.message);
          throw error;
        }
      },
    },
  ];
}
