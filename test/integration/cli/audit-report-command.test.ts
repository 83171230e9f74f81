import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../functions/domain/trail/hash-chain.js';
import { buildCloseOutReport } from '../../../functions/reports/build-close-out-report.js';
import type { ReportFile } from '../../../functions/reports/report-files.js';
import { buildCloseOutAudit } from '../../support/close-out-audit.js';
import { runCliForTest } from '../../unit/cli/cli-test-io.js';
import { type FakeAdminApi, startFakeAdminApi } from './fake-admin-api.js';

const AUDIT = 'aud_CA0190000_account-review_2027';
const FILES: ReportFile[] = buildCloseOutReport(buildCloseOutAudit());

/** A stand-in for S3 serving the report files by name; `tamper` changes one byte of one file on the way. */
async function startFakeStorage() {
  let tamper: string | undefined;
  const server: Server = createServer((incoming, response) => {
    const name = decodeURIComponent(
      new URL(incoming.url ?? '/', 'http://x').pathname.split('/').at(-1) ?? '',
    );
    const file = FILES.find((candidate) => candidate.name === name);
    if (!file) {
      response.writeHead(404).end('<Error><Code>NoSuchKey</Code></Error>');
      return;
    }
    const body = Buffer.from(file.body, 'utf8');
    if (name === tamper) body.writeUInt8(body.readUInt8(10) ^ 0x01, 10);
    response.writeHead(200, { 'content-type': file.contentType }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the fake storage has no port');
  return {
    origin: `http://127.0.0.1:${address.port}`,
    tamperWith: (name: string | undefined) => {
      tamper = name;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('CLI: audits report against a fake admin API and a fake storage service', () => {
  let api: FakeAdminApi;
  let storage: Awaited<ReturnType<typeof startFakeStorage>>;
  let folder: string;
  let cwd: string;
  const cli = (...argv: string[]) =>
    runCliForTest(argv, { env: { CLETS_API_URL: api.url, CLETS_API_TOKEN: 'review-token' }, cwd });
  /** What the API answers, with the sha256 the stored (untampered) files have. */
  const reportAnswer = () => ({
    auditId: AUDIT,
    prefix: `reports/CA0190000/${AUDIT}/20260610T160000000Z/`,
    generatedAt: '2026-06-10T16:00:00.000Z',
    trailHead: { sequence: 1, hash: 'a'.repeat(64) },
    files: FILES.map((file) => ({
      name: file.name,
      contentType: file.contentType,
      bytes: Buffer.byteLength(file.body, 'utf8'),
      sha256: sha256Hex(file.body),
      url: `${storage.origin}/bucket/reports/${encodeURIComponent(file.name)}?X-Amz-Signature=secret`,
      expiresAt: '2026-06-10T16:05:00.000Z',
    })),
  });

  beforeAll(async () => {
    api = await startFakeAdminApi();
    storage = await startFakeStorage();
    folder = await mkdtemp(join(tmpdir(), 'clets-cli-report-'));
  });

  afterAll(async () => {
    await api.stop();
    await storage.stop();
    await rm(folder, { recursive: true, force: true });
  });

  beforeEach(async () => {
    api.requests.length = 0;
    storage.tamperWith(undefined);
    cwd = await mkdtemp(join(folder, 'cwd-'));
    api.answer((request) =>
      request.method === 'POST' && request.url === `/audits/${AUDIT}/report`
        ? { status: 200, body: reportAnswer() }
        : undefined,
    );
  });

  it('downloads every file into a new folder and prints the verified verdict', async () => {
    const run = await cli('audits', 'report', AUDIT, '--out', 'report');

    expect(api.requests.map((request) => `${request.method} ${request.url}`)).toEqual([
      `POST /audits/${AUDIT}/report`,
    ]);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('VERIFIED');
    expect(run.stdout).not.toContain('secret');
    expect((await readdir(join(cwd, 'report'))).sort()).toEqual(FILES.map((file) => file.name).sort());
  });

  it('refuses a folder that is not empty before asking the API for anything', async () => {
    await writeFile(join(cwd, 'stray.txt'), 'x');
    const run = await cli('audits', 'report', AUDIT, '--out', '.');
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('not empty');
    expect(api.requests).toEqual([]);
  });

  it('fails, keeping nothing of a file whose bytes do not match the answer', async () => {
    storage.tamperWith('trail.jsonl');
    const run = await cli('audits', 'report', AUDIT, '--out', 'report');
    expect(run.exitCode).not.toBe(0);
    expect(await readdir(join(cwd, 'report'))).not.toContain('trail.jsonl');
  });
});
