import { createHash, randomUUID } from 'node:crypto';
import { type FileHandle, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { DownloadFailedError } from '../cli-errors.js';

/** The file the API described: what must arrive, byte for byte. */
export interface ExpectedFile {
  /** A presigned URL: a credential until it expires, so it never appears in a message. */
  readonly url: string;
  readonly sizeBytes: number;
  readonly sha256: string;
}

export interface DownloadTarget {
  readonly path: string;
  /** Replace an existing file; otherwise an existing file is never touched. */
  readonly overwrite: boolean;
}

export interface DownloadedFile {
  readonly path: string;
  readonly sizeBytes: number;
  readonly sha256: string;
}

/** A download that stalls this long is abandoned: a lost connection should not hang a script. */
const IDLE_TIMEOUT_MS = 60_000;

/** Evidence is criminal-justice information: readable by the person who downloaded it, nobody else. */
const FILE_MODE = 0o600;

/** S3 answers errors as XML with a <Code>, e.g. AccessDenied for an expired URL. */
const s3ErrorCode = (body: string) => /<Code>([^<]{1,64})<\/Code>/.exec(body)?.[1];

const originOf = (url: string) => new URL(url).origin;

/** The system error code under fetch's "fetch failed", e.g. ECONNREFUSED. */
const causeCode = (error: unknown) =>
  (error as { cause?: { code?: unknown } } | undefined)?.cause?.code?.toString();

/**
 * Claims where the bytes are written. Without `overwrite`, the target itself is created exclusively (an
 * existing file makes this fail, and is left alone); with it, a hidden file beside the target is written and
 * renamed over it only once verified, so a failed download never destroys the file it was to replace.
 */
async function claimFile(target: DownloadTarget): Promise<{ handle: FileHandle; writtenPath: string }> {
  const writtenPath = target.overwrite
    ? join(dirname(target.path), `.${basename(target.path)}.${randomUUID().slice(0, 8)}.part`)
    : target.path;
  try {
    return { handle: await open(writtenPath, 'wx', FILE_MODE), writtenPath };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      throw new DownloadFailedError(
        `${target.path} already exists; nothing was written. Choose another --out path, or add --force to replace it.`,
      );
    }
    throw new DownloadFailedError(`cannot write ${writtenPath}: ${code ?? String(error)}`);
  }
}

/**
 * Streams a presigned URL to a file, hashing the bytes as they are written, and keeps the file only if its
 * size and SHA-256 are the ones expected. On any failure (an error answer, a lost connection, too many bytes,
 * a digest that does not match) the partial file is removed. No Authorization header is sent: the URL
 * carries its own signature, and the admin API's token must never reach the storage service.
 */
export async function downloadVerifiedFile(
  expected: ExpectedFile,
  target: DownloadTarget,
  fetchFile: typeof fetch = fetch,
): Promise<DownloadedFile> {
  const { handle, writtenPath } = await claimFile(target);
  const controller = new AbortController();
  const idle = setTimeout(() => controller.abort(), IDLE_TIMEOUT_MS);
  const hash = createHash('sha256');
  let received = 0;
  try {
    let response: Response;
    try {
      response = await fetchFile(expected.url, { signal: controller.signal });
    } catch (error) {
      const reason = controller.signal.aborted ? 'no answer in time' : causeCode(error);
      throw new DownloadFailedError(
        `cannot reach the evidence store at ${originOf(expected.url)}${reason ? ` (${reason})` : ''}; nothing was saved.`,
      );
    }
    if (!response.ok || !response.body) {
      const code = s3ErrorCode(await response.text().catch(() => ''));
      throw new DownloadFailedError(
        `the evidence store answered ${response.status}${code ? ` (${code})` : ''}; nothing was saved. A download URL works for five minutes: run the command again for a new one.`,
      );
    }
    const verify = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        idle.refresh();
        received += chunk.length;
        if (received > expected.sizeBytes) {
          done(
            new DownloadFailedError(
              `the evidence store sent more than the ${expected.sizeBytes} bytes the file has; nothing was saved.`,
            ),
          );
          return;
        }
        hash.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(
        Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>),
        verify,
        handle.createWriteStream(),
      );
    } catch (error) {
      if (error instanceof DownloadFailedError) throw error;
      const reason = controller.signal.aborted ? `no data for ${IDLE_TIMEOUT_MS / 1000} s` : causeCode(error);
      throw new DownloadFailedError(
        `the download from ${originOf(expected.url)} broke off after ${received} bytes${reason ? ` (${reason})` : ''}; nothing was saved.`,
      );
    }
    const sha256 = hash.digest('hex');
    if (received !== expected.sizeBytes || sha256 !== expected.sha256) {
      throw new DownloadFailedError(
        `the downloaded file does not match the evidence record (expected ${expected.sizeBytes} bytes with SHA-256 ${expected.sha256}, received ${received} bytes with SHA-256 ${sha256}); the file was deleted.`,
      );
    }
    if (writtenPath !== target.path) await rename(writtenPath, target.path);
    return { path: target.path, sizeBytes: received, sha256 };
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(writtenPath).catch(() => undefined);
    throw error;
  } finally {
    clearTimeout(idle);
    await handle.close().catch(() => undefined);
  }
}
