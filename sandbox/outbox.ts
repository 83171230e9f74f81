import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { Clock } from '../functions/adapters/runtime/clock.js';
import type { Mailer, OutgoingEmail } from '../functions/adapters/runtime/mailer.js';
import { renderNoticeTemplate } from '../functions/notices/render-notice.js';

/** One sent message, as listed in index.json and by GET /outbox. */
export interface OutboxEntry {
  /** The file name without `.eml`; also the local part of the Message-ID. */
  readonly id: string;
  /** What the mailer returned, as SES returns its message id: `<id>@sandbox.local`. */
  readonly messageId: string;
  readonly to: readonly string[];
  readonly subject: string;
  /** The email template it was rendered from (functions/notices). */
  readonly template?: string;
  readonly tags: Readonly<Record<string, string>>;
  /** Virtual time. */
  readonly sentAt: string;
  /** Relative to the outbox folder. */
  readonly file: string;
}

export interface OutboxOptions {
  /** Created with the first message; an index.json already there (an earlier run) is kept and extended. */
  readonly directory: string;
  /** The From address (the deployment's senderAddress). */
  readonly from: string;
  /** The Date header and sentAt come from the virtual clock, like every other time the handlers see. */
  readonly clock: Clock;
}

const INDEX_FILE = 'index.json';
const MESSAGE_ID_DOMAIN = 'sandbox.local';
const ID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * SES message tags travel in this header when mail goes through SES's SMTP interface; using it keeps the tags
 * visible in the .eml as they would be in AWS.
 */
const TAGS_HEADER = 'X-SES-MESSAGE-TAGS';

/**
 * The sandbox's Mailer: instead of SES, each message becomes an RFC 5322 .eml file (open it in any mail
 * program) beside an index.json listing what was sent. The message is rendered from the same template and data
 * SES would render in AWS (renderNoticeTemplate), so what a test reads is what an agency gets. nodemailer's
 * MailComposer writes the MIME: RFC 2047 encoded subjects and names, quoted-printable bodies,
 * multipart/alternative, line folding. Nothing here logs: messages name agencies, people and upload links.
 */
export class Outbox implements Mailer {
  private entries: OutboxEntry[];
  /** Writes of index.json happen one at a time, so concurrent sends cannot lose each other's entries. */
  private writes: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly options: OutboxOptions,
    entries: OutboxEntry[],
  ) {
    this.entries = entries;
  }

  /** Reads the index an earlier run left; the folder itself is created with the first message. */
  static async open(options: OutboxOptions): Promise<Outbox> {
    const existing = await readFile(join(options.directory, INDEX_FILE), 'utf8').then(
      (text) => JSON.parse(text) as OutboxEntry[],
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return [];
        throw error;
      },
    );
    return new Outbox(options, Array.isArray(existing) ? existing : []);
  }

  get directory(): string {
    return this.options.directory;
  }

  async send(email: OutgoingEmail): Promise<{ messageId: string }> {
    const id = randomUUID();
    const messageId = `${id}@${MESSAGE_ID_DOMAIN}`;
    const sentAt = this.options.clock.now();
    const rendered = renderNoticeTemplate(email.template, email.data);
    const composer = new MailComposer({
      from: this.options.from,
      to: [...email.to],
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      messageId: `<${messageId}>`,
      date: sentAt,
      headers: Object.keys(email.tags).length > 0 ? { [TAGS_HEADER]: formatTags(email.tags) } : {},
    });
    const message = await composer.compile().build();
    const file = `${id}.eml`;
    const entry: OutboxEntry = {
      id,
      messageId,
      to: [...email.to],
      subject: rendered.subject,
      template: email.template,
      tags: { ...email.tags },
      sentAt: sentAt.toISOString(),
      file,
    };
    await mkdir(this.options.directory, { recursive: true });
    await writeFile(join(this.options.directory, file), message);
    await this.append(entry);
    return { messageId };
  }

  /** Newest first (by virtual send time, then by order of sending). */
  list(): OutboxEntry[] {
    return this.entries
      .map((entry, order) => ({ entry, order }))
      .sort((a, b) => b.entry.sentAt.localeCompare(a.entry.sentAt) || b.order - a.order)
      .map(({ entry }) => entry);
  }

  /** The raw message, or undefined for an id the outbox does not hold (or one shaped like a path). */
  async readMessage(id: string): Promise<Buffer | undefined> {
    if (!ID_SHAPE.test(id)) return undefined;
    const entry = this.entries.find((candidate) => candidate.id === id);
    if (!entry) return undefined;
    return readFile(join(this.options.directory, entry.file));
  }

  private append(entry: OutboxEntry): Promise<void> {
    const write = this.writes.then(async () => {
      this.entries = [...this.entries, entry];
      const indexPath = join(this.options.directory, INDEX_FILE);
      // Written aside then renamed, so a reader never sees half an index.
      const partial = `${indexPath}.${process.pid}.tmp`;
      await writeFile(partial, `${JSON.stringify(this.entries, null, 2)}\n`);
      await rename(partial, indexPath);
    });
    this.writes = write.catch(() => undefined);
    return write;
  }
}

/** `name=value, name=value`, as SES's SMTP interface reads the tags header. */
function formatTags(tags: Readonly<Record<string, string>>): string {
  return Object.entries(tags)
    .map(([name, value]) => `${name}=${value}`)
    .join(', ');
}
