import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import ICAL from 'ical.js';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Audit } from '../../../functions/domain/schemas/audit.js';
import { handler as portalHandler } from '../../../functions/handlers/agency-portal.js';
import { registerAgency } from '../../../functions/services/agencies.js';
import { issueCalendarFeed, revokeCalendarFeed } from '../../../functions/services/calendar-feeds.js';
import { auditFixture, eventFixture, requestFixture, systemActor } from '../../support/audit-fixtures.js';
import { bindTestRuntime, fakeWorkflows } from '../../support/test-runtime.js';
import { connectTestTable, type TestTable, uniqueOri } from '../../support/test-table.js';

/*
 * The agencies' calendar feed through the portal's Lambda handler (API Gateway's event shape), on dynalite:
 * valid RFC 5545 as an independent parser (ical.js) reads it, exactly the agency's open and upcoming audits,
 * updated as they change, and a bare 404 for every token that opens nothing.
 */

const NOW = new Date('2027-02-10T17:00:00.000Z');
let table: TestTable;

beforeAll(async () => {
  table = await connectTestTable();
  bindTestRuntime(table, { now: NOW, workflows: fakeWorkflows() });
});
afterEach(() => vi.restoreAllMocks());

function event(path: string): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: '',
    headers: {},
    isBase64Encoded: false,
    requestContext: {
      accountId: '000000000000',
      apiId: 'portal',
      domainName: 'portal.example.gov',
      domainPrefix: 'portal',
      http: { method: 'GET', path, protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'calendar-app' },
      requestId: randomUUID(),
      routeKey: '$default',
      stage: '$default',
      time: '',
      timeEpoch: 0,
    },
  };
}

async function fetchFeed(path: string) {
  const response = await portalHandler(event(path));
  return {
    status: response.statusCode ?? 0,
    headers: (response.headers ?? {}) as Record<string, string>,
    text: String(response.body ?? ''),
  };
}

async function registeredAgency(name: string): Promise<string> {
  const ori = uniqueOri();
  await registerAgency(
    {
      ori,
      name,
      county: 'Fresno',
      agencyType: 'criminal-justice-agency',
      contacts: [
        { role: 'tac', name: 'Terry', email: `tac-${ori.toLowerCase()}@example.gov` },
        { role: 'laso', name: 'Lee', email: `laso-${ori.toLowerCase()}@example.gov` },
        { role: 'agency-head', name: 'Avery', email: `head-${ori.toLowerCase()}@example.gov` },
      ],
    },
    systemActor,
  );
  return ori;
}

/** An audit of the agency due on `dueDate` (Pacific), in `status`, with one evidence request. */
async function auditOf(
  ori: string,
  periodKey: string,
  dueDate: string,
  status: Audit['status'],
): Promise<Audit> {
  const fixture = auditFixture(ori, {
    periodKey,
    status,
    nominalDate: dueDate,
    dueDate,
    dueAt: new Date(Date.parse(`${dueDate}T07:59:59.999Z`) + 86_400_000).toISOString(),
  });
  const { audit } = await table.repository.audits.createAudit(
    fixture,
    eventFixture(fixture.auditId, 'audit.created'),
  );
  await table.repository.audits.createEvidenceRequest(
    requestFixture(audit),
    eventFixture(audit.auditId, 'evidence-request.created', `req-${periodKey}`),
  );
  return audit;
}

/** Issues (or rotates) the agency's feed the way the admin API does and returns its path on the portal. */
async function feedPathOf(ori: string, rotate = false): Promise<string> {
  const outcome = await issueCalendarFeed(ori, { rotate }, systemActor);
  if (!outcome.issued) throw new Error('expected a new feed');
  return new URL(outcome.feed.url).pathname;
}

interface ParsedEvent {
  readonly uid: string;
  readonly sequence: number;
  readonly start: string;
  readonly startIsDate: boolean;
  readonly end: string;
  readonly summary: string;
  readonly description: string;
  readonly stamp: string | undefined;
  readonly lastModified: string | undefined;
}

/** Reads the feed with ical.js, as a calendar app would, and checks the RFC 5545 properties it must carry. */
function parseFeed(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  expect(calendar.name).toBe('vcalendar');
  expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
  expect(String(calendar.getFirstPropertyValue('prodid'))).toMatch(/^-\/\/.+\/\/.+\/\/EN$/);
  const events: ParsedEvent[] = calendar.getAllSubcomponents('vevent').map((component) => {
    for (const property of ['uid', 'dtstamp', 'dtstart']) {
      expect(component.hasProperty(property), property).toBe(true);
    }
    const start = component.getFirstProperty('dtstart');
    expect(start?.type).toBe('date');
    const parsed = new ICAL.Event(component);
    return {
      uid: parsed.uid,
      sequence: parsed.sequence,
      start: parsed.startDate.toString(),
      startIsDate: parsed.startDate.isDate,
      end: parsed.endDate.toString(),
      summary: parsed.summary,
      description: parsed.description,
      stamp: component.getFirstPropertyValue('dtstamp')?.toString(),
      lastModified: component.getFirstPropertyValue('last-modified')?.toString(),
    };
  });
  return { calendar, events };
}

const uidOf = (audit: Pick<Audit, 'auditId'>) => `${audit.auditId}@test.clets-audit`;

describe('Agency portal: calendar feed (Lambda handler, dynalite)', () => {
  it("serves valid RFC 5545 listing exactly the agency's open and upcoming audits in the window", async () => {
    // Prepare: one agency's audits in every state, and in and out of the window (90 days back, 2 years ahead)
    const ori = await registeredAgency('Fresno Police Department, "North"; Unit');
    const open = await auditOf(ori, '2027-a', '2027-03-01', 'open');
    const collecting = await auditOf(ori, '2027-b', '2027-02-15', 'collecting');
    const scheduled = await auditOf(ori, '2027-c', '2027-09-30', 'scheduled');
    const inReview = await auditOf(ori, '2027-d', '2027-02-01', 'in-review');
    const overdueInWindow = await auditOf(ori, '2026-a', '2026-12-01', 'open');
    await auditOf(ori, '2026-b', '2026-10-01', 'open'); // overdue by more than 90 days
    await auditOf(ori, '2030-a', '2030-01-15', 'scheduled'); // more than 2 years ahead
    await auditOf(ori, '2027-e', '2027-03-15', 'closed');
    await auditOf(ori, '2027-f', '2027-03-20', 'cancelled');
    await auditOf(ori, '2027-g', '2027-03-25', 'remediation');
    const path = await feedPathOf(ori);

    // Act
    const response = await fetchFeed(path);

    // Assess: the answer
    expect(response.status).toBe(200);
    expect(response.headers).toMatchObject({
      'content-type': 'text/calendar; charset=utf-8',
      'cache-control': 'private, max-age=300',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    });
    expect(path).toMatch(/^\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    // Assess: the calendar, as an independent parser reads it
    const { calendar, events } = parseFeed(response.text);
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toContain(ori);
    expect(events.map((entry) => entry.uid).sort()).toEqual(
      [open, collecting, scheduled, inReview, overdueInWindow].map(uidOf).sort(),
    );
    const first = events.find((entry) => entry.uid === uidOf(open));
    expect(first).toMatchObject({
      start: '2027-03-01',
      startIsDate: true,
      end: '2027-03-02',
      sequence: 0,
      summary: 'User account review evidence due — Fresno Police Department, "North"; Unit',
    });
    expect(first?.description).toContain('Evidence is due by Monday, March 1, 2027 (America/Los_Angeles).');
    expect(first?.description).toContain('- Signed account review');
    expect(first?.description).toMatch(
      /How to upload: use the upload link emailed to your agency's Terminal/,
    );
    expect(first?.description).toContain('cjis-admin@example.gov');
    // The feed is long-lived: it carries no upload link, nor any link at all.
    expect(response.text).not.toMatch(/https?:|\/upload\//);
    // Raw text: all-day dates, line endings and folding as RFC 5545 writes them
    expect(response.text).toContain('DTSTART;VALUE=DATE:20270301\r\n');
    expect(response.text.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
  });

  it('updates an event as its audit changes: SEQUENCE and LAST-MODIFIED move, and a cancelled audit drops out', async () => {
    // Prepare
    const ori = await registeredAgency('Kings County Sheriff');
    const audit = await auditOf(ori, '2027', '2027-03-01', 'open');
    const other = await auditOf(ori, '2027-b', '2027-04-01', 'open');
    const path = await feedPathOf(ori);
    const before = parseFeed((await fetchFeed(path)).text).events.find((entry) => entry.uid === uidOf(audit));

    // Act: the due date moves (as an administrator's change would), then the other audit is cancelled
    const moved = await table.repository.audits.saveAudit(
      audit,
      {
        ...audit,
        dueDate: '2027-03-08',
        dueAt: '2027-03-09T07:59:59.999Z',
        updatedAt: '2027-02-10T16:30:00.000Z',
      },
      eventFixture(audit.auditId, 'audit.rescheduled'),
    );
    await table.repository.audits.saveAudit(
      other,
      { ...other, status: 'cancelled', cancelledAt: NOW.toISOString(), updatedAt: NOW.toISOString() },
      eventFixture(other.auditId, 'audit.cancelled'),
    );
    const after = parseFeed((await fetchFeed(path)).text).events;

    // Assess
    expect(moved.version).toBeGreaterThan(audit.version);
    const changed = after.find((entry) => entry.uid === uidOf(audit));
    expect(changed?.sequence).toBeGreaterThan(before?.sequence ?? Number.POSITIVE_INFINITY);
    expect(changed).toMatchObject({ start: '2027-03-08', lastModified: '2027-02-10T16:30:00Z' });
    expect(after.map((entry) => entry.uid)).toEqual([uidOf(audit)]);
  });

  it("never shows another agency's audits", async () => {
    // Prepare: two agencies, each with an open audit and a feed
    const first = await registeredAgency('Madera Police Department');
    const second = await registeredAgency('Merced Police Department');
    const firstAudit = await auditOf(first, '2027', '2027-03-01', 'open');
    const secondAudit = await auditOf(second, '2027', '2027-03-01', 'open');

    // Act
    const firstFeed = parseFeed((await fetchFeed(await feedPathOf(first))).text);
    const secondFeed = parseFeed((await fetchFeed(await feedPathOf(second))).text);

    // Assess
    expect(firstFeed.events.map((entry) => entry.uid)).toEqual([uidOf(firstAudit)]);
    expect(secondFeed.events.map((entry) => entry.uid)).toEqual([uidOf(secondAudit)]);
    expect(JSON.stringify(firstFeed.events)).not.toContain('Merced');
  });

  it('stops serving the old URL once the feed is rotated, and every URL once it is revoked', async () => {
    // Prepare
    const ori = await registeredAgency('Tulare Police Department');
    await auditOf(ori, '2027', '2027-03-01', 'open');
    const oldPath = await feedPathOf(ori);
    expect((await fetchFeed(oldPath)).status).toBe(200);

    // Act: rotate
    const newPath = await feedPathOf(ori, true);

    // Assess: only the new URL works
    expect(newPath).not.toBe(oldPath);
    expect((await fetchFeed(oldPath)).status).toBe(404);
    expect((await fetchFeed(newPath)).status).toBe(200);

    // Act: revoke
    const revoked = await revokeCalendarFeed(ori, 'URL posted on a shared drive', systemActor);

    // Assess
    expect(revoked).toMatchObject({ revoked: true, active: false });
    expect((await fetchFeed(newPath)).status).toBe(404);
    expect((await fetchFeed(oldPath)).status).toBe(404);
  });

  it('answers every token that opens nothing with the same bare 404, whatever the reason', async () => {
    // Prepare: a revoked feed, a rotated-away feed, an unknown token and malformed paths
    const ori = await registeredAgency('Yolo County Sheriff');
    await auditOf(ori, '2027', '2027-03-01', 'open');
    const revokedPath = await feedPathOf(ori);
    await revokeCalendarFeed(ori, 'Testing refusals', systemActor);
    const rotatedAwayPath = await feedPathOf(ori);
    await feedPathOf(ori, true);
    const live = revokedPath.slice('/calendar/'.length, -'.ics'.length);
    const paths = [
      revokedPath,
      rotatedAwayPath,
      `/calendar/${'A'.repeat(43)}.ics`,
      `/calendar/${live}`,
      `/calendar/${live}.ical`,
      '/calendar/short.ics',
      `/calendar/${live}.ics.ics`,
    ];

    // Act
    const answers = await Promise.all(paths.map(fetchFeed));

    // Assess: one shape for all, naming nothing
    for (const [index, answer] of answers.entries()) {
      expect(answer, paths[index]).toMatchObject({
        status: 404,
        text: 'Not found.',
        headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
      });
    }
  });

  it('logs a failure by route template and request id, never the path or the token', async () => {
    // Prepare: a feed whose read fails
    const ori = await registeredAgency('Napa Police Department');
    const path = await feedPathOf(ori);
    const token = path.slice('/calendar/'.length, -'.ics'.length);
    vi.spyOn(table.repository.calendarFeeds, 'resolveLiveFeed').mockRejectedValueOnce(
      new Error('the table is unreachable'),
    );
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);

    // Act
    const answer = await fetchFeed(path);

    // Assess
    expect(answer.status).toBe(500);
    expect(answer.text).not.toContain(token);
    const lines = logged.mock.calls.map((call) => call.map(String).join(' '));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('/calendar/{feed}');
    expect(lines[0]).not.toContain(token);
  });
});
