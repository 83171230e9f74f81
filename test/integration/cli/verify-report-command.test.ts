import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCloseOutReport } from '../../../functions/reports/build-close-out-report.js';
import { buildCloseOutAudit } from '../../support/close-out-audit.js';
import { fetchThatMustNotBeCalled, runCliForTest } from '../../unit/cli/cli-test-io.js';

const input = buildCloseOutAudit();
const report = buildCloseOutReport(input);
const head = input.trail.at(-1);

describe('CLI: verify-report <dir>', () => {
  let root: string;

  /** A new folder holding the report's files, as they would be downloaded from the report store. */
  async function reportFolder(name: string): Promise<string> {
    const folder = join(root, name);
    await mkdir(folder);
    await Promise.all(report.map((file) => writeFile(join(folder, file.name), file.body, 'utf8')));
    return folder;
  }

  // Offline: no API address or token, and any request would fail the test.
  const verify = (...argv: string[]) =>
    runCliForTest(['verify-report', ...argv], { fetch: fetchThatMustNotBeCalled, cwd: root });

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'clets-verify-report-'));
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('exits 0 for an untouched report and prints the verdict with the audit, files, trail events and head hash', async () => {
    // Prepare
    await reportFolder('untouched');

    // Act
    const run = await verify('untouched');

    // Assess
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toBe('');
    const [verdict, ...summary] = run.stdout.trimEnd().split('\n');
    expect(verdict).toBe(
      'VERIFIED: every file matches the manifest and the trail chains from genesis to its head (untouched).',
    );
    const text = summary.join('\n');
    expect(text).toContain(`Audit      ${input.bundle.audit.auditId} (closed)`);
    expect(text).toContain(`Trail      ${input.trail.length} events, head at event ${head?.sequence}`);
    expect(text).toContain(`Head hash  ${head?.hash}`);
    for (const file of report) expect(text).toContain(file.name);
  });

  it('exits 1 after a one-byte change and names the file', async () => {
    // Prepare
    const folder = await reportFolder('flipped');
    const path = join(folder, 'findings.csv');
    const bytes = await readFile(path);
    const middle = Math.floor(bytes.byteLength / 2);
    bytes[middle] = (bytes[middle] ?? 0) ^ 0x01;
    await writeFile(path, bytes);

    // Act
    const run = await verify(folder);

    // Assess
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(
      /^NOT VERIFIED: the report in .*flipped has a discrepancy\.\n {2}Problem {2}findings\.csv: sha256 [0-9a-f]{64} does not match manifest\.json's [0-9a-f]{64}/,
    );
  });

  it('writes the verdict as JSON with --json', async () => {
    // Prepare
    const folder = await reportFolder('as-json');
    await writeFile(join(folder, 'notes.txt'), 'added later');

    // Act
    const run = await verify('--json', folder);

    // Assess
    expect(run.exitCode).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual({
      valid: false,
      folder,
      problem: 'notes.txt is not listed in manifest.json: a report folder holds only the files it lists',
    });
  });

  it('exits 1 naming a sub-folder in the report folder', async () => {
    // Prepare
    const folder = await reportFolder('with-folder');
    await mkdir(join(folder, 'extra'));

    // Act
    const run = await verify(folder);

    // Assess
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('Problem  extra is not a file: a report folder holds only files');
  });

  it('exits 2 for a folder that does not exist, a file instead of a folder, or no folder at all', async () => {
    // Prepare
    const folder = await reportFolder('a-file');

    // Act
    const missing = await verify('no-such-folder');
    const file = await verify(join(folder, 'report.json'));
    const none = await verify();

    // Assess
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toMatch(/^error: <dir>: cannot read .*no-such-folder: no such folder\n$/);
    expect(file.exitCode).toBe(2);
    expect(file.stderr).toContain('is a file; give the folder that holds the report files');
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toContain("error: missing required argument 'dir'");
  });
});
