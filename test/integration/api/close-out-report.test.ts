import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bindRuntime } from '../../../functions/adapters/runtime/runtime.js';
import { S3EvidenceStore } from '../../../functions/adapters/s3/evidence-store.js';
import type { Audit } from '../../../functions/domain/schemas/audit.js';
import { LISTED_REPORT_FILES, MANIFEST_FILE } from '../../../functions/reports/report-files.js';
import { verifyReport } from '../../../functions/reports/verify-report.js';
import { closeAudit } from '../../../functions/services/audit-lifecycle.js';
import {
  REPORT_DOWNLOAD_EVENT,
  REPORT_PRODUCED_EVENT,
} from '../../../functions/services/close-out-report.js';
import { s3ClientConfig } from '../../../sandbox/engine-config.js';
import { injectedLocalEngines } from '../../setup/local-engines.js';
import { auditFixture, eventFixture, requestFixture } from '../../support/audit-fixtures.js';
import { type TestTable, uniqueOri } from '../../support/test-table.js';
import { agencyBody } from '../../unit/api/api-fixtures.js';
import { callAdminApi } from './admin-api-client.js';
import { agencyFootprint, bindApiTestRuntime } from './api-runtime.js';

let table: TestTable;
let s3: S3Client;
let store: S3EvidenceStore;

beforeAll(async () => {
  ({ table } = await bindApiTestRuntime());
  const engines = injectedLocalEngines();
  s3 = new S3Client(s3ClientConfig(engines));
  store = new S3EvidenceStore(s3, engines.s3.evidenceBucket);
  bindRuntime({ evidenceStore: store });
});

afterAll(() => s3?.destroy());

const EVERY_FILE = [...LISTED_REPORT_FILES, MANIFEST_FILE].sort();

/** A registered agency with an audit in review (two requests, a few trail events). */
async function auditInReview(): Promise<{ ori: string; audit: Audit }> {
  const ori = uniqueOri();
  expect((await callAdminApi('POST', '/agencies', { body: agencyBody(ori) })).status).toBe(201);
  const { audits } = table.repository;
  const fixture = auditFixture(ori, { status: 'in-review', openedAt: '2026-06-01T15:00:00.000Z' });
  const { audit } = await audits.createAudit(fixture, eventFixture(fixture.auditId, 'audit.opened'));
  for (const requirement of ['review-signoff', 'password-policy']) {
    await audits.createEvidenceRequest(
      requestFixture(audit, requirement),
      eventFixture(audit.auditId, 'evidence-request.created', `req-${requirement}`),
    );
  }
  return { ori, audit };
}

async function storedKeys(prefix: string): Promise<string[]> {
  const listed = await s3.send(new ListObjectsV2Command({ Bucket: store.bucket, Prefix: prefix }));
  return (listed.Contents ?? []).map((object) => object.Key ?? '').sort();
}

async function downloadFolder(prefix: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const key of await storedKeys(prefix)) {
    const object = await s3.send(new GetObjectCommand({ Bucket: store.bucket, Key: key }));
    files.set(key.slice(prefix.length), Buffer.from(await (object.Body?.transformToByteArray() ?? [])));
  }
  return files;
}

const eventsOfType = async (auditId: string, type: string) =>
  (await table.repository.trail.readAll(auditId)).filter((event) => event.type === type);

describe('Close-out report when an audit closes', () => {
  it('stores the report once under reports/<ORI>/<auditId>/, and a retried close makes no second one', async () => {
    const { ori, audit } = await auditInReview();
    const put = vi.spyOn(store, 'putReportFile');

    const first = await closeAudit(audit.auditId);
    expect(first.status).toBe('closed');
    expect(first.reportPrefix).toMatch(new RegExp(`^reports/${ori}/${audit.auditId}/\\d{8}T\\d{9}Z/$`));
    expect(put).toHaveBeenCalledTimes(EVERY_FILE.length);

    const again = await closeAudit(audit.auditId);
    expect(again).toEqual(first);
    expect(put).toHaveBeenCalledTimes(EVERY_FILE.length);
    put.mockRestore();

    const produced = await eventsOfType(audit.auditId, REPORT_PRODUCED_EVENT);
    expect(produced).toHaveLength(1);
    expect(produced[0]?.payload).toMatchObject({ occasion: 'close-out', prefix: first.reportPrefix });

    const prefix = first.reportPrefix ?? '';
    expect(await storedKeys(`reports/${ori}/${audit.auditId}/`)).toEqual(
      EVERY_FILE.map((name) => `${prefix}${name}`),
    );
    const folder = await downloadFolder(prefix);
    const verdict = verifyReport(folder);
    expect(verdict).toMatchObject({ ok: true, summary: { auditId: audit.auditId, auditStatus: 'closed' } });
    // The report covers the trail up to the event before its own production.
    const trail = await table.repository.trail.readAll(audit.auditId);
    const head = produced[0]?.payload.trailHead as { sequence: number; hash: string };
    expect(verdict.ok && verdict.summary.trailHead).toEqual(head);
    expect(trail.at(-1)?.type).toBe(REPORT_PRODUCED_EVENT);
    expect(trail.at(-2)?.hash).toBe(head.hash);
  });

  it('fails verification naming the file when one byte of a downloaded file changes', async () => {
    const { audit } = await auditInReview();
    const { reportPrefix } = await closeAudit(audit.auditId);
    const folder = await downloadFolder(reportPrefix ?? '');
    for (const name of ['report.json', 'trail.jsonl', 'findings.csv']) {
      const tampered = new Map(folder);
      const bytes = Buffer.from(folder.get(name) ?? Buffer.alloc(0));
      const middle = Math.floor(bytes.length / 2);
      bytes.writeUInt8(bytes.readUInt8(middle) ^ 0x01, middle);
      tampered.set(name, bytes);
      const verdict = verifyReport(tampered);
      expect(verdict.ok, name).toBe(false);
      expect(!verdict.ok && verdict.problem, name).toContain(name);
    }
  });
});

describe('POST /audits/{auditId}/report', () => {
  it('stores a fresh report and answers each file with a working download URL, recorded in the trail', async () => {
    const { ori, audit } = await auditInReview();
    const answer = await callAdminApi('POST', `/audits/${audit.auditId}/report`);
    expect(answer.status).toBe(200);
    expect(answer.json.prefix).toMatch(new RegExp(`^reports/${ori}/${audit.auditId}/`));
    expect(answer.json.files.map((file: { name: string }) => file.name).sort()).toEqual(EVERY_FILE);

    const folder = new Map<string, Buffer>();
    for (const file of answer.json.files as { name: string; url: string; bytes: number }[]) {
      const response = await fetch(file.url);
      expect(response.status, file.name).toBe(200);
      const bytes = Buffer.from(await response.arrayBuffer());
      expect(bytes.byteLength, file.name).toBe(file.bytes);
      folder.set(file.name, bytes);
    }
    expect(verifyReport(folder)).toMatchObject({ ok: true, summary: { auditStatus: 'in-review' } });

    const issued = await eventsOfType(audit.auditId, REPORT_DOWNLOAD_EVENT);
    expect(issued).toHaveLength(1);
    expect(issued[0]?.payload).toMatchObject({
      prefix: answer.json.prefix,
      files: expect.arrayContaining(EVERY_FILE),
    });
    expect(await eventsOfType(audit.auditId, REPORT_PRODUCED_EVENT)).toHaveLength(1);
  });

  it('answers 400 for a malformed audit id and 404 for an unknown audit, writing nothing', async () => {
    const { ori, audit } = await auditInReview();
    const before = await agencyFootprint(table, ori);

    const malformed = await callAdminApi('POST', '/audits/not%20an%20id/report');
    expect(malformed.status).toBe(400);
    const unknownId = `${audit.auditId}x`;
    const unknown = await callAdminApi('POST', `/audits/${unknownId}/report`);
    expect(unknown.status).toBe(404);

    expect(await agencyFootprint(table, ori)).toEqual(before);
    expect(await table.repository.trail.readAll(unknownId)).toEqual([]);
    expect(await storedKeys(`reports/${ori}/`)).toEqual([]);
  });
});
