import { beforeAll, describe, expect, it } from 'vitest';
import { hashCalendarToken } from '../../../functions/adapters/dynamodb/calendar-feed-store.js';
import { keys } from '../../../functions/adapters/dynamodb/keys.js';
import type { TestTable } from '../../support/test-table.js';
import { uniqueOri } from '../../support/test-table.js';
import { agencyBody } from '../../unit/api/api-fixtures.js';
import { type ApiAnswer, callAdminApi } from './admin-api-client.js';
import { agencyFootprint, bindApiTestRuntime, NOW } from './api-runtime.js';

/*
 * The admin API's calendar-feed routes through the deployed handler, on dynalite: the URL is answered once and
 * only its token's hash is stored, a repeat never rotates by accident, rotation and revocation are recorded in
 * the agency's trail, and bad input or an unknown agency writes nothing.
 */

let table: TestTable;

beforeAll(async () => {
  ({ table } = await bindApiTestRuntime());
});

const administrator = { type: 'administrator', id: 'a1b2c3d4-administrator' };
const FEED_URL = /^https:\/\/audits\.example\.gov\/calendar\/([A-Za-z0-9_-]{43})\.ics$/;

async function registeredAgency(): Promise<string> {
  const ori = uniqueOri();
  const { status } = await callAdminApi('POST', '/agencies', { body: agencyBody(ori) });
  expect(status).toBe(201);
  return ori;
}

const tokenOf = (url: string) => FEED_URL.exec(url)?.[1] ?? '';

/** Everything the calendar routes could write about an agency: its feed pointer and trail, besides the rest. */
async function feedFootprint(ori: string) {
  return {
    ...(await agencyFootprint(table, ori)),
    feed: await table.store.get(keys.agencyCalendarFeed(ori)),
  };
}

async function expectRefusedWithoutWrites(ori: string, call: () => Promise<ApiAnswer>, status: number) {
  const before = await feedFootprint(ori);
  const answer = await call();
  expect(answer.status).toBe(status);
  expect(await feedFootprint(ori)).toEqual(before);
  return answer;
}

describe('Admin API: calendar feeds', () => {
  it('issues a feed and answers its URL once; only the hash of its token is stored, and the trail names it', async () => {
    // Prepare
    const ori = await registeredAgency();

    // Act
    const issued = await callAdminApi('POST', `/agencies/${ori}/calendar-feed`, { body: {} });
    const status = await callAdminApi('GET', `/agencies/${ori}/calendar-feed`);

    // Assess: the answer
    expect(issued.status).toBe(201);
    expect(issued.json).toEqual({
      ori,
      active: true,
      feedRef: expect.stringMatching(/^cal-[0-9a-f]{16}$/),
      issuedAt: NOW.toISOString(),
      url: expect.stringMatching(FEED_URL),
    });
    expect(status.json).toEqual({
      ori,
      active: true,
      feedRef: issued.json.feedRef,
      issuedAt: NOW.toISOString(),
    });
    // Assess: what is stored holds the token's hash, never the token or the URL
    const token = tokenOf(issued.json.url);
    const tokenItem = await table.store.get(keys.calendarFeedToken(hashCalendarToken(token)));
    const pointer = await table.store.get(keys.agencyCalendarFeed(ori));
    expect(tokenItem).toMatchObject({ ori, issuedAt: NOW.toISOString() });
    expect(pointer).toMatchObject({ tokenHash: hashCalendarToken(token), feedRef: issued.json.feedRef });
    const events = await table.repository.trail.readAll(`agy_${ori}`);
    expect(events.map((event) => event.type)).toEqual(['agency.registered', 'agency.calendar-feed-issued']);
    expect(events[1]).toMatchObject({ actor: administrator, payload: { feedRef: issued.json.feedRef } });
    expect(JSON.stringify([tokenItem, pointer, events, status.json])).not.toContain(token);
  });

  it('refuses to replace a live feed without rotate (409, nothing written), and rotates with it', async () => {
    // Prepare
    const ori = await registeredAgency();
    const first = await callAdminApi('POST', `/agencies/${ori}/calendar-feed`, { body: {} });

    // Act
    const repeated = await expectRefusedWithoutWrites(
      ori,
      () => callAdminApi('POST', `/agencies/${ori}/calendar-feed`, { body: { rotate: false } }),
      409,
    );
    const rotated = await callAdminApi('POST', `/agencies/${ori}/calendar-feed`, { body: { rotate: true } });

    // Assess
    expect(repeated.json.error).toMatchObject({ code: 'AlreadyExists' });
    expect(repeated.json.error.message).toContain(first.json.feedRef);
    expect(repeated.json.error.message).toContain('"rotate": true');
    expect(rotated.status).toBe(201);
    expect(rotated.json).toMatchObject({ active: true, replacedFeedRef: first.json.feedRef });
    expect(rotated.json.url).not.toBe(first.json.url);
    const oldToken = await table.store.get(
      keys.calendarFeedToken(hashCalendarToken(tokenOf(first.json.url))),
    );
    expect(oldToken).toMatchObject({ revokedAt: NOW.toISOString() });
    const events = await table.repository.trail.readAll(`agy_${ori}`);
    expect(events.at(-1)).toMatchObject({
      type: 'agency.calendar-feed-rotated',
      payload: { feedRef: rotated.json.feedRef, replacedFeedRef: first.json.feedRef },
    });
  });

  it('lets one of two simultaneous rotations win (201) and refuses the other (409): one URL works', async () => {
    // Prepare
    const ori = await registeredAgency();
    const first = await callAdminApi('POST', `/agencies/${ori}/calendar-feed`, { body: {} });

    // Act
    const answers = await Promise.all(
      [1, 2].map(() => callAdminApi('POST', `/agencies/${ori}/calendar-feed`, { body: { rotate: true } })),
    );

    // Assess
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409]);
    const winner = answers.find((answer) => answer.status === 201);
    const live = await Promise.all(
      [first.json.url, winner?.json.url].map((url) =>
        table.repository.calendarFeeds.resolveLiveFeed(tokenOf(String(url))),
      ),
    );
    expect(live).toEqual([undefined, ori]);
    const events = await table.repository.trail.readAll(`agy_${ori}`);
    expect(events.map((event) => event.type)).toEqual([
      'agency.registered',
      'agency.calendar-feed-issued',
      'agency.calendar-feed-rotated',
    ]);
  });

  it('revokes the live feed with its reason, and a second revocation changes nothing', async () => {
    // Prepare
    const ori = await registeredAgency();
    const issued = await callAdminApi('POST', `/agencies/${ori}/calendar-feed`, { body: {} });

    // Act
    const revoked = await callAdminApi('POST', `/agencies/${ori}/calendar-feed/revoke`, {
      body: { reason: 'Posted on a shared drive' },
    });
    const again = await expectRefusedWithoutWrites(
      ori,
      () =>
        callAdminApi('POST', `/agencies/${ori}/calendar-feed/revoke`, {
          body: { reason: 'Posted on a shared drive' },
        }),
      200,
    );
    const status = await callAdminApi('GET', `/agencies/${ori}/calendar-feed`);

    // Assess
    expect(revoked.json).toEqual({
      ori,
      active: false,
      revoked: true,
      feedRef: issued.json.feedRef,
      issuedAt: NOW.toISOString(),
      revokedAt: NOW.toISOString(),
      revokedReason: 'Posted on a shared drive',
    });
    expect(again.json).toMatchObject({ revoked: false, active: false });
    expect(status.json).toMatchObject({ active: false, revokedAt: NOW.toISOString() });
    const events = await table.repository.trail.readAll(`agy_${ori}`);
    expect(events.at(-1)).toMatchObject({
      type: 'agency.calendar-feed-revoked',
      payload: { feedRef: issued.json.feedRef, reason: 'Posted on a shared drive' },
    });
    // A new feed after a revocation is an issue, not a rotation
    const reissued = await callAdminApi('POST', `/agencies/${ori}/calendar-feed`, { body: {} });
    expect(reissued.status).toBe(201);
    expect(reissued.json.replacedFeedRef).toBeUndefined();
    expect(reissued.json.revokedAt).toBeUndefined();
  });

  it.each([
    [
      'rotate that is not a boolean',
      'POST',
      'calendar-feed',
      { rotate: 'yes' },
      /^rotate: must be true or false/,
    ],
    ['an unknown field', 'POST', 'calendar-feed', { rotation: true }, /^rotation: is not a field/],
    ['no body', 'POST', 'calendar-feed', undefined, /^\(body\): is required/],
    ['a revocation without a reason', 'POST', 'calendar-feed/revoke', {}, /^reason: /],
    ['a blank reason', 'POST', 'calendar-feed/revoke', { reason: '  ' }, /^reason: a reason is required/],
    ['a query parameter', 'GET', 'calendar-feed?token=x', undefined, /^token: is not a query parameter/],
  ])('refuses %s with 400 naming the field, and writes nothing', async (_case, method, path, body, issue) => {
    // Prepare: an agency with a live feed, so a write would show
    const ori = await registeredAgency();
    await callAdminApi('POST', `/agencies/${ori}/calendar-feed`, { body: {} });
    // Act
    const { json } = await expectRefusedWithoutWrites(
      ori,
      () => callAdminApi(method, `/agencies/${ori}/${path}`, body === undefined ? {} : { body }),
      400,
    );
    // Assess
    expect(json.error.code).toBe('ValidationFailed');
    expect(json.error.issues).toEqual([expect.stringMatching(issue)]);
  });

  it('refuses a malformed ORI with 400 naming it', async () => {
    const { status, json } = await callAdminApi('POST', '/agencies/C@019/calendar-feed', { body: {} });
    expect(status).toBe(400);
    expect(json.error.issues).toEqual([expect.stringMatching(/^ori: /)]);
  });

  it.each([
    ['GET', 'calendar-feed', undefined],
    ['POST', 'calendar-feed', {}],
    ['POST', 'calendar-feed', { rotate: true }],
    ['POST', 'calendar-feed/revoke', { reason: 'Testing' }],
  ])('answers 404 for %s %s of an unknown agency, and writes nothing', async (method, path, body) => {
    // Prepare
    const ori = uniqueOri();
    // Act
    const { json } = await expectRefusedWithoutWrites(
      ori,
      () => callAdminApi(method, `/agencies/${ori}/${path}`, body === undefined ? {} : { body }),
      404,
    );
    // Assess
    expect(json.error.code).toBe('NotFound');
    expect(json.error.message).toContain(ori);
  });
});
