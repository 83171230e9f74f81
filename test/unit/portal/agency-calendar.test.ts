import ICAL from 'ical.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { AgencyCalendarView, CalendarAudit } from '../../../functions/portal/agency-calendar-view.js';
import { renderAgencyCalendar } from '../../../functions/portal/render/agency-calendar.js';
import { calendarTokenOf } from '../../../functions/portal/serve-calendar-feed.js';

const audit: CalendarAudit = {
  auditId: 'aud_CA0190000_account-review_2027',
  programTitle: 'User account review',
  periodKey: '2027',
  status: 'scheduled',
  dueDate: '2027-03-01',
  timeZone: 'America/Los_Angeles',
  opensAt: '2027-01-30T08:00:00.000Z',
  responsibleRole: 'laso',
  requested: ['Signed account review', 'Roster of\nusers'],
  version: 4,
  createdAt: '2026-12-01T16:00:00.000Z',
  updatedAt: '2027-01-30T08:00:05.000Z',
};

const view: AgencyCalendarView = {
  agency: { ori: 'CA0190000', name: 'Fresno PD\u0007, "North"; Unit\nTwo' },
  stage: 'prod',
  contactEmails: ['cjis-admin@example.gov'],
  audits: [audit],
};

const zoneAtStart = process.env.TZ;
afterEach(() => {
  if (zoneAtStart === undefined) delete process.env.TZ;
  else process.env.TZ = zoneAtStart;
});

const firstEvent = (text: string) =>
  new ICAL.Event(new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent('vevent') ?? undefined);

describe('Render: agency calendar feed', () => {
  it('writes the same bytes whatever zone the server runs in: the due date is the audit’s own', () => {
    // Act: a zone far east of UTC and one far west
    process.env.TZ = 'Pacific/Kiritimati';
    const east = renderAgencyCalendar(view);
    process.env.TZ = 'Pacific/Pago_Pago';
    const west = renderAgencyCalendar(view);
    // Assess
    expect(east).toBe(west);
    expect(east).toContain('DTSTART;VALUE=DATE:20270301\r\nDTEND;VALUE=DATE:20270302\r\n');
    expect(east).not.toContain('VTIMEZONE');
  });

  it('takes DTSTAMP and LAST-MODIFIED from the audit’s last change and SEQUENCE from its version', () => {
    const text = renderAgencyCalendar(view);
    expect(text).toContain('UID:aud_CA0190000_account-review_2027@prod.clets-audit\r\n');
    expect(text).toContain('SEQUENCE:3\r\n');
    expect(text).toContain('DTSTAMP:20270130T080005Z\r\n');
    expect(text).toContain('LAST-MODIFIED:20270130T080005Z\r\n');
    expect(text).toContain('CREATED:20261201T160000Z\r\n');
    expect(text).toContain('TRANSP:TRANSPARENT\r\n');
  });

  it('keeps names on one line, drops control characters and escapes TEXT, so input cannot add properties', () => {
    // Act
    const text = renderAgencyCalendar(view);
    const event = firstEvent(text);
    // Assess: what a calendar app shows
    expect(event.summary).toBe('User account review evidence due — Fresno PD , "North"; Unit Two');
    expect(event.description).toContain('- Roster of users\n');
    expect(event.description).toContain(
      "upload link emailed to your agency's Local Agency Security Officer (LASO) when the audit opens on January 30, 2027.",
    );
    // Assess: what is on the wire
    expect(text.includes('\u0007')).toBe(false);
    expect(text.split('\r\n').some((line) => line.startsWith('Two'))).toBe(false);
    expect(text).toContain('X-WR-CALNAME:CLETS audits — Fresno PD \\, "North"\\; Unit Two (CA0190000)');
  });

  it('writes an empty but valid calendar for an agency with nothing due', () => {
    const text = renderAgencyCalendar({ ...view, audits: [] });
    const calendar = new ICAL.Component(ICAL.parse(text));
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getAllSubcomponents('vevent')).toEqual([]);
  });

  it.each([
    [`${'a'.repeat(43)}.ics`, 'a'.repeat(43)],
    [`${'a'.repeat(43)}`, undefined],
    [`${'a'.repeat(42)}.ics`, undefined],
    [`${'a'.repeat(43)}.ICS`, undefined],
    [`${'a'.repeat(42)}+.ics`, undefined],
  ])('reads the token out of the feed segment %s', (segment, token) => {
    expect(calendarTokenOf(segment)).toBe(token);
  });
});
