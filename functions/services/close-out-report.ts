import { ItemNotFoundError } from '../adapters/dynamodb/persistence-errors.js';
import { clock, repository } from '../adapters/runtime/bindings.js';
import { REPORT_KEY_PREFIX } from '../adapters/s3/evidence-keys.js';
import type { EvidenceObjectStore } from '../adapters/s3/evidence-store.js';
import { evidenceStore } from '../adapters/s3/evidence-store-binding.js';
import type { Actor } from '../domain/schemas/common.js';
import type { TrailEvent } from '../domain/schemas/trail-event.js';
import { sha256Hex } from '../domain/trail/hash-chain.js';
import { buildCloseOutReport } from '../reports/build-close-out-report.js';
import { MANIFEST_FILE } from '../reports/report-files.js';
import type { TrailHead } from '../reports/report-schema.js';
import { programTitle } from './upload-portal.js';

/*
 * Producing and storing an audit's close-out report: built from the audit's partition and whole trail, each
 * file stored in the evidence bucket under reports/<ORI>/<auditId>/<generatedAt>/ (SSE-KMS; the bucket's
 * default Object Lock retention in compliance mode keeps every version), and the production recorded in the
 * trail. Made when the audit closes (once) and on an administrator's demand (a fresh one each time).
 */

export const REPORT_PRODUCED_EVENT = 'audit.report-produced';
export const REPORT_DOWNLOAD_EVENT = 'audit.report-download-issued';

/** Why a report was made: the close-out one is made once per audit; on-demand ones as often as asked. */
export type ReportOccasion = 'close-out' | 'on-demand';

export interface StoredReportFile {
  readonly name: string;
  readonly contentType: string;
  readonly bytes: number;
  readonly sha256: string;
  readonly key: string;
  readonly versionId: string;
}

export interface ProducedReport {
  readonly auditId: string;
  readonly prefix: string;
  readonly generatedAt: string;
  readonly files: readonly StoredReportFile[];
  /** The trail head the report covers (the report-produced event itself comes after it). */
  readonly trailHead: TrailHead;
}

/** 2026-06-10T16:00:00.000Z → 20260610T160000000Z: sortable, and safe in a key and a folder name. */
export const compactInstant = (iso: string) => iso.replace(/[-:.]/g, '');

/** The report-produced event of the audit's close-out, if one was recorded. */
export const closeOutReportEvent = (trail: readonly TrailEvent[]): TrailEvent | undefined =>
  trail.find((event) => event.type === REPORT_PRODUCED_EVENT && event.payload.occasion === 'close-out');

export async function produceCloseOutReport(
  auditId: string,
  actor: Actor,
  options: { occasion?: ReportOccasion; store?: EvidenceObjectStore } = {},
): Promise<ProducedReport> {
  const store = options.store ?? evidenceStore();
  const occasion = options.occasion ?? 'on-demand';
  const { audits, agencies, trail } = repository();
  const bundle = await audits.getAuditBundle(auditId);
  if (!bundle) throw new ItemNotFoundError('Audit', auditId);
  const agency = await agencies.getAgency(bundle.audit.ori);
  if (!agency) throw new ItemNotFoundError('Agency', bundle.audit.ori);
  const events = await trail.readAll(auditId);
  const generatedAt = clock().now().toISOString();
  const files = buildCloseOutReport({
    bundle,
    agency: { ori: agency.ori, name: agency.name },
    trail: events,
    generatedAt,
    programTitle: programTitle(bundle.audit.programId),
  });
  const manifestFile = files.find((file) => file.name === MANIFEST_FILE);
  if (!manifestFile) throw new Error(`The report of audit ${auditId} has no ${MANIFEST_FILE}`);
  const trailHead = (JSON.parse(manifestFile.body) as { trailHead: TrailHead }).trailHead;

  const prefix = `${REPORT_KEY_PREFIX}${bundle.audit.ori}/${auditId}/${compactInstant(generatedAt)}/`;
  const stored: StoredReportFile[] = [];
  // The manifest last: a folder with a manifest is a complete one.
  for (const file of files) {
    const key = `${prefix}${file.name}`;
    const { versionId } = await store.putReportFile(key, file.body, file.contentType);
    stored.push({
      name: file.name,
      contentType: file.contentType,
      bytes: Buffer.byteLength(file.body, 'utf8'),
      sha256: sha256Hex(file.body),
      key,
      versionId,
    });
  }

  // This event extends the trail after the head the report covers: expected, since a report cannot contain
  // the record of its own making. The next report (or the live trail) shows it after that head.
  await trail.appendOnce(
    {
      type: REPORT_PRODUCED_EVENT,
      at: generatedAt,
      actor,
      subject: { type: 'audit', id: auditId },
      streamId: auditId,
      payload: {
        occasion,
        prefix,
        manifestSha256: sha256Hex(manifestFile.body),
        trailHead: { sequence: trailHead.sequence, hash: trailHead.hash },
      },
    },
    `REPORT|${prefix}`,
    trailHead.sequence,
  );
  return { auditId, prefix, generatedAt, files: stored, trailHead };
}

export interface ReportFileDownload {
  readonly name: string;
  readonly contentType: string;
  readonly bytes: number;
  readonly sha256: string;
  readonly url: string;
  readonly expiresAt: string;
}

export interface ReportDownloads {
  readonly auditId: string;
  readonly prefix: string;
  readonly generatedAt: string;
  readonly trailHead: TrailHead;
  readonly files: ReportFileDownload[];
}

/**
 * An administrator's report on demand: a fresh report is built and stored, and each file is answered with a
 * five-minute presigned GET of exactly the stored version. The access is recorded in the trail before the
 * URLs are handed out, like an evidence download.
 */
export async function createReportDownloads(
  auditId: string,
  actor: Actor,
  store: EvidenceObjectStore = evidenceStore(),
): Promise<ReportDownloads> {
  const report = await produceCloseOutReport(auditId, actor, { occasion: 'on-demand', store });
  const files: ReportFileDownload[] = [];
  for (const file of report.files) {
    const download = await store.createDownloadUrl({
      key: file.key,
      versionId: file.versionId,
      fileName: file.name,
      contentType: file.contentType,
    });
    files.push({
      name: file.name,
      contentType: file.contentType,
      bytes: file.bytes,
      sha256: file.sha256,
      url: download.url,
      expiresAt: download.expiresAt,
    });
  }
  const { trail } = repository();
  const head = await trail.head(auditId);
  const now = clock().now().toISOString();
  await trail.appendOnce(
    {
      type: REPORT_DOWNLOAD_EVENT,
      at: now,
      actor,
      subject: { type: 'audit', id: auditId },
      streamId: auditId,
      payload: {
        prefix: report.prefix,
        files: report.files.map((file) => file.name),
        expiresAt: files[0]?.expiresAt ?? now,
      },
    },
    `REPORT-DOWNLOAD|${report.prefix}|${actor.id}|${now}`,
    head?.sequence ?? 0,
  );
  return {
    auditId,
    prefix: report.prefix,
    generatedAt: report.generatedAt,
    trailHead: report.trailHead,
    files,
  };
}
