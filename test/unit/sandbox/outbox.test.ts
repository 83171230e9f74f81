import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PostalMime from 'postal-mime';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Outbox } from '../../../sandbox/outbox.js';
import { VirtualClock } from '../../../sandbox/virtual-clock.js';

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

  it('writes an RFC 5322 message that parses back with its headers, UTF-8 subject and both bodies', async () => {
    // Prepare
    const subject = 'Évidence requested: San Diego Sheriff’s Office — due 2026-04-01 ✓';
    const text = 'Bonjour,\nUpload here: https://audits.example.gov/u/abc?x=1&y=2\nMerci — l’équipe\n';

    // Act
    const { messageId } = await outbox.send({
      to: ['tac@agency.example.gov', 'laso@agency.example.gov'],
      subject,
      text,
      html: '<p>Bonjour <strong>TAC</strong> — é</p>',
      tags: { auditId: 'aud_CA0370000_x_2026', stepKey: 'opened' },
    });
    const [entry] = outbox.list();
    const raw = await outbox.readMessage(entry?.id ?? '');
    const email = await PostalMime.parse(raw ?? '');

    // Assess
    expect(messageId).toMatch(/^[0-9a-f-]{36}@sandbox\.local$/);
    expect(email.messageId).toBe(`<${messageId}>`);
    expect(email.from?.address).toBe('audit-notices@example.gov');
    expect(email.to?.map((address) => address.address)).toEqual([
      'tac@agency.example.gov',
      'laso@agency.example.gov',
    ]);
    expect(email.subject).toBe(subject);
    // A multipart body part may end with the line break before its boundary.
    expect(email.text?.trimEnd()).toBe(text.trimEnd());
    expect(email.html).toContain('<strong>TAC</strong> — é');
    expect(new Date(email.date ?? '').toISOString()).toBe(SENT_AT.toISOString());
    const header = (name: string) => email.headers.find((candidate) => candidate.key === name)?.value;
    expect(header('mime-version')).toBe('1.0');
    expect(header('x-ses-message-tags')?.replace(/\s+/g, ' ')).toBe(
      'auditId=aud_CA0370000_x_2026, stepKey=opened',
    );
    // 7-bit on the wire: every non-ASCII character is encoded.
    expect([...(raw ?? Buffer.alloc(0))].every((byte) => byte < 0x80)).toBe(true);
  });

  it('keeps an index.json, newest first, and finds it again when reopened', async () => {
    // Prepare
    await outbox.send({ to: ['a@example.gov'], subject: 'first', text: 'one', tags: {} });
    await clock.advance(60_000);
    await outbox.send({ to: ['b@example.gov'], subject: 'second', text: 'two', tags: { kind: 'reminder' } });

    // Act
    const reopened = await Outbox.open({ directory, from: 'audit-notices@example.gov', clock });
    const index = JSON.parse(await readFile(join(directory, 'index.json'), 'utf8')) as { subject: string }[];

    // Assess
    expect(reopened.list().map((entry) => entry.subject)).toEqual(['second', 'first']);
    expect(reopened.list()[0]).toMatchObject({
      to: ['b@example.gov'],
      tags: { kind: 'reminder' },
      sentAt: new Date(SENT_AT.getTime() + 60_000).toISOString(),
      file: expect.stringMatching(/^[0-9a-f-]{36}\.eml$/),
    });
    expect(index.map((entry) => entry.subject)).toEqual(['first', 'second']);
  });

  it('answers undefined for an id it does not hold or one shaped like a path', async () => {
    // Act / Assess
    expect(await outbox.readMessage('../index')).toBeUndefined();
    expect(await outbox.readMessage('00000000-0000-4000-8000-000000000000')).toBeUndefined();
  });
});
