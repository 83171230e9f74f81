import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../functions/domain/errors.js';
import type { TrailEvent } from '../../../functions/domain/schemas/trail-event.js';
import { appendTrailEvent, sha256Hex } from '../../../functions/domain/trail/hash-chain.js';
import { buildCloseOutReport } from '../../../functions/reports/build-close-out-report.js';
import type { ReportFile } from '../../../functions/reports/report-files.js';
import { ManifestSchema, ReportDocumentSchema } from '../../../functions/reports/report-schema.js';
import { buildCloseOutAudit } from '../../support/close-out-audit.js';

const bodyOf = (files: readonly ReportFile[], name: string): string => {
  const file = files.find((candidate) => candidate.name === name);
  if (!file) throw new Error(`no ${name} in the report`);
  return file.body;
};

/** A copy of the list in a different order: the report must not depend on the order it is handed things in. */
const reversed = <T>(items: readonly T[]): T[] => [...items].reverse();

describe('Function: buildCloseOutReport', () => {
  const input = buildCloseOutAudit();
  const files = buildCloseOutReport(input);

  it('produces the six report files with their content types', () => {
    // Assess
    expect(files.map((file) => [file.name, file.contentType])).toEqual([
      ['report.json', 'application/json'],
      ['requests.csv', 'text/csv; charset=utf-8; header=present'],
      ['findings.csv', 'text/csv; charset=utf-8; header=present'],
      ['report.html', 'text/html; charset=utf-8'],
      ['trail.jsonl', 'application/jsonl'],
      ['manifest.json', 'application/json'],
    ]);
  });

  it('lists every other file in the manifest with its sha256, byte count and the trail head', () => {
    // Act
    const manifest = ManifestSchema.parse(JSON.parse(bodyOf(files, 'manifest.json')));

    // Assess
    const last = input.trail.at(-1);
    expect(manifest).toMatchObject({
      schemaVersion: 2,
      auditId: input.bundle.audit.auditId,
      generatedAt: input.generatedAt,
      trailHead: { sequence: last?.sequence, hash: last?.hash },
    });
    expect(manifest.files).toEqual(
      files
        .filter((file) => file.name !== 'manifest.json')
        .map((file) => ({
          name: file.name,
          sha256: sha256Hex(file.body),
          bytes: Buffer.byteLength(file.body, 'utf8'),
        })),
    );
  });

  it('gives byte-identical files for the same input, whatever order its lists come in', () => {
    // Prepare
    const { bundle } = input;
    const shuffled = {
      ...input,
      bundle: {
        audit: bundle.audit,
        requests: reversed(bundle.requests),
        evidence: reversed(bundle.evidence),
        findings: reversed(bundle.findings),
        tasks: reversed(bundle.tasks),
        notices: reversed(bundle.notices),
        rejections: reversed(bundle.rejections),
      },
      trail: reversed(input.trail),
    };

    // Act
    const again = buildCloseOutReport(buildCloseOutAudit());
    const fromShuffled = buildCloseOutReport(shuffled);

    // Assess
    expect(again).toEqual(files);
    expect(fromShuffled).toEqual(files);
  });

  it('writes report.json with every request, each file with its decision, refusals, findings, tasks and notices', () => {
    // Act
    const report = ReportDocumentSchema.parse(JSON.parse(bodyOf(files, 'report.json')));

    // Assess
    expect(report.requests.map((request) => request.requestId)).toEqual(
      input.bundle.requests.map((request) => request.requestId).sort(),
    );
    expect(report.totals).toEqual({
      requests: 3,
      evidence: 4,
      verificationEvidence: 0,
      refusedUploads: 1,
      findings: 2,
      tasks: 2,
      notices: input.bundle.notices.length,
    });
    expect(report.trail).toEqual({
      streamId: input.bundle.audit.auditId,
      eventCount: input.trail.length,
      head: { sequence: input.trail.length, hash: input.trail.at(-1)?.hash },
    });
    // The flagged-then-resubmitted request: both files, the first flagged with the reviewer's reason.
    const flagged = report.requests[1];
    expect(flagged?.status).toBe('accepted');
    expect(flagged?.evidence.map((evidence) => [evidence.current, evidence.decision?.decision])).toEqual([
      [false, 'flagged'],
      [true, 'accepted'],
    ]);
    const [first, second] = flagged?.evidence ?? [];
    expect(first?.decision).toMatchObject({
      reviewer: { type: 'reviewer', id: 'jane.doe@doj.ca.gov' },
      reason: 'Unsigned: the "signature" page is missing',
    });
    const flagEvent = input.trail.find((event) => event.sequence === first?.decision?.trailSequence);
    expect(flagEvent).toMatchObject({
      type: 'evidence-request.flagged',
      payload: { evidenceId: first?.evidenceId },
    });
    expect(second).toMatchObject({
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      objectKey: expect.stringContaining('evidence/'),
      objectVersion: expect.any(String),
      receivedAt: expect.any(String),
      effectiveDate: expect.any(String),
      decision: { decision: 'accepted', comment: 'Checked against the roster' },
    });
    expect(report.refusedUploads[0]?.reasons).toEqual(['sha256 does not match the declared sha256']);
    expect(report.tasks[0]?.revisionRequests).toHaveLength(1);
    expect(new Set(report.notices.map((notice) => notice.status))).toEqual(
      new Set(['delivered', 'bounced', 'failed', 'complained']),
    );
  });

  it('takes the decision from the request when the trail handed in does not record it (no reviewer then)', () => {
    // Prepare: the same history re-sealed without the acceptance events.
    const resealed: TrailEvent[] = [];
    for (const { eventId: _id, sequence: _sequence, prevHash: _prev, hash: _hash, ...draft } of input.trail) {
      if (draft.type !== 'evidence-request.accepted')
        resealed.push(appendTrailEvent(resealed.at(-1) ?? null, draft));
    }

    // Act
    const report = ReportDocumentSchema.parse(
      JSON.parse(bodyOf(buildCloseOutReport({ ...input, trail: resealed }), 'report.json')),
    );

    // Assess
    const [flagged, accepted] = report.requests[1]?.evidence ?? [];
    expect(flagged?.decision).toMatchObject({ decision: 'flagged', reviewer: { type: 'reviewer' } });
    expect(accepted?.decision).toEqual({ decision: 'accepted', at: input.bundle.requests[1]?.decidedAt });
  });

  it('never puts the workflow callback token in the report', () => {
    // Prepare
    const waiting = {
      ...input,
      bundle: { ...input.bundle, audit: { ...input.bundle.audit, waitingTaskToken: 'SECRET-TASK-TOKEN' } },
    };

    // Act
    const built = buildCloseOutReport(waiting);

    // Assess
    for (const file of built) expect(file.body).not.toContain('SECRET-TASK-TOKEN');
  });

  it('writes trail.jsonl with one event per line in sequence order, as the events were sealed', () => {
    // Act
    const lines = bodyOf(files, 'trail.jsonl').split('\n');

    // Assess
    expect(lines.pop()).toBe('');
    expect(lines.map((line) => JSON.parse(line))).toEqual(input.trail);
  });

  it('refuses to build over a trail that does not verify, naming the event', () => {
    // Prepare: a reviewer's decision altered after the fact.
    const trail = input.trail.map((event) =>
      event.sequence === 10 ? { ...event, payload: { ...event.payload, forged: true } } : event,
    );

    // Act / Assess
    expect(() => buildCloseOutReport({ ...input, trail })).toThrow(DomainError);
    expect(() => buildCloseOutReport({ ...input, trail })).toThrow(
      /does not verify at event 10 \(hash-mismatch\)/,
    );
  });

  it("refuses another audit's evidence or trail", () => {
    // Prepare
    const [evidence] = input.bundle.evidence;
    const stray = {
      ...input.bundle,
      evidence: [{ ...evidence, auditId: 'aud_CA0190000_account-review_2025' }],
    };
    const otherTrail = input.trail.map((event) => ({ ...event, streamId: 'aud_other' }));

    // Act / Assess
    expect(() => buildCloseOutReport({ ...input, bundle: stray as typeof input.bundle })).toThrow(
      /evidence .* belongs to audit aud_CA0190000_account-review_2025/,
    );
    expect(() => buildCloseOutReport({ ...input, trail: otherTrail })).toThrow(/belongs to stream aud_other/);
  });
});

describe('Function: buildCloseOutReport › CSV files', () => {
  const files = buildCloseOutReport(buildCloseOutAudit());

  it('ends every row with CRLF and quotes only fields with commas, quotes or line breaks (RFC 4180)', () => {
    // Act
    const csv = bodyOf(files, 'requests.csv');

    // Assess
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.split('\r\n')[0]).toMatch(/^request_id,requirement_id,description,request_status,/);
    expect(csv).toContain('"Signed review, ""all"" accounts\nincluding <b>admins</b> & contractors"');
    expect(csv).toContain(',Evidence item 2,');
  });

  it('neutralises cells a spreadsheet would run as a formula, and reads back with an independent parser', () => {
    // Act
    const [header, ...rows] = parse(bodyOf(files, 'requests.csv')) as string[][];
    const fileNames = rows.map((row) => row[header?.indexOf('file_name') ?? -1]);
    const [findingHeader, ...findingRows] = parse(bodyOf(files, 'findings.csv')) as string[][];

    // Assess
    expect(fileNames).toEqual([
      `'=HYPERLINK("http://evil.example","x").pdf`,
      `'+cmd.pdf`,
      `'@SUM(A1).pdf`,
      `'-2+3.pdf`,
    ]);
    expect(rows.every((row) => row.length === header?.length)).toBe(true);
    const title = findingRows[0]?.[findingHeader?.indexOf('title') ?? -1];
    const description = findingRows[0]?.[findingHeader?.indexOf('description') ?? -1];
    expect(title).toBe(`'=1+1 <img src=x onerror=alert(1)>`);
    expect(description).toBe('Accounts "stale" & <unreviewed>, see list;\nsecond line');
  });
});

describe('Function: buildCloseOutReport › report.html', () => {
  const input = buildCloseOutAudit();
  const html = bodyOf(buildCloseOutReport(input), 'report.html');

  it('escapes every value: markup, quotes and ampersands from names and descriptions stay text', () => {
    // Assess
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>');
    expect(html).toContain(
      'Kern &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;Sons&quot; Police',
    );
    expect(html).toContain('=1+1 &lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('Accounts &quot;stale&quot; &amp; &lt;unreviewed&gt;, see list;\nsecond line');
    expect(html).toContain('&lt;b&gt;bad&lt;/b&gt;.pdf');
  });

  it('is a self-contained, accessible page: language, title, captioned tables with header cells, no scripts', () => {
    // Assess
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(html).toMatch(/<title>Close-out report: User account review, /);
    expect(html).toMatch(
      /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'sha256-/,
    );
    expect(html).not.toMatch(/\b(src|href)="(?!#)/);
    const tables = html.match(/<table>/g)?.length ?? 0;
    expect(tables).toBeGreaterThan(0);
    expect(html.match(/<caption>/g)?.length).toBe(tables);
    expect(html).not.toMatch(/<th>/);
    expect(html).toContain('@media print');
  });

  it('shows the trail head hash, every file hash and every notice delivery state', () => {
    // Assess
    expect(html).toContain(input.trail.at(-1)?.hash);
    for (const evidence of input.bundle.evidence) expect(html).toContain(evidence.sha256);
    for (const state of ['delivered', 'bounced', 'failed', 'complained'])
      expect(html).toContain(`<td>${state}</td>`);
  });
});
