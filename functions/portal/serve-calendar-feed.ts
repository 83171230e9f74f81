import type { ApiRequest, ApiResponse } from '../api/router.js';
import { readAgencyCalendar } from '../services/agency-calendar.js';
import { PORTAL_PATHS } from '../services/upload-portal.js';
import { renderAgencyCalendar } from './render/agency-calendar.js';

/*
 * GET /calendar/<token>.ics: an agency's calendar feed. The token is the credential and sits in the path, so
 * nothing here logs the path or the token; a failure is logged by route template and request id only. Every
 * refusal is the same bare 404, whether the token never existed, was revoked or was rotated away.
 */

/** The path segment: a feed token (43 base64url characters, 256 bits) and `.ics`. */
const FEED_SEGMENT = /^([A-Za-z0-9_-]{43})\.ics$/;

/**
 * Calendar apps poll; five minutes spares the table a burst of refreshes from one client, and `private` keeps
 * any shared cache (a CDN, a proxy) from storing an agency's schedule behind a secret URL. A rotation or
 * revocation reaches a client that cached the feed within those five minutes.
 */
const FEED_CACHE_CONTROL = 'private, max-age=300';

export const calendarTokenOf = (feed: string): string | undefined => FEED_SEGMENT.exec(feed)?.[1];

function notFound(requestId: string): ApiResponse {
  return {
    status: 404,
    headers: {
      'content-type': 'text/plain; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'x-request-id': requestId,
    },
    body: 'Not found.',
  };
}

export async function serveCalendarFeed(
  feed: string,
  request: ApiRequest,
  log: (entry: Record<string, unknown>) => void,
): Promise<ApiResponse> {
  const token = calendarTokenOf(feed);
  if (token === undefined) return notFound(request.requestId);
  try {
    const view = await readAgencyCalendar(token);
    if (!view) return notFound(request.requestId);
    return {
      status: 200,
      headers: {
        'content-type': 'text/calendar; charset=utf-8',
        'cache-control': FEED_CACHE_CONTROL,
        'content-disposition': 'inline; filename="clets-audits.ics"',
        'x-content-type-options': 'nosniff',
        // A browser that opens the feed must not carry its URL to any link in it.
        'referrer-policy': 'no-referrer',
        'x-request-id': request.requestId,
      },
      body: renderAgencyCalendar(view),
    };
  } catch (error) {
    log({
      level: 'ERROR',
      message: 'calendar feed failed',
      requestId: request.requestId,
      route: PORTAL_PATHS.calendar,
      error: error instanceof Error ? { name: error.name, message: error.message } : String(error),
    });
    return {
      status: 500,
      headers: {
        'content-type': 'text/plain; charset=utf-8',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        'x-request-id': request.requestId,
      },
      body: `The calendar feed failed unexpectedly; your calendar app will try again. If it keeps failing, tell your audit administrator the reference ${request.requestId}.`,
    };
  }
}
