import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCliForTest } from '../../unit/cli/cli-test-io.js';
import { apiError, type FakeAdminApi, type RecordedRequest, startFakeAdminApi } from './fake-admin-api.js';

const AUDIT = 'aud_CA0190000_account-review_2027';
const REQUEST = 'req_CA0190000_account-review_2027_review-signoff';
const OTHER_REQUEST = 'req_CA0190000_account-review_2027_user-roster';
const BYTES = Buffer.from('%PDF-1.7\nsigned account review\n%%EOF\n');
const SHA256 = createHash('sha256').update(BYTES).digest('hex');
const EVIDENCE = `evd_CA0190000_account-review_2027_review-signoff_${SHA256.slice(0, 32)}`;
/** Stands for the presigned URL's signature: it must never be printed. */
const SIGNATURE = 'X-Amz-Signature=secret-signature-0123456789';

interface StoredFile {
  readonly status: number;
  readonly body: Buffer;
}

/** A stand-in for S3 serving presigned GETs: answers whatever the test scripted and records each request. */
async function startFakeStorage() {
  const requests: { url: string; authorization: string | undefined }[] = [];
  let file: StoredFile = { status: 200, body: BYTES };
  const server: Server = createServer((incoming, response) => {
    requests.push({ url: incoming.url ?? '/', authorization: incoming.headers.authorization });
    response.writeHead(file.status, {
      'content-type': file.status === 200 ? 'application/pdf' : 'application/xml',
    });
    response.end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the fake storage has no port');
  return {
    url: `http://127.0.0.1:${address.port}/evidence-bucket/object?versionId=null&${SIGNATURE}`,
    requests,
    serve: (next: StoredFile) => {
      file = next;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const evidenceListing = () => ({
  auditId: AUDIT,
  status: 'in-review',
  requests: [
    {
      request: {
        requestId: REQUEST,
        requirementId: 'review-signoff',
        status: 'resubmitted',
        currentEvidenceId: EVIDENCE,
        submissionCount: 2,
      },
      evidence: [
        {
          evidenceId: 'evd_old',
          requestId: REQUEST,
          fileName: 'first try.pdf',
          sizeBytes: 10,
          sha256: 'b'.repeat(64),
          receivedAt: '2027-02-01T17:00:00.000Z',
        },
        {
          evidenceId: EVIDENCE,
          requestId: REQUEST,
          fileName: 'review.pdf',
          sizeBytes: BYTES.byteLength,
          sha256: SHA256,
          receivedAt: '2027-02-10T17:00:00.000Z',
        },
      ],
      rejections: [{ rejectionId: 'rej_1' }],
    },
    {
      request: {
        requestId: OTHER_REQUEST,
        requirementId: 'user-roster',
        status: 'flagged',
        currentEvidenceId: 'evd_roster',
        submissionCount: 1,
        flagReason: 'Roster is from 2025',
      },
      evidence: [
        {
          evidenceId: 'evd_roster',
          fileName: 'roster.pdf',
          sizeBytes: 20,
          sha256: 'c'.repeat(64),
          receivedAt: '2027-02-03T17:00:00.000Z',
        },
      ],
      rejections: [],
    },
  ],
});

describe('CLI: evidence commands against a fake admin API and a fake storage service', () => {
  let api: FakeAdminApi;
  let storage: Awaited<ReturnType<typeof startFakeStorage>>;
  let folder: string;
  let cwd: string;
  const cli = (...argv: string[]) =>
    runCliForTest(argv, { env: { CLETS_API_URL: api.url, CLETS_API_TOKEN: 'review-token' }, cwd });
  const sent = () => api.requests.map((request) => `${request.method} ${request.url}`);

  /** The admin API: the evidence listing, and a download answer pointing at the fake storage. */
  const answerDownloads = (download: Record<string, unknown> = {}) =>
    api.answer((request: RecordedRequest) => {
      if (request.method === 'GET' && request.url === `/audits/${AUDIT}/evidence`)
        return { status: 200, body: evidenceListing() };
      if (request.method === 'POST' && request.url === `/audits/${AUDIT}/evidence/${EVIDENCE}/download`) {
        return {
          status: 200,
          body: {
            evidenceId: EVIDENCE,
            fileName: 'review.pdf',
            contentType: 'application/pdf',
            sizeBytes: BYTES.byteLength,
            sha256: SHA256,
            url: storage.url,
            expiresAt: '2027-02-10T17:05:00.000Z',
            ...download,
          },
        };
      }
      return undefined;
    });

  beforeAll(async () => {
    api = await startFakeAdminApi();
    storage = await startFakeStorage();
    folder = await mkdtemp(join(tmpdir(), 'clets-cli-evidence-'));
  });

  afterAll(async () => {
    await api.stop();
    await storage.stop();
    await rm(folder, { recursive: true, force: true });
  });

  beforeEach(async () => {
    api.requests.length = 0;
    storage.requests.length = 0;
    storage.serve({ status: 200, body: BYTES });
    // A fresh, empty working folder per test
    cwd = await mkdtemp(join(folder, 'cwd-'));
  });

  it('evidence list shows each request with its current file, digest prefix, counts and flag reason', async () => {
    // Prepare
    api.answer(() => ({ status: 200, body: evidenceListing() }));

    // Act
    const run = await cli('evidence', 'list', AUDIT);

    // Assess
    expect(sent()).toEqual([`GET /audits/${AUDIT}/evidence`]);
    expect(run.exitCode).toBe(0);
    expect(run.stdout.split('\n')).toEqual([
      `Audit ${AUDIT} is in-review.`,
      `${'REQUEST'.padEnd(REQUEST.length)}  STATUS       CURRENT FILE  SHA-256       RECEIVED                  SUBMISSIONS  REJECTIONS  FLAG REASON`,
      `${REQUEST}  resubmitted  review.pdf    ${SHA256.slice(0, 12)}  2027-02-10T17:00:00.000Z  2            1`,
      `${OTHER_REQUEST.padEnd(REQUEST.length)}  flagged      roster.pdf    cccccccccccc  2027-02-03T17:00:00.000Z  1            0           Roster is from 2025`,
      'Requests: 2 (1 resubmitted, 1 flagged)',
      'Awaiting a decision (clets-audit evidence accept|flag <auditId> <requestId> --evidence <evidenceId>):',
      `  ${'REQUEST'.padEnd(REQUEST.length)}  EVIDENCE`,
      `  ${REQUEST}  ${EVIDENCE}`,
      '',
    ]);
  });

  it('evidence download --out saves the verified file, sending the API token to the API only', async () => {
    // Prepare
    answerDownloads();
    await mkdir(join(cwd, 'saved'));

    // Act
    const run = await cli('evidence', 'download', AUDIT, EVIDENCE, '--out', 'saved/review copy.pdf');

    // Assess: no listing needed (the path is given), one download asked for, fetched without the token
    const path = join(cwd, 'saved', 'review copy.pdf');
    expect(sent()).toEqual([`POST /audits/${AUDIT}/evidence/${EVIDENCE}/download`]);
    expect(api.requests[0]?.authorization).toBe('Bearer review-token');
    expect(storage.requests).toEqual([{ url: expect.stringContaining(SIGNATURE), authorization: undefined }]);
    expect(await readFile(path)).toEqual(BYTES);
    // Evidence is criminal-justice information: readable by its owner only
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(run).toEqual({
      exitCode: 0,
      stderr: '',
      stdout:
        `Saved review.pdf to ${path}.\n` +
        `Size     ${BYTES.byteLength} bytes\n` +
        `SHA-256  ${SHA256} (verified)\n`,
    });
  });

  it('evidence download without --out saves under the file name in the current folder; --json omits the URL', async () => {
    // Prepare
    answerDownloads();

    // Act
    const run = await cli('--json', 'evidence', 'download', AUDIT, EVIDENCE);

    // Assess: the listing is read first, to check the name is free before a download is recorded
    expect(sent()).toEqual([
      `GET /audits/${AUDIT}/evidence`,
      `POST /audits/${AUDIT}/evidence/${EVIDENCE}/download`,
    ]);
    expect(await readFile(join(cwd, 'review.pdf'))).toEqual(BYTES);
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      path: join(cwd, 'review.pdf'),
      evidenceId: EVIDENCE,
      fileName: 'review.pdf',
      sizeBytes: BYTES.byteLength,
      sha256: SHA256,
    });
    expect(run.stdout).not.toContain(SIGNATURE);
  });

  it('evidence download fails on bytes that do not match the SHA-256, deleting the partial file', async () => {
    // Prepare: same length, one byte changed
    answerDownloads();
    const tampered = Buffer.from(BYTES);
    tampered[12] = (tampered[12] as number) ^ 0xff;
    storage.serve({ status: 200, body: tampered });

    // Act
    const run = await cli('evidence', 'download', AUDIT, EVIDENCE, '--out', 'review.pdf');

    // Assess
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `error: the downloaded file does not match the evidence record (expected ${BYTES.byteLength} bytes with SHA-256 ${SHA256}, received ${BYTES.byteLength} bytes with SHA-256 ${createHash('sha256').update(tampered).digest('hex')}); the file was deleted.\n`,
    );
    expect(await readdir(cwd)).toEqual([]);
  });

  it('evidence download stops at more bytes than the file has, leaving nothing behind', async () => {
    // Prepare
    answerDownloads();
    storage.serve({ status: 200, body: Buffer.concat([BYTES, Buffer.alloc(1024, 0x41)]) });

    // Act
    const run = await cli('evidence', 'download', AUDIT, EVIDENCE);

    // Assess
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(/^error: the evidence store sent more than the \d+ bytes the file has/);
    expect(await readdir(cwd)).toEqual([]);
  });

  it('evidence download reports an expired URL by its S3 error code, never printing the URL', async () => {
    // Prepare
    answerDownloads();
    storage.serve({
      status: 403,
      body: Buffer.from(
        '<?xml version="1.0"?><Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>',
      ),
    });

    // Act
    const run = await cli('evidence', 'download', AUDIT, EVIDENCE, '--out', 'review.pdf');

    // Assess
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toBe(
      'error: the evidence store answered 403 (AccessDenied); nothing was saved. A download URL works for five minutes: run the command again for a new one.\n',
    );
    expect(run.stderr).not.toContain(SIGNATURE);
    expect(await readdir(cwd)).toEqual([]);
  });

  it('evidence download never overwrites an existing --out file without --force, and sends nothing', async () => {
    // Prepare
    answerDownloads();
    await writeFile(join(cwd, 'review.pdf'), 'keep me');

    // Act
    const run = await cli('evidence', 'download', AUDIT, EVIDENCE, '--out', 'review.pdf');

    // Assess
    expect(api.requests).toEqual([]);
    expect(storage.requests).toEqual([]);
    expect(run).toEqual({
      exitCode: 2,
      stdout: '',
      stderr:
        'error: invalid input; nothing was sent\n' +
        `  --out: ${join(cwd, 'review.pdf')} already exists; choose another path with --out, or add --force to replace it\n`,
    });
    expect(await readFile(join(cwd, 'review.pdf'), 'utf8')).toBe('keep me');
  });

  it('evidence download refuses a default file name already taken, before asking for a download', async () => {
    // Prepare
    answerDownloads();
    await writeFile(join(cwd, 'review.pdf'), 'keep me');

    // Act
    const run = await cli('evidence', 'download', AUDIT, EVIDENCE);

    // Assess: only the listing was read; no download (no access in the trail) was asked for
    expect(sent()).toEqual([`GET /audits/${AUDIT}/evidence`]);
    expect(run).toEqual({
      exitCode: 2,
      stdout: '',
      stderr:
        'error: cannot save the file there; nothing was downloaded\n' +
        `  --out (default: the file name in the current folder): ${join(cwd, 'review.pdf')} already exists; choose another path with --out, or add --force to replace it\n`,
    });
    expect(await readFile(join(cwd, 'review.pdf'), 'utf8')).toBe('keep me');
  });

  it('evidence download --force replaces the file once verified, and keeps it when verification fails', async () => {
    // Prepare
    answerDownloads();
    const path = join(cwd, 'review.pdf');
    await writeFile(path, 'old copy');
    storage.serve({ status: 200, body: Buffer.from(BYTES).fill(0x20, 0, 4) });

    // Act
    const failed = await cli('evidence', 'download', AUDIT, EVIDENCE, '--out', 'review.pdf', '--force');
    const afterFailure = await readFile(path, 'utf8');
    storage.serve({ status: 200, body: BYTES });
    const replaced = await cli('evidence', 'download', AUDIT, EVIDENCE, '--out', 'review.pdf', '--force');

    // Assess
    expect(failed.exitCode).toBe(1);
    expect(afterFailure).toBe('old copy');
    expect(replaced.exitCode).toBe(0);
    expect(await readFile(path)).toEqual(BYTES);
    expect(await readdir(cwd)).toEqual(['review.pdf']);
  });

  it("evidence download shows the API's 404 for an unknown evidence id", async () => {
    // Prepare
    api.answer((request) =>
      request.method === 'GET'
        ? { status: 200, body: evidenceListing() }
        : apiError(404, 'NotFound', `Evidence not found: evd_ghost of audit ${AUDIT}`),
    );

    // Act
    const run = await cli('evidence', 'download', AUDIT, 'evd_ghost');

    // Assess
    expect(sent()).toEqual([
      `GET /audits/${AUDIT}/evidence`,
      `POST /audits/${AUDIT}/evidence/evd_ghost/download`,
    ]);
    expect(run).toEqual({
      exitCode: 1,
      stdout: '',
      stderr: `error: Evidence not found: evd_ghost of audit ${AUDIT}\n`,
    });
    expect(await readdir(cwd)).toEqual([]);
  });

  it('evidence accept sends the decision with the comment and says the review completed', async () => {
    // Prepare
    api.answer(() => ({
      status: 200,
      body: { request: { requestId: REQUEST, status: 'accepted' }, reviewComplete: true },
    }));

    // Act
    const run = await cli(
      'evidence',
      'accept',
      AUDIT,
      REQUEST,
      '--evidence',
      EVIDENCE,
      '--comment',
      ' Signed ',
    );

    // Assess
    expect(sent()).toEqual([`POST /audits/${AUDIT}/requests/${REQUEST}/decision`]);
    expect(api.requests[0]?.body).toEqual({ decision: 'accept', evidenceId: EVIDENCE, comment: 'Signed' });
    expect(run).toEqual({
      exitCode: 0,
      stderr: '',
      stdout:
        `Request ${REQUEST} is now accepted.\n` +
        'Review complete: every request of the audit is accepted, and its workflow now closes it.\n',
    });
  });

  it('evidence flag sends the reason and says the agency was told; a 409 is shown with exit code 1', async () => {
    // Prepare
    api.answer(() => ({
      status: 200,
      body: {
        request: { requestId: REQUEST, status: 'flagged', flagReason: 'Unsigned' },
        reviewComplete: false,
      },
    }));

    // Act
    const flagged = await cli(
      'evidence',
      'flag',
      AUDIT,
      REQUEST,
      '--evidence',
      EVIDENCE,
      '--reason',
      'Unsigned',
    );
    api.answer(() =>
      apiError(
        409,
        'StateConflict',
        `Audit ${AUDIT} is closed: evidence is reviewed while an audit is open, collecting or in review.`,
      ),
    );
    const refused = await cli('evidence', 'flag', AUDIT, REQUEST, '--evidence', EVIDENCE, '--reason', 'Late');

    // Assess
    expect(api.requests.map((request) => request.body)).toEqual([
      { decision: 'flag', evidenceId: EVIDENCE, reason: 'Unsigned' },
      { decision: 'flag', evidenceId: EVIDENCE, reason: 'Late' },
    ]);
    expect(flagged).toEqual({
      exitCode: 0,
      stderr: '',
      stdout:
        `Request ${REQUEST} is now flagged.\n` +
        'The agency was emailed the reason and a new upload link; the request waits for a corrected file.\n' +
        'Review not complete: other requests of the audit still need a file or a decision.\n',
    });
    expect(refused).toEqual({
      exitCode: 1,
      stdout: '',
      stderr: `error: Audit ${AUDIT} is closed: evidence is reviewed while an audit is open, collecting or in review.\n`,
    });
  });

  describe('bad input is refused before anything is sent', () => {
    beforeEach(() => {
      // Any request reaching the fakes would be a failure of the command under test.
      api.answer(() => apiError(500, 'InternalError', 'should not be called'));
    });

    const cases: [string, string[], RegExp][] = [
      ['list: bad audit id', ['evidence', 'list', 'aud 1'], /<auditId>: may contain only letters, digits/],
      ['list: no audit id', ['evidence', 'list'], /missing required argument 'auditId'/],
      [
        'download: bad evidence id',
        ['evidence', 'download', AUDIT, 'evd/../x'],
        /<evidenceId>: may contain only letters, digits/,
      ],
      [
        'download: empty --out',
        ['evidence', 'download', AUDIT, EVIDENCE, '--out', ' '],
        /--out: must be a file path/,
      ],
      [
        'download: --out in a missing folder',
        ['evidence', 'download', AUDIT, EVIDENCE, '--out', 'no/such/folder/x.pdf'],
        /--out: the folder .*no\/such\/folder does not exist; create it first/,
      ],
      [
        'download: --out is a folder',
        ['evidence', 'download', AUDIT, EVIDENCE, '--out', '.', '--force'],
        /--out: .* is a folder; give the path of the file to write/,
      ],
      [
        'accept: no --evidence',
        ['evidence', 'accept', AUDIT, REQUEST],
        /required option '--evidence <evidenceId>' not specified/,
      ],
      [
        'accept: bad --evidence',
        ['evidence', 'accept', AUDIT, REQUEST, '--evidence', 'evd 1'],
        /--evidence: may contain only letters, digits/,
      ],
      [
        'accept: --comment too long',
        ['evidence', 'accept', AUDIT, REQUEST, '--evidence', EVIDENCE, '--comment', 'x'.repeat(2001)],
        /--comment: must be at most 2000 characters/,
      ],
      [
        'accept: bad request id',
        ['evidence', 'accept', AUDIT, 'req#1', '--evidence', EVIDENCE],
        /<requestId>: may contain only letters, digits/,
      ],
      [
        'flag: no --reason',
        ['evidence', 'flag', AUDIT, REQUEST, '--evidence', EVIDENCE],
        /required option '--reason <text>' not specified/,
      ],
      [
        'flag: blank --reason',
        ['evidence', 'flag', AUDIT, REQUEST, '--evidence', EVIDENCE, '--reason', '  '],
        /--reason: a reason is required/,
      ],
      ['unknown subcommand', ['evidence', 'reject', AUDIT], /unknown command 'reject'/],
    ];

    it.each(cases)('%s', async (_name, argv, message) => {
      // Act
      const run = await cli(...argv);

      // Assess
      expect(api.requests).toEqual([]);
      expect(storage.requests).toEqual([]);
      expect(run.exitCode).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stdout).toBe('');
    });
  });
});
