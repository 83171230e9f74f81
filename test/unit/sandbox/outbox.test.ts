import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PostalMime from 'postal-mime';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderNoticeTemplate } from '../../../functions/notices/render-notice.js';
import { Outbox } from '../../../sandbox/outbox.js';
import { VirtualClock } from '../../../sandbox/virtual-clock.js';
import { noticeFixtures } from '../../support/notice-fixtures.js';

const SENT_AT = new Date('2026-03-02T16:30:00.000Z');

describe('Class: Outbox', () => {
  let directory: string;
  let clock: VirtualClock;
  let outbox: Outbox;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'outbox-test-'));
    clock = new VirtualClock({ start: SENT_AT });
    outbox = await Outbox.open({ directory, from: 'audit-notices@example.gov', clock });
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('renders the template into an RFC 5322 message that parses back with its headers, UTF-8 subject and both parts', async () => {
    // Prepare: the data SES would get, with non-ASCII text, markup and an ampersand in it
    const data = {
      ...noticeFixtures['evidence-flagged'],
      agencyName: 'San Diego Sheriff’s Office — Évidence',
      reason: 'Page 2 is <b>unsigned</b> & undated.',
    };
    const expected = renderNoticeTemplate('evidence-flagged', data);

    // Act
    const { messageId } = await outbox.send({
      to: ['tac@agency.example.gov', 'laso@agency.example.gov'],
      template: 'evidence-flagged',
      data,
      tags: { auditId: 'aud_CA0370000_x_2026', stepKey: 'opened' },
    });
    const [entry] = outbox.list();
    const raw = await outbox.readMessage(entry?.id ?? '');
    const email = await PostalMime.parse(raw ?? '');

    // Assess
    expect(messageId).toMatch(/^[0-9a-f-]{36}@sandbox\.local$/);
    expect(entry).toMatchObject({ subject: expected.subject, template: 'evidence-flagged' });
    expect(email.messageId).toBe(`<${messageId}>`);
    expect(email.from?.address).toBe('audit-notices@example.gov');
    expect(email.to?.map((address) => address.address)).toEqual([
      'tac@agency.example.gov',
      'laso@agency.example.gov',
    ]);
    expect(email.subject).toBe(expected.subject);
    expect(email.subject).toMatch(
      /^Evidence returned, please upload again: account-review for San Diego Sheriff’s Office — Évidence/,
    );
    // A multipart body part may end with the line break before its boundary.
    expect(email.text?.trimEnd()).toBe(expected.text.trimEnd());
    expect(email.text).toContain('Page 2 is <b>unsigned</b> & undated.');
    expect(email.html?.trimEnd()).toBe(expected.html.trimEnd());
    expect(email.html).toContain('Page 2 is &lt;b&gt;unsigned&lt;/b&gt; &amp; undated.');
    expect(new Date(email.date ?? '').toISOString()).toBe(SENT_AT.toISOString());
    const header = (name: string) => email.headers.find((candidate) => candidate.key === name)?.value;
    expect(header('mime-version')).toBe('1.0');
    expect(header('x-ses-message-tags')?.replace(/\s+/g, ' ')).toBe(
      'auditId=aud_CA0370000_x_2026, stepKey=opened',
    );
    // 7-bit on the wire: every non-ASCII character is encoded.
    expect([...(raw ?? Buffer.alloc(0))].every((byte) => byte < 0x80)).toBe(true);
  });

  it('refuses data that does not fit the template and writes nothing', async () => {
    // Act
    const sending = outbox.send({
      to: ['tac@agency.example.gov'],
      template: 'reminder',
      data: { ...noticeFixtures.reminder, dueDate: 'tomorrow' },
      tags: {},
    });

    // Assess
    await expect(sending).rejects.toThrow(/dueDate: must be a date YYYY-MM-DD/);
    expect(outbox.list()).toEqual([]);
  });

  it('keeps an index.json, newest first, and finds it again when reopened', async () => {
    // Prepare
    const first = renderNoticeTemplate('audit-opened', noticeFixtures['audit-opened']).subject;
    const second = renderNoticeTemplate('reminder', noticeFixtures.reminder).subject;
    await outbox.send({
      to: ['a@example.gov'],
      template: 'audit-opened',
      data: noticeFixtures['audit-opened'],
      tags: {},
    });
    await clock.advance(60_000);
    await outbox.send({
      to: ['b@example.gov'],
      template: 'reminder',
      data: noticeFixtures.reminder,
      tags: { kind: 'reminder' },
    });

    // Act
    const reopened = await Outbox.open({ directory, from: 'audit-notices@example.gov', clock });
    const index = JSON.parse(await readFile(join(directory, 'index.json'), 'utf8')) as { subject: string }[];

    // Assess
    expect(reopened.list().map((entry) => entry.subject)).toEqual([second, first]);
    expect(reopened.list()[0]).toMatchObject({
      to: ['b@example.gov'],
      template: 'reminder',
      tags: { kind: 'reminder' },
      sentAt: new Date(SENT_AT.getTime() + 60_000).toISOString(),
      file: expect.stringMatching(/^[0-9a-f-]{36}\.eml$/),
    });
    expect(index.map((entry) => entry.subject)).toEqual([first, second]);
  });

  it('answers undefined for an id it does not hold or one shaped like a path', async () => {
    // Act / Assess
    expect(await outbox.readMessage('../index')).toBeUndefined();
    expect(await outbox.readMessage('00000000-0000-4000-8000-000000000000')).toBeUndefined();
  });
});
