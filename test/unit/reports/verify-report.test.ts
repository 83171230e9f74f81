import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { TrailEvent } from '../../../functions/domain/schemas/trail-event.js';
import { appendTrailEvent, canonicalJson, sha256Hex } from '../../../functions/domain/trail/hash-chain.js';
import { buildCloseOutReport } from '../../../functions/reports/build-close-out-report.js';
import { LISTED_REPORT_FILES, REPORT_SCHEMA_VERSION } from '../../../functions/reports/report-files.js';
import { type Manifest, ManifestSchema } from '../../../functions/reports/report-schema.js';
import { verifyReport } from '../../../functions/reports/verify-report.js';
import { buildCloseOutAudit } from '../../support/close-out-audit.js';
import { buildRolledOverCloseOut } from '../../support/rolled-over-close-out.js';

type Folder = Map<string, Buffer>;

const input = buildCloseOutAudit();
const built = buildCloseOutReport(input);
const lastEvent = input.trail.at(-1) as TrailEvent;

/** A fresh copy of the report folder, name → bytes, for each test to damage. */
const folder = (): Folder => new Map(built.map((file) => [file.name, Buffer.from(file.body, 'utf8')]));

const text = (files: Folder, name: string) => files.get(name)?.toString('utf8') ?? '';

/** One byte changed (XOR with `mask`) at `position`. */
function flipByte(files: Folder, name: string, position: number, mask = 0x01): void {
  const bytes = Buffer.from(files.get(name) ?? []);
  bytes[position] = (bytes[position] ?? 0) ^ mask;
  files.set(name, bytes);
}

/**
 * Rewrites the manifest so its hashes and sizes match the files as they now are (and, optionally, its trail
 * head): what a forger would do, so that only the later checks can catch the change.
 */
function recomputeManifest(files: Folder, trailHead?: Manifest['trailHead']): void {
  const manifest = ManifestSchema.parse(JSON.parse(text(files, 'manifest.json')));
  const rewritten = {
    ...manifest,
    ...(trailHead ? { trailHead } : {}),
    files: manifest.files.map((file) => {
      const bytes = files.get(file.name) ?? Buffer.alloc(0);
      return {
        name: file.name,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        bytes: bytes.byteLength,
      };
    }),
  };
  files.set('manifest.json', Buffer.from(`${JSON.stringify(rewritten, null, 2)}\n`));
}

const trailLines = (files: Folder) => text(files, 'trail.jsonl').split('\n').slice(0, -1);
const writeTrail = (files: Folder, lines: readonly string[]) =>
  files.set('trail.jsonl', Buffer.from(lines.map((line) => `${line}\n`).join('')));

function expectProblem(files: Folder): string {
  const result = verifyReport(files);
  if (result.ok) throw new Error('expected a discrepancy, but the report verified');
  return result.problem;
}

describe('Function: verifyReport', () => {
  it('verifies the untouched report and summarises it', () => {
    // Act
    const result = verifyReport(folder());

    // Assess
    expect(result).toEqual({
      ok: true,
      summary: expect.objectContaining({
        auditId: input.bundle.audit.auditId,
        ori: 'CA0190000',
        auditStatus: 'closed',
        generatedAt: input.generatedAt,
        trailEvents: input.trail.length,
        trailHead: { sequence: lastEvent.sequence, hash: lastEvent.hash },
        requests: 3,
        evidence: 4,
        findings: 2,
      }),
    });
    if (result.ok)
      expect(result.summary.files.map((file) => file.name)).toEqual([
        ...LISTED_REPORT_FILES,
        'manifest.json',
      ]);
  });

  it.each(built.map((file) => file.name))('names %s when one byte in the middle of it changes', (name) => {
    // Prepare
    const files = folder();
    flipByte(files, name, Math.floor((files.get(name)?.byteLength ?? 0) / 2));

    // Act / Assess
    expect(expectProblem(files)).toContain(name);
  });

  it.each(built.map((file) => file.name))(
    'names %s whichever of its bytes changes (40 positions, 3 masks)',
    (name) => {
      const size = folder().get(name)?.byteLength ?? 0;
      for (let step = 0; step < 40; step++) {
        for (const mask of [0x01, 0x20, 0x80]) {
          // Prepare
          const files = folder();
          const position = Math.floor((step * (size - 1)) / 39);
          flipByte(files, name, position, mask);

          // Act / Assess
          expect(expectProblem(files), `byte ${position} of ${size}, xor ${mask}`).toContain(name);
        }
      }
    },
  );

  it('names a file the manifest lists that is missing, and a missing manifest', () => {
    // Prepare
    const withoutHtml = folder();
    withoutHtml.delete('report.html');
    const withoutManifest = folder();
    withoutManifest.delete('manifest.json');

    // Act / Assess
    expect(expectProblem(withoutHtml)).toBe('report.html is missing: manifest.json lists it');
    expect(expectProblem(withoutManifest)).toMatch(/^manifest\.json is missing/);
  });

  it('names an extra file in the folder', () => {
    // Prepare
    const files = folder();
    files.set('notes.txt', Buffer.from('added later'));

    // Act / Assess
    expect(expectProblem(files)).toBe(
      'notes.txt is not listed in manifest.json: a report folder holds only the files it lists',
    );
  });

  it('says which file and both digests when a file no longer matches the manifest', () => {
    // Prepare
    const files = folder();
    const html = text(files, 'report.html').replace('Evidence requests</h2>', 'Evidence requestz</h2>');
    files.set('report.html', Buffer.from(html));
    const listed = ManifestSchema.parse(JSON.parse(text(files, 'manifest.json'))).files.find(
      (file) => file.name === 'report.html',
    );

    // Act / Assess
    expect(expectProblem(files)).toBe(
      `report.html: sha256 ${sha256Hex(text(files, 'report.html'))} does not match manifest.json's ${listed?.sha256} (one of the two was changed)`,
    );
  });
});

describe('Function: verifyReport › the trail, with the manifest recomputed so only the chain can tell', () => {
  const middle = Math.floor(input.trail.length / 2);

  it("names the event whose JSON had one byte changed (the actor's id)", () => {
    // Prepare
    const files = folder();
    const lines = trailLines(files);
    const line = lines[middle - 1] ?? '';
    const at = line.indexOf('"actor":{"id":"') + '"actor":{"id":"'.length;
    lines[middle - 1] = `${line.slice(0, at)}${line[at]?.toUpperCase()}${line.slice(at + 1)}`;
    writeTrail(files, lines);
    recomputeManifest(files);

    // Act / Assess
    expect(expectProblem(files)).toMatch(
      new RegExp(
        `^trail\\.jsonl line ${middle}: event ${middle} was modified: its content hashes to [0-9a-f]{64}, not to its recorded hash`,
      ),
    );
  });

  it('names the event whose recorded prevHash was changed', () => {
    // Prepare
    const files = folder();
    const lines = trailLines(files);
    const event = JSON.parse(lines[middle - 1] ?? '') as TrailEvent;
    const forged = { ...event, prevHash: sha256Hex('forged') };
    lines[middle - 1] = canonicalJson(forged);
    writeTrail(files, lines);
    recomputeManifest(files);

    // Act / Assess
    expect(expectProblem(files)).toMatch(new RegExp(`^trail\\.jsonl line ${middle}: event ${middle} `));
  });

  it('names a deleted event', () => {
    // Prepare
    const files = folder();
    const lines = trailLines(files);
    lines.splice(middle - 1, 1);
    writeTrail(files, lines);
    recomputeManifest(files);

    // Act / Assess
    expect(expectProblem(files)).toBe(
      `trail.jsonl line ${middle}: event ${middle} is missing: event ${middle + 1} comes where event ${middle} should (deleted or moved)`,
    );
  });

  it('names two swapped events', () => {
    // Prepare
    const files = folder();
    const lines = trailLines(files);
    [lines[middle - 1], lines[middle]] = [lines[middle] ?? '', lines[middle - 1] ?? ''];
    writeTrail(files, lines);
    recomputeManifest(files);

    // Act / Assess
    expect(expectProblem(files)).toMatch(
      new RegExp(`^trail\\.jsonl line ${middle}: event ${middle} is missing`),
    );
  });

  it('names an inserted copy of an earlier event', () => {
    // Prepare
    const files = folder();
    const lines = trailLines(files);
    lines.splice(middle, 0, lines[2] ?? '');
    writeTrail(files, lines);
    recomputeManifest(files);

    // Act / Assess
    expect(expectProblem(files)).toBe(
      `trail.jsonl line ${middle + 1}: event 3 comes where event ${middle + 1} should (inserted, repeated or moved)`,
    );
  });

  it('names a forged event appended with a correct hash: the chain ends past the recorded head', () => {
    // Prepare
    const files = folder();
    const forged = appendTrailEvent(lastEvent, {
      type: 'evidence-request.accepted',
      at: '2026-03-03T09:00:00.000Z',
      actor: { type: 'reviewer', id: 'mallory' },
      subject: { type: 'evidence-request', id: 'req_x' },
      streamId: lastEvent.streamId,
      payload: {},
    });
    writeTrail(files, [...trailLines(files), canonicalJson(forged)]);
    recomputeManifest(files);

    // Act / Assess
    expect(expectProblem(files)).toBe(
      `trail.jsonl ends at event ${forged.sequence} (hash ${forged.hash}), but manifest.json's trail head is event ${lastEvent.sequence} (hash ${lastEvent.hash}) (events were appended)`,
    );
  });

  it("names a forged event appended with its head copied into the manifest: report.json's head disagrees", () => {
    // Prepare
    const files = folder();
    const forged = appendTrailEvent(lastEvent, { ...lastEvent, payload: { forged: true } });
    writeTrail(files, [...trailLines(files), canonicalJson(forged)]);
    recomputeManifest(files, { sequence: forged.sequence, hash: forged.hash });

    // Act / Assess
    expect(expectProblem(files)).toBe(
      `report.json's trail head is event ${lastEvent.sequence} (hash ${lastEvent.hash}), but trail.jsonl says event ${forged.sequence} (hash ${forged.hash})`,
    );
  });

  it('names an appended event whose hash was not recomputed', () => {
    // Prepare
    const files = folder();
    const forged = {
      ...appendTrailEvent(lastEvent, { ...lastEvent, payload: {} }),
      payload: { forged: true },
    };
    writeTrail(files, [...trailLines(files), canonicalJson(forged)]);
    recomputeManifest(files);

    // Act / Assess
    expect(expectProblem(files)).toMatch(
      new RegExp(`^trail\\.jsonl line ${forged.sequence}: event ${forged.sequence} was modified`),
    );
  });

  it('names a line that is not an event', () => {
    // Prepare
    const files = folder();
    const lines = trailLines(files);
    lines[4] = '{"sequence": 5, "type": "audit.opened"';
    writeTrail(files, lines);
    recomputeManifest(files);

    // Act / Assess
    expect(expectProblem(files)).toMatch(/^trail\.jsonl line 5 is not a JSON event: /);
  });
});

describe('Function: verifyReport › report.json and the CSVs, with the manifest recomputed', () => {
  it('names the requests.csv row whose sha256 disagrees with report.json', () => {
    // Prepare
    const files = folder();
    const [request] = JSON.parse(text(files, 'report.json')).requests;
    const [evidence] = request.evidence;
    files.set(
      'requests.csv',
      Buffer.from(text(files, 'requests.csv').replace(evidence.sha256, sha256Hex('other'))),
    );
    recomputeManifest(files);

    // Act / Assess
    expect(expectProblem(files)).toBe(
      `requests.csv row 1: sha256 is '${sha256Hex('other')}', but report.json has '${evidence.sha256}' for evidence ${evidence.evidenceId} of request ${request.requestId}`,
    );
  });

  it('names a requests.csv row removed, and a findings.csv row that report.json does not have', () => {
    // Prepare
    const shorter = folder();
    const rows = text(shorter, 'requests.csv').split('\r\n');
    shorter.set('requests.csv', Buffer.from([...rows.slice(0, 2), ...rows.slice(3)].join('\r\n')));
    recomputeManifest(shorter);
    const longer = folder();
    const findingRows = text(longer, 'findings.csv').split('\r\n');
    longer.set('findings.csv', Buffer.from([...findingRows.slice(0, -1), findingRows[1], ''].join('\r\n')));
    recomputeManifest(longer);

    // Act / Assess
    expect(expectProblem(shorter)).toMatch(
      /^requests\.csv row 2: evidence_id is '.*', but report\.json has '/,
    );
    expect(expectProblem(longer)).toBe(
      'findings.csv row 3 is not in report.json: the CSV has 3 rows, report.json implies 2',
    );
  });

  it("names report.json's evidence count when it disagrees with what it lists", () => {
    // Prepare
    const files = folder();
    const report = JSON.parse(text(files, 'report.json'));
    report.totals.evidence += 1;
    files.set('report.json', Buffer.from(`${JSON.stringify(report, null, 2)}\n`));
    recomputeManifest(files);

    // Act / Assess
    expect(expectProblem(files)).toBe("report.json's totals.evidence is 5, but it lists 4");
  });

  it('names a report.json field that does not fit its schema', () => {
    // Prepare
    const files = folder();
    const report = JSON.parse(text(files, 'report.json'));
    report.requests[0].evidence[0].sha256 = 'not-a-digest';
    files.set('report.json', Buffer.from(JSON.stringify(report)));
    recomputeManifest(files);

    // Act / Assess
    expect(expectProblem(files)).toBe(
      "report.json does not have the report's shape: requests[0].evidence[0].sha256: must be a SHA-256 digest: 64 lowercase hexadecimal characters",
    );
  });
});

describe('Function: verifyReport › roll-over and remediation', () => {
  const rolledOver = buildCloseOutReport(buildRolledOverCloseOut());
  const rolledOverFolder = (): Folder =>
    new Map(rolledOver.map((file) => [file.name, Buffer.from(file.body, 'utf8')]));

  it('verifies a rolled-over audit with verification evidence and counts those files apart', () => {
    // Act
    const result = verifyReport(rolledOverFolder());

    // Assess
    expect(result).toEqual({
      ok: true,
      summary: expect.objectContaining({ requests: 3, evidence: 4, verificationEvidence: 2, tasks: 2 }),
    });
  });

  it.each(rolledOver.map((file) => file.name))(
    'names %s when one byte in the middle of it changes',
    (name) => {
      // Prepare
      const files = rolledOverFolder();
      flipByte(files, name, Math.floor((files.get(name)?.byteLength ?? 0) / 2));

      // Act / Assess
      expect(expectProblem(files)).toContain(name);
    },
  );

  it("names the findings.csv row whose verification file's sha256 disagrees with report.json", () => {
    // Prepare
    const files = rolledOverFolder();
    const [task] = JSON.parse(text(files, 'report.json')).tasks;
    const [evidence] = task.verificationEvidence;
    files.set(
      'findings.csv',
      Buffer.from(text(files, 'findings.csv').replace(evidence.sha256, sha256Hex('swapped'))),
    );
    recomputeManifest(files);

    // Act / Assess
    expect(expectProblem(files)).toMatch(
      new RegExp(
        `^findings\\.csv row 1: verification_sha256 is '${sha256Hex('swapped')}\\n.*', but report\\.json has '${evidence.sha256}\\n.*' for task ${task.taskId} of finding `,
      ),
    );
  });

  it("names report.json's verification file count when it disagrees with what it lists", () => {
    // Prepare
    const files = rolledOverFolder();
    const report = JSON.parse(text(files, 'report.json'));
    report.totals.verificationEvidence = 0;
    files.set('report.json', Buffer.from(`${JSON.stringify(report, null, 2)}\n`));
    recomputeManifest(files);

    // Act / Assess
    expect(expectProblem(files)).toBe("report.json's totals.verificationEvidence is 0, but it lists 2");
  });

  it('refuses a report of the earlier format by its version, saying which release reads it', () => {
    // Prepare
    const files = rolledOverFolder();
    const manifest = JSON.parse(text(files, 'manifest.json'));
    files.set('manifest.json', Buffer.from(JSON.stringify({ ...manifest, schemaVersion: 1 })));

    // Act / Assess
    expect(expectProblem(files)).toBe(
      `manifest.json is format version 1; this verifier reads version ${REPORT_SCHEMA_VERSION} (use the clets-audit release that made the report)`,
    );
  });
});
