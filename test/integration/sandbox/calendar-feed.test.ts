import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../../sandbox/start-sandbox.js';
import { injectedSandboxResources, injectedSandboxWorkflows } from '../../setup/local-engines.js';
import { uniqueOri } from '../../support/test-table.js';
import { agencyBody } from '../../unit/api/api-fixtures.js';

/*
 * The calendar feed on the sandbox's front door, the way an administrator and a calendar app meet it: the URL the
 * admin API answers points at the front door, whose router matches /calendar/{feed} as API Gateway does.
 */

const START = new Date('2026-06-10T16:00:00.000Z');

describe('Sandbox: calendar feed on the front door', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startSandbox({
      resources: injectedSandboxResources(),
      workflows: injectedSandboxWorkflows(),
      clockStart: START,
    });
  });

  afterAll(async () => {
    await sandbox.stop();
  });

  const admin = (method: string, path: string, body?: unknown) =>
    fetch(new URL(path, sandbox.frontDoor.url), {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${sandbox.adminToken}` },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  it('serves an enrolled agency its due dates at the URL the admin API answered, and 404 once revoked', async () => {
    // Prepare: an agency enrolled so that an audit is due on 1 July
    const ori = uniqueOri();
    expect((await admin('POST', '/agencies', agencyBody(ori))).status).toBe(201);
    const enrolled = await admin('POST', `/agencies/${ori}/enrollments`, {
      programId: 'account-review',
      anchorDate: '2026-07-01',
    });
    expect(enrolled.status).toBe(201);
    const issued = (await (await admin('POST', `/agencies/${ori}/calendar-feed`, {})).json()) as {
      url: string;
    };

    // Act: a calendar app, without any token of the admin API
    const feed = await fetch(issued.url);
    const text = await feed.text();

    // Assess
    expect(issued.url.startsWith(sandbox.frontDoor.url.replace(/\/$/, ''))).toBe(true);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const events = new ICAL.Component(ICAL.parse(text))
      .getAllSubcomponents('vevent')
      .map((component) => new ICAL.Event(component));
    expect(events.map((event) => [event.uid, event.startDate.toString()])).toEqual([
      [`aud_${ori}_account-review_2026@sandbox.clets-audit`, '2026-07-01'],
    ]);

    // Act: revoke
    const revoked = await admin('POST', `/agencies/${ori}/calendar-feed/revoke`, { reason: 'Sandbox test' });
    const after = await fetch(issued.url);

    // Assess
    expect(revoked.status).toBe(200);
    expect(after.status).toBe(404);
    expect(await after.text()).toBe('Not found.');
  });
});
