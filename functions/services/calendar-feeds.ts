import { type AgencyCalendarFeed, calendarFeedRefOf } from '../adapters/dynamodb/calendar-feed-store.js';
import { VersionConflictError } from '../adapters/dynamodb/persistence-errors.js';
import { clock, repository, settings } from '../adapters/runtime/bindings.js';
import type { Actor } from '../domain/schemas/common.js';
import type { TrailEventDraft } from '../domain/schemas/trail-event.js';
import { agencyIdOf, requireAgency } from './agencies.js';

/*
 * Each agency's calendar feed: a secret URL its staff subscribe to in their calendar app. Administrators issue
 * it (the URL is answered once, to them, and never stored), rotate it (the previous URL stops working at once)
 * or revoke it. Every change is an event in the agency's trail, named by the feed's non-secret ref.
 */

/** The feed's URL on the portal (PORTAL_PATHS.calendar, whose one segment is the token and `.ics`). */
export const calendarFeedUrl = (token: string) =>
  `${settings().publicBaseUrl.replace(/\/+$/, '')}/calendar/${token}.ics`;

/** What administrators may know about a feed: never the token or its hash. */
export interface CalendarFeedStatus {
  readonly ori: string;
  /** A feed exists and its URL works. */
  readonly active: boolean;
  readonly feedRef?: string;
  readonly issuedAt?: string;
  readonly revokedAt?: string;
  readonly revokedReason?: string;
}

export interface IssuedCalendarFeed extends CalendarFeedStatus {
  /** The only copy of the feed's URL. */
  readonly url: string;
  /** The feed this one replaced, whose URL no longer works. */
  readonly replacedFeedRef?: string;
}

export type IssueOutcome =
  | { readonly issued: true; readonly feed: IssuedCalendarFeed }
  /** The agency already has a live feed and the caller did not ask to rotate it: nothing was written. */
  | { readonly issued: false; readonly current: CalendarFeedStatus };

function statusOf(ori: string, feed: AgencyCalendarFeed | undefined): CalendarFeedStatus {
  if (!feed) return { ori, active: false };
  return {
    ori,
    active: feed.tokenHash !== undefined,
    feedRef: feed.feedRef,
    issuedAt: feed.issuedAt,
    ...(feed.revokedAt ? { revokedAt: feed.revokedAt } : {}),
    ...(feed.revokedReason ? { revokedReason: feed.revokedReason } : {}),
  };
}

function feedEvent(
  ori: string,
  type: string,
  at: string,
  actor: Actor,
  payload: TrailEventDraft['payload'],
): TrailEventDraft {
  const id = agencyIdOf(ori);
  return { type, at, actor, subject: { type: 'agency', id }, streamId: id, payload };
}

/** Whether the agency has a feed, since when, or when it was revoked. */
export async function describeCalendarFeed(ori: string): Promise<CalendarFeedStatus> {
  await requireAgency(ori);
  return statusOf(ori, await repository().calendarFeeds.getAgencyFeed(ori));
}

/**
 * Issues the agency's feed, or with `rotate` replaces the live one: the new token is stored first, then the
 * agency's pointer moves to it (the instant the old URL stops working), then the old token is marked revoked.
 * Without `rotate`, an agency that already has a live feed keeps it, so a repeated request never breaks the
 * subscriptions people already have.
 */
export async function issueCalendarFeed(
  ori: string,
  options: { rotate: boolean },
  actor: Actor,
): Promise<IssueOutcome> {
  await requireAgency(ori);
  const { calendarFeeds } = repository();
  const before = await calendarFeeds.getAgencyFeed(ori);
  if (before?.tokenHash !== undefined && !options.rotate) {
    return { issued: false, current: statusOf(ori, before) };
  }
  const now = clock().now();
  const { token, record } = await calendarFeeds.issueToken(ori, now);
  const feedRef = calendarFeedRefOf(record.tokenHash);
  const replaced = before?.tokenHash === undefined ? undefined : before;
  const next = { ori, tokenHash: record.tokenHash, feedRef, issuedAt: record.issuedAt };
  const event = feedEvent(
    ori,
    replaced ? 'agency.calendar-feed-rotated' : 'agency.calendar-feed-issued',
    record.issuedAt,
    actor,
    replaced ? { feedRef, replacedFeedRef: replaced.feedRef } : { feedRef },
  );
  let saved: AgencyCalendarFeed;
  try {
    if (before) saved = await calendarFeeds.saveAgencyFeed(before, next, event);
    else {
      const created = await calendarFeeds.createAgencyFeed(next, event);
      if (!created.created) throw new VersionConflictError('Calendar feed', ori, 0);
      saved = created.feed;
    }
  } catch (error) {
    // Another administrator changed the feed first, so the token just stored never became the live one (and
    // opens nothing, as no pointer names it); mark it revoked so its record says so too.
    if (error instanceof VersionConflictError) await calendarFeeds.revokeToken(record.tokenHash, now);
    throw error;
  }
  if (replaced?.tokenHash) await calendarFeeds.revokeToken(replaced.tokenHash, now);
  return {
    issued: true,
    feed: {
      ...statusOf(ori, saved),
      url: calendarFeedUrl(token),
      ...(replaced ? { replacedFeedRef: replaced.feedRef } : {}),
    },
  };
}

/**
 * Withdraws the agency's feed: its URL stops working at once. An agency with no live feed is left as it is
 * (`revoked: false`), so a repeated revocation is harmless.
 */
export async function revokeCalendarFeed(
  ori: string,
  reason: string,
  actor: Actor,
): Promise<CalendarFeedStatus & { readonly revoked: boolean }> {
  await requireAgency(ori);
  const { calendarFeeds } = repository();
  const before = await calendarFeeds.getAgencyFeed(ori);
  if (before?.tokenHash === undefined) return { ...statusOf(ori, before), revoked: false };
  const at = clock().now();
  const { tokenHash: _live, version: _version, ...kept } = before;
  const saved = await calendarFeeds.saveAgencyFeed(
    before,
    { ...kept, revokedAt: at.toISOString(), revokedReason: reason },
    feedEvent(ori, 'agency.calendar-feed-revoked', at.toISOString(), actor, {
      feedRef: before.feedRef,
      reason,
    }),
  );
  await calendarFeeds.revokeToken(before.tokenHash, at);
  return { ...statusOf(ori, saved), revoked: true };
}
