import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { buildCloseOutReport } from '../../../functions/reports/build-close-out-report.js';
import type { ReportFile } from '../../../functions/reports/report-files.js';
import { ReportDocumentSchema } from '../../../functions/reports/report-schema.js';
import { buildCloseOutAudit } from '../../support/close-out-audit.js';
import {
  buildRolledOverCloseOut,
  PREVIOUS_AUDIT_ID,
  ROLLED_OVER_HOSTILE,
} from '../../support/rolled-over-close-out.js';

const bodyOf = (files: readonly ReportFile[], name: string): string => {
  const file = files.find((candidate) => candidate.name === name);
  if (!file) throw new Error(`no ${name} in the report`);
  return file.body;
};

/** A CSV as objects keyed by header, read back with an independent parser. */
const csvRecords = (files: readonly ReportFile[], name: string): Record<string, string>[] =>
  parse(bodyOf(files, name), { columns: true }) as Record<string, string>[];

const input = buildRolledOverCloseOut();
const files = buildCloseOutReport(input);
const report = ReportDocumentSchema.parse(JSON.parse(bodyOf(files, 'report.json')));
const [verified, cancelled] = [...input.bundle.tasks].sort((a, b) => (a.taskId < b.taskId ? -1 : 1));
const verification = input.bundle.evidence.filter((evidence) => evidence.taskId !== undefined);

describe('Function: buildCloseOutReport › roll-over and remediation in report.json', () => {
  it("names the previous audit and the administrator's close reason", () => {
    // Assess
    expect(report.audit).toMatchObject({
      previousAuditId: PREVIOUS_AUDIT_ID,
      closeReason: ROLLED_OVER_HOSTILE.closeReason,
    });
  });

  it('gives each request where it was carried forward from, with the file it held there', () => {
    // Assess
    const [first, second, third] = report.requests;
    expect(first?.carriedForwardFrom).toEqual(input.bundle.requests[0]?.carriedForwardFrom);
    expect(first?.carriedForwardFrom).toMatchObject({
      auditId: PREVIOUS_AUDIT_ID,
      status: 'accepted',
      fileName: ROLLED_OVER_HOSTILE.carriedFileName,
      effectiveDate: '2025-05-30',
    });
    expect(second?.carriedForwardFrom).toEqual({
      auditId: PREVIOUS_AUDIT_ID,
      requestId: input.bundle.requests[1]?.requestId.replace('_2026_', '_2025_'),
      status: 'flagged',
    });
    expect(third?.carriedForwardFrom).toBeUndefined();
  });

  it('marks a repeat finding with the finding it repeats', () => {
    // Assess
    const [repeat, other] = report.findings;
    expect(repeat?.repeatOf).toEqual({
      findingId: `fnd_CA0190000_account-review_2025_003`,
      auditId: PREVIOUS_AUDIT_ID,
    });
    expect(other?.repeatOf).toBeUndefined();
  });

  it("lists each task's owner, due date, status, plan, revision requests, outcome and cancel reason", () => {
    // Assess
    const [task, dropped] = report.tasks;
    expect(task).toMatchObject({
      taskId: verified?.taskId,
      ownerRole: 'laso',
      dueDate: verified?.dueDate,
      status: 'closed',
      plan: {
        summary: 'The LASO disables stale accounts',
        steps: ['Export list', 'Disable'],
        targetDate: '2026-05-01',
        submittedAt: verified?.plan?.submittedAt,
        submittedBy: { type: 'agency-contact', id: 'lnk-4f2a9c', role: 'tac' },
      },
      revisionRequests: [
        {
          reason: 'Name who disables them',
          at: verified?.revisionRequests[0]?.at,
          by: { type: 'reviewer', id: 'jane.doe@doj.ca.gov' },
        },
      ],
      verifiedAt: verified?.verifiedAt,
      closedAt: verified?.closedAt,
    });
    expect(dropped).toMatchObject({
      taskId: cancelled?.taskId,
      status: 'cancelled',
      cancelReason: ROLLED_OVER_HOSTILE.cancelReason,
      verificationEvidence: [],
    });
  });

  it("lists verification files under their task, with hashes and versions, and not as the request's submissions", () => {
    // Assess
    const [task] = report.tasks;
    expect(task?.verificationEvidence).toEqual(
      verification.map((evidence) => ({
        evidenceId: evidence.evidenceId,
        requestId: evidence.requestId,
        fileName: evidence.fileName,
        contentType: evidence.contentType,
        sizeBytes: evidence.sizeBytes,
        sha256: evidence.sha256,
        objectKey: evidence.objectKey,
        objectVersion: evidence.objectVersion,
        receivedAt: evidence.receivedAt,
        effectiveDate: evidence.effectiveDate,
        uploadedBy: evidence.uploadedBy,
      })),
    );
    expect(task?.verificationEvidenceIds).toEqual(verification.map((evidence) => evidence.evidenceId));
    const [request] = report.requests;
    const listed = report.requests.flatMap((item) => item.evidence.map((evidence) => evidence.evidenceId));
    for (const evidence of verification) expect(listed).not.toContain(evidence.evidenceId);
    expect(request?.submissionCount).toBe(input.bundle.requests[0]?.submissionCount);
    expect(report.totals).toMatchObject({ evidence: 4, verificationEvidence: 2, tasks: 2 });
  });

  it('refuses verification evidence for a task that was not handed in', () => {
    // Prepare
    const [evidence] = verification;
    const stray = {
      ...input,
      bundle: {
        ...input.bundle,
        evidence: [
          ...input.bundle.evidence,
          { ...evidence, taskId: 'rem_CA0190000_account-review_2026_009_01' },
        ],
      },
    } as typeof input;

    // Act / Assess
    expect(() => buildCloseOutReport(stray)).toThrow(
      /evidence .* verifies task rem_CA0190000_account-review_2026_009_01, which was not handed in/,
    );
  });

  it('adds none of it for a first audit closed the usual way', () => {
    // Act
    const plain = ReportDocumentSchema.parse(
      JSON.parse(bodyOf(buildCloseOutReport(buildCloseOutAudit()), 'report.json')),
    );

    // Assess
    expect(plain.audit).not.toHaveProperty('previousAuditId');
    expect(plain.audit).not.toHaveProperty('closeReason');
    expect(plain.requests.some((request) => request.carriedForwardFrom)).toBe(false);
    expect(plain.findings.some((finding) => finding.repeatOf)).toBe(false);
    expect(plain.tasks.every((task) => task.verificationEvidence.length === 0)).toBe(true);
  });
});

describe('Function: buildCloseOutReport › roll-over and remediation in the CSV files', () => {
  it('gives every requests.csv row its carried-forward source, formulas neutralised', () => {
    // Act
    const rows = csvRecords(files, 'requests.csv');

    // Assess
    const first = input.bundle.requests[0]?.carriedForwardFrom;
    const ofFirst = rows.filter((row) => row.request_id === input.bundle.requests[0]?.requestId);
    expect(ofFirst.length).toBeGreaterThan(0);
    for (const row of ofFirst) {
      expect(row).toMatchObject({
        carried_forward_audit_id: PREVIOUS_AUDIT_ID,
        carried_forward_request_id: first?.requestId,
        carried_forward_status: 'accepted',
        carried_forward_evidence_id: first?.evidenceId,
        carried_forward_sha256: first?.sha256,
        carried_forward_file_name: `'${ROLLED_OVER_HOSTILE.carriedFileName}`,
        carried_forward_effective_date: '2025-05-30',
      });
    }
    const third = rows.find((row) => row.request_id === input.bundle.requests[2]?.requestId);
    expect(third?.carried_forward_audit_id).toBe('');
    // Verification files are not rows of requests.csv.
    for (const evidence of verification) expect(bodyOf(files, 'requests.csv')).not.toContain(evidence.sha256);
  });

  it('gives findings.csv the repeat, the plan, every revision request and the verification files', () => {
    // Act
    const [repeatRow, otherRow] = csvRecords(files, 'findings.csv');

    // Assess
    expect(repeatRow).toMatchObject({
      task_id: verified?.taskId,
      repeat_of_finding_id: 'fnd_CA0190000_account-review_2025_003',
      repeat_of_audit_id: PREVIOUS_AUDIT_ID,
      task_owner_role: 'laso',
      task_status: 'closed',
      plan_steps: 'Export list\nDisable',
      plan_submitted_at: verified?.plan?.submittedAt,
      plan_submitted_by: 'agency-contact:lnk-4f2a9c (tac)',
      revision_requests: '1',
      revision_request_history: `${verified?.revisionRequests[0]?.at} reviewer:jane.doe@doj.ca.gov: Name who disables them`,
      verification_evidence_ids: verification.map((evidence) => evidence.evidenceId).join('\n'),
      verification_sha256: verification.map((evidence) => evidence.sha256).join('\n'),
      verification_object_versions: 'v-verify-1\nv-verify-2',
      verification_received_at: verification.map((evidence) => evidence.receivedAt).join('\n'),
      task_cancel_reason: '',
    });
    expect(otherRow).toMatchObject({
      repeat_of_finding_id: '',
      task_status: 'cancelled',
      verification_sha256: '',
      task_cancel_reason: `'${ROLLED_OVER_HOSTILE.cancelReason}`,
    });
  });

  it('keeps the columns that were there before in their places, the new ones after them', () => {
    // Act
    const [requestHeader] = parse(bodyOf(files, 'requests.csv'), { to_line: 1 }) as string[][];
    const [findingHeader] = parse(bodyOf(files, 'findings.csv'), { to_line: 1 }) as string[][];

    // Assess
    expect(requestHeader?.slice(0, 3)).toEqual(['request_id', 'requirement_id', 'description']);
    expect(requestHeader?.indexOf('carried_forward_audit_id')).toBe(
      (requestHeader?.indexOf('decision_reason') ?? 0) + 1,
    );
    expect(findingHeader?.indexOf('repeat_of_finding_id')).toBe(
      (findingHeader?.indexOf('task_closed_at') ?? 0) + 1,
    );
  });
});

describe('Function: buildCloseOutReport › roll-over and remediation in report.html', () => {
  const html = bodyOf(files, 'report.html');

  it('shows the previous audit and the close reason, escaped', () => {
    // Assess
    expect(html).toContain(`<dt>Previous audit</dt><dd>${PREVIOUS_AUDIT_ID}</dd>`);
    expect(html).toContain(
      '<dt>Close reason</dt><dd>Agency &lt;b&gt;merged&lt;/b&gt; &amp; &quot;closed&quot;; tasks moved</dd>',
    );
    expect(html).not.toContain('<b>merged</b>');
  });

  it('shows where each request was carried forward from and the file it held', () => {
    // Assess
    const first = input.bundle.requests[0]?.carriedForwardFrom;
    expect(html).toContain(
      `<dt>Carried forward from</dt><dd>audit ${PREVIOUS_AUDIT_ID}, request ${first?.requestId}</dd>`,
    );
    expect(html).toContain('<dt>Previous status</dt><dd>accepted</dd>');
    expect(html).toContain(
      `<dt>Previous file</dt><dd>=cmd|&quot;/c calc&quot;!A1.pdf, evidence ${first?.evidenceId}, SHA-256 ${first?.sha256}, effective 2025-05-30</dd>`,
    );
    expect(html).toContain('<dt>Previous status</dt><dd>flagged</dd>\n<dt>Previous file</dt><dd>none</dd>');
  });

  it('badges a repeat finding in its heading and names the finding it repeats', () => {
    // Assess
    expect(html.match(/<span class="badge">Repeat finding<\/span>/g)).toHaveLength(1);
    expect(html).toMatch(
      /<h3 id="finding-1">high: =1\+1 &lt;img src=x onerror=alert\(1\)&gt;<span class="badge">Repeat finding<\/span><\/h3>/,
    );
    expect(html).toContain(
      `<dt>Repeat of</dt><dd>finding fnd_CA0190000_account-review_2025_003 of the previous audit ${PREVIOUS_AUDIT_ID}</dd>`,
    );
    expect(html).toMatch(/<h3 id="finding-2">medium: Late log review<\/h3>/);
  });

  it("shows who submitted the plan, who asked for each revision, and the cancelled task's reason, escaped", () => {
    // Assess
    expect(html).toContain(`submitted ${verified?.plan?.submittedAt} by agency-contact:lnk-4f2a9c (tac)`);
    expect(html).toContain(
      `${verified?.revisionRequests[0]?.at} by reviewer:jane.doe@doj.ca.gov: Name who disables them`,
    );
    expect(html).toContain('cancelled: +Superseded by &lt;i&gt;new&lt;/i&gt; plan');
  });

  it('lists verification files under their task with SHA-256, stored version and received date, escaped', () => {
    // Assess
    const start = html.indexOf(`<caption>Verification evidence for task ${verified?.taskId}</caption>`);
    expect(start).toBeGreaterThan(html.indexOf('id="finding-1"'));
    expect(start).toBeLessThan(html.indexOf('id="finding-2"'));
    const tableHtml = html.slice(start, html.indexOf('</table>', start));
    for (const evidence of verification) {
      expect(tableHtml).toContain(evidence.sha256);
      expect(tableHtml).toContain(`version <code>${evidence.objectVersion}</code>`);
      expect(tableHtml).toContain(`received ${evidence.receivedAt}`);
    }
    expect(tableHtml).toContain('&lt;img src=x onerror=alert(2)&gt;.pdf');
    expect(html).not.toContain('<img');
    expect(html).toContain('2 verification files received (listed below)');
    expect(html).toMatch(/4 files received, 2 verification files, /);
  });

  it('shows none of it for a first audit closed the usual way', () => {
    // Act
    const plain = bodyOf(buildCloseOutReport(buildCloseOutAudit()), 'report.html');

    // Assess
    expect(plain).not.toContain('Previous audit');
    expect(plain).not.toContain('Close reason');
    expect(plain).not.toContain('Carried forward from');
    expect(plain).not.toContain('class="badge"');
    expect(plain).not.toContain('Verification evidence for task');
  });
});
