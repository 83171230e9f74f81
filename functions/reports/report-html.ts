import { createHash } from 'node:crypto';
import { htmlEscape } from 'escape-goat';
import { describeActor } from './report-csv.js';
import type {
  ReportDocument,
  ReportEvidence,
  ReportFinding,
  ReportNotice,
  ReportRequest,
  ReportTask,
  ReportVerificationEvidence,
} from './report-schema.js';

/*
 * report.html: the same content as report.json for people, as one self-contained page (no script, no request
 * for anything: the only style is the <style> block, allowed by its hash in the page's own CSP). Every value is
 * escaped with escape-goat's htmlEscape, through its tagged form (each interpolation escaped once); fragments
 * are joined by plain concatenation, so nothing is escaped twice. Times are printed as recorded (ISO-8601 UTC):
 * formatting them with Intl would make the bytes depend on the ICU data of the runtime that built the page.
 */

const STYLE = `
:root{--ink:#1b1b1b;--muted:#4d4d4d;--rule:#b8bec7;--band:#eef1f5;--accent:#1d3f72}
*{box-sizing:border-box}
body{margin:0 auto;max-width:80rem;padding:1.5rem;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:var(--ink);background:#fff}
h1{font-size:1.75rem;margin:.25rem 0}
h2{font-size:1.35rem;margin:2rem 0 .75rem;padding-bottom:.25rem;border-bottom:2px solid var(--accent)}
h3{font-size:1.1rem;margin:1.5rem 0 .5rem}
.kicker{margin:0;text-transform:uppercase;letter-spacing:.06em;font-size:.8rem;color:var(--muted)}
.agency{margin:0;font-size:1.1rem}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:1rem 0}
dt{font-weight:600}
dd{margin:0}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.85em;overflow-wrap:anywhere}
.integrity{border:1px solid var(--rule);background:var(--band);padding:.75rem 1rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;font-size:.875rem}
caption{text-align:left;font-weight:600;padding:.25rem 0}
th,td{border:1px solid var(--rule);padding:.3rem .45rem;text-align:left;vertical-align:top}
thead th{background:var(--band)}
td{overflow-wrap:break-word}
td.number{text-align:right;white-space:nowrap}
.text{white-space:pre-wrap}
.muted{color:var(--muted)}
ul.plain{margin:0;padding-left:1.1rem}
.badge{display:inline-block;margin-left:.5rem;padding:0 .4rem;border:1px solid #8a1c1c;border-radius:.25rem;color:#8a1c1c;font-size:.8rem;font-weight:600;text-transform:uppercase;letter-spacing:.04em;vertical-align:middle}
a{color:var(--accent)}
a:focus-visible{outline:3px solid #b35c00;outline-offset:2px}
@page{margin:15mm}
@media print{body{max-width:none;padding:0;font-size:10pt}nav{display:none}h2,h3{break-after:avoid}tr{break-inside:avoid}thead{display:table-header-group}a{color:inherit;text-decoration:none}}
`.trim();

const STYLE_HASH = createHash('sha256').update(STYLE, 'utf8').digest('base64');

const DASH = '—';

/** 12345 → "12,345", without Intl (see above). */
export function groupDigits(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

const plural = (count: number, one: string, many: string) =>
  `${groupDigits(count)} ${count === 1 ? one : many}`;

/** A table cell holding one escaped value, or a dash. */
const cell = (value: string | number | undefined, className?: string): string => {
  const text = value === undefined || value === '' ? DASH : String(value);
  return className ? htmlEscape`<td class="${className}">${text}</td>` : htmlEscape`<td>${text}</td>`;
};
/** A cell of markup its caller escaped. */
const markupCell = (markup: string) => `<td>${markup}</td>`;
const code = (value: string) => htmlEscape`<code>${value}</code>`;
/** Lines of text, each escaped, one under the other. */
const lines = (values: readonly (string | undefined)[]) =>
  values
    .filter((value): value is string => value !== undefined && value !== '')
    .map((value) => htmlEscape`${value}`)
    .join('<br>');

function table(caption: string, headings: readonly string[], rows: readonly string[]): string {
  const head = headings.map((heading) => htmlEscape`<th scope="col">${heading}</th>`).join('');
  return [
    '<table>',
    htmlEscape`<caption>${caption}</caption>`,
    `<thead><tr>${head}</tr></thead>`,
    '<tbody>',
    ...rows.map((row) => `<tr>${row}</tr>`),
    '</tbody>',
    '</table>',
  ].join('\n');
}

function facts(entries: readonly (readonly [string, string | undefined])[]): string {
  const shown = entries.filter(([, value]) => value !== undefined && value !== '');
  return [
    '<dl class="facts">',
    ...shown.map(([term, value]) => htmlEscape`<dt>${term}</dt><dd>${value ?? ''}</dd>`),
    '</dl>',
  ].join('\n');
}

function decisionMarkup(evidence: ReportEvidence): string {
  const { decision } = evidence;
  if (!decision) return evidence.current ? 'awaiting decision' : 'no decision recorded';
  const by = describeActor(decision.reviewer);
  return lines([
    `${decision.decision === 'accepted' ? 'Accepted' : 'Flagged'} ${decision.at}`,
    by ? `by ${by}` : undefined,
    decision.trailSequence ? `trail event ${decision.trailSequence}` : 'from the request record',
    decision.reason ? `Reason: ${decision.reason}` : undefined,
    decision.comment ? `Comment: ${decision.comment}` : undefined,
  ]);
}

/** The cells both file tables (a request's files, a task's verification files) show of a stored file. */
function storedFileCells(file: ReportEvidence | ReportVerificationEvidence, about: string): string[] {
  return [
    markupCell(lines([file.fileName, file.contentType, about])),
    markupCell(lines([`received ${file.receivedAt}`, `effective ${file.effectiveDate}`])),
    cell(`${groupDigits(file.sizeBytes)} bytes`, 'number'),
    markupCell(code(file.sha256)),
    markupCell(`${code(file.objectKey)}<br>version ${code(file.objectVersion)}`),
  ];
}

function evidenceRow(evidence: ReportEvidence): string {
  return [
    ...storedFileCells(evidence, evidence.current ? 'current file' : 'earlier submission'),
    markupCell(decisionMarkup(evidence)),
  ].join('');
}

/** Roll-over: where the request came from, and the file it held there. */
function carriedForwardFacts(request: ReportRequest): (readonly [string, string | undefined])[] {
  const from = request.carriedForwardFrom;
  if (!from) return [];
  const file = [
    from.fileName,
    from.evidenceId ? `evidence ${from.evidenceId}` : undefined,
    from.sha256 ? `SHA-256 ${from.sha256}` : undefined,
    from.effectiveDate ? `effective ${from.effectiveDate}` : undefined,
  ].filter((part): part is string => part !== undefined);
  return [
    ['Carried forward from', `audit ${from.auditId}, request ${from.requestId}`],
    ['Previous status', from.status],
    ['Previous file', file.length > 0 ? file.join(', ') : 'none'],
  ];
}

function requestSection(request: ReportRequest, index: number): string {
  const heading = `req-${index + 1}`;
  const files =
    request.evidence.length === 0
      ? '<p>No file was received.</p>'
      : table(
          `Files received for ${request.requirementId}`,
          ['File', 'Dates', 'Size', 'SHA-256', 'Stored object', 'Reviewer decision'],
          request.evidence.map(evidenceRow),
        );
  return [
    htmlEscape`<section class="request" aria-labelledby="${heading}">`,
    htmlEscape`<h3 id="${heading}">${request.requirementId}</h3>`,
    htmlEscape`<p class="text">${request.description}</p>`,
    facts([
      ['Request', request.requestId],
      ['Status', request.status],
      ['Due', `${request.dueDate} (${request.dueAt})`],
      ['Submissions', groupDigits(request.submissionCount)],
      ['Accepted types', request.acceptedContentTypes.join(', ')],
      ['Flag reason', request.flagReason],
      ...carriedForwardFacts(request),
    ]),
    files,
    '</section>',
  ].join('\n');
}

function refusedSection(document: ReportDocument): string {
  if (document.refusedUploads.length === 0) return '<p>No upload was refused.</p>';
  return table(
    'Uploads refused at ingest (kept in the bucket, never evidence)',
    ['When', 'Request', 'File', 'Reasons', 'Declared SHA-256', 'Actual SHA-256', 'Stored object'],
    document.refusedUploads.map((refused) =>
      [
        cell(refused.at),
        markupCell(code(refused.requestId)),
        cell(refused.fileName),
        markupCell(
          `<ul class="plain">${refused.reasons.map((reason) => htmlEscape`<li>${reason}</li>`).join('')}</ul>`,
        ),
        markupCell(refused.declaredSha256 ? code(refused.declaredSha256) : DASH),
        markupCell(refused.actualSha256 ? code(refused.actualSha256) : DASH),
        markupCell(`${code(refused.objectKey)}<br>version ${code(refused.objectVersion)}`),
      ].join(''),
    ),
  );
}

function taskRow(task: ReportTask): string {
  const revisions = task.revisionRequests.map(
    (revision) => `${revision.at} by ${describeActor(revision.by) ?? DASH}: ${revision.reason}`,
  );
  return [
    markupCell(code(task.taskId)),
    cell(task.ownerRole),
    cell(task.dueDate),
    cell(task.status),
    markupCell(
      task.plan
        ? lines([
            task.plan.summary,
            ...task.plan.steps.map((step) => `• ${step}`),
            `target ${task.plan.targetDate}, submitted ${task.plan.submittedAt} by ${describeActor(task.plan.submittedBy) ?? DASH}`,
          ])
        : DASH,
    ),
    markupCell(revisions.length > 0 ? lines(revisions) : DASH),
    markupCell(
      lines([
        task.verifiedAt ? `verified ${task.verifiedAt}` : undefined,
        task.verificationEvidenceIds.length > 0
          ? `evidence named: ${task.verificationEvidenceIds.join(', ')}`
          : undefined,
        task.verificationEvidence.length > 0
          ? `${plural(task.verificationEvidence.length, 'verification file', 'verification files')} received (listed below)`
          : undefined,
        task.closedAt ? `closed ${task.closedAt}` : undefined,
        task.cancelReason ? `cancelled: ${task.cancelReason}` : undefined,
      ]) || DASH,
    ),
  ].join('');
}

function verificationRow(evidence: ReportVerificationEvidence): string {
  return storedFileCells(evidence, `uploaded by ${describeActor(evidence.uploadedBy)}`).join('');
}

/** Under the tasks table: each task's verification files, with their hashes and stored versions. */
function verificationTables(tasks: readonly ReportTask[]): string[] {
  return tasks
    .filter((task) => task.verificationEvidence.length > 0)
    .map((task) =>
      table(
        `Verification evidence for task ${task.taskId}`,
        ['File', 'Dates', 'Size', 'SHA-256', 'Stored object'],
        task.verificationEvidence.map(verificationRow),
      ),
    );
}

/** A repeat finding is flagged in its heading, where a reader scanning the findings sees it. */
const REPEAT_BADGE = '<span class="badge">Repeat finding</span>';

function findingSection(finding: ReportFinding, tasks: readonly ReportTask[], index: number): string {
  const heading = `finding-${index + 1}`;
  const badge = finding.repeatOf ? REPEAT_BADGE : '';
  return [
    htmlEscape`<section class="finding" aria-labelledby="${heading}">`,
    `${htmlEscape`<h3 id="${heading}">${finding.severity}: ${finding.title}`}${badge}</h3>`,
    htmlEscape`<p class="text">${finding.description}</p>`,
    facts([
      ['Finding', finding.findingId],
      ['Status', finding.status],
      ['Requirement', finding.requirementId],
      ['Remediation due', finding.dueDate],
      ['Raised', `${finding.raisedAt} by ${describeActor(finding.raisedBy) ?? DASH}`],
      ['Verified', finding.verifiedAt],
      ['Closed', finding.closedAt],
      ['Withdrawn because', finding.withdrawnReason],
      [
        'Repeat of',
        finding.repeatOf
          ? `finding ${finding.repeatOf.findingId} of the previous audit ${finding.repeatOf.auditId}`
          : undefined,
      ],
    ]),
    tasks.length === 0
      ? '<p>No remediation task.</p>'
      : table(
          `Remediation tasks for finding ${index + 1}`,
          ['Task', 'Owner', 'Due', 'Status', 'Corrective action plan', 'Revisions asked', 'Outcome'],
          tasks.map(taskRow),
        ),
    ...verificationTables(tasks),
    '</section>',
  ].join('\n');
}

function noticeRow(notice: ReportNotice): string {
  const recipients = notice.recipients.map(
    (recipient) =>
      `${recipient.role}: ${recipient.email}${recipient.reroutedFrom ? ` (standing in for ${recipient.reroutedFrom})` : ''}`,
  );
  const events = notice.deliveryEvents.map(
    (event) => `${event.at} ${event.status}${event.detail ? `: ${event.detail}` : ''}`,
  );
  return [
    cell(notice.scheduledFor),
    markupCell(lines([notice.kind, notice.stepKey])),
    cell(notice.subject),
    markupCell(lines(recipients)),
    cell(notice.status),
    markupCell(lines(events) || DASH),
  ].join('');
}

function noticesSection(document: ReportDocument): string {
  if (document.notices.length === 0) return '<p>No notice was recorded.</p>';
  return table(
    'Every notice recorded for the audit, with its delivery state',
    ['Scheduled', 'Kind and step', 'Subject', 'Recipients', 'Delivery state', 'Delivery events'],
    document.notices.map(noticeRow),
  );
}

function section(id: string, title: string, body: string): string {
  return [
    htmlEscape`<section id="${id}" aria-labelledby="${id}-heading">`,
    htmlEscape`<h2 id="${id}-heading">${title}</h2>`,
    body,
    '</section>',
  ].join('\n');
}

const CONTENTS = [
  ['integrity', 'Integrity'],
  ['requests', 'Evidence requests'],
  ['refused', 'Refused uploads'],
  ['findings', 'Findings and remediation'],
  ['notices', 'Notice history'],
] as const;

export function renderReportHtml(document: ReportDocument): string {
  const { audit, agency, program, trail, totals } = document;
  const title = `Close-out report: ${program.title}, ${agency.name} (${agency.ori}), ${audit.periodKey}`;
  const contents = CONTENTS.map(([id, label]) => htmlEscape`<li><a href="#${id}">${label}</a></li>`).join('');
  const integrity = [
    '<div class="integrity">',
    htmlEscape`<p>This report was built from the audit's tamper-evident trail of ${plural(trail.eventCount, 'event', 'events')}, each of which carries the SHA-256 of the one before it. The last event's hash (the head) fixes every event before it.</p>`,
    facts([
      ['Trail head', `event ${groupDigits(trail.head.sequence)}`],
      ['Head hash (SHA-256)', trail.head.hash],
      ['Report format', `version ${document.schemaVersion}`],
    ]),
    '<p>To check this report offline, keep its files together in one folder and run <code>clets-audit verify-report &lt;folder&gt;</code>: manifest.json lists the SHA-256 of every other file, and trail.jsonl holds every event of the trail.</p>',
    '</div>',
    htmlEscape`<p>In this report: ${plural(totals.requests, 'evidence request', 'evidence requests')}, ${plural(totals.evidence, 'file', 'files')} received, ${plural(totals.verificationEvidence, 'verification file', 'verification files')}, ${plural(totals.refusedUploads, 'refused upload', 'refused uploads')}, ${plural(totals.findings, 'finding', 'findings')}, ${plural(totals.tasks, 'remediation task', 'remediation tasks')}, ${plural(totals.notices, 'notice', 'notices')}.</p>`,
  ].join('\n');
  const requests =
    document.requests.length === 0
      ? '<p>The audit has no evidence requests.</p>'
      : document.requests.map(requestSection).join('\n');
  const findings =
    document.findings.length === 0
      ? '<p>No finding was recorded.</p>'
      : document.findings
          .map((finding, index) =>
            findingSection(
              finding,
              document.tasks.filter((task) => task.findingId === finding.findingId),
              index,
            ),
          )
          .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'sha256-${STYLE_HASH}'">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex, nofollow">
${htmlEscape`<title>${title}</title>`}
<style>${STYLE}</style>
</head>
<body>
<header>
<p class="kicker">CLETS / CJIS audit close-out report</p>
${htmlEscape`<h1>${program.title}</h1>`}
${htmlEscape`<p class="agency">${agency.name} (ORI ${agency.ori})</p>`}
${facts([
  ['Audit', audit.auditId],
  ['Period', audit.periodKey],
  ['Status', audit.status],
  ['Responsible role', audit.responsibleRole],
  ['Due', `${audit.dueDate} (${audit.timeZone}; deadline ${audit.dueAt})`],
  ['Opened', audit.openedAt],
  ['Review started', audit.reviewStartedAt],
  ['Closed', audit.closedAt],
  ['Close reason', audit.closeReason],
  ['Previous audit', audit.previousAuditId],
  ['Cancelled', audit.cancelledAt ? `${audit.cancelledAt}: ${audit.cancelReason ?? ''}` : undefined],
  ['Workflow failed', audit.failedAt ? `${audit.failedAt}: ${audit.failure?.error ?? ''}` : undefined],
  ['Catalog version', program.catalogVersion],
  ['Report generated', document.generatedAt],
])}
</header>
<nav aria-label="Contents"><ol>${contents}</ol></nav>
<main>
${section('integrity', 'Integrity', integrity)}
${section('requests', 'Evidence requests', requests)}
${section('refused', 'Refused uploads', refusedSection(document))}
${section('findings', 'Findings and remediation', findings)}
${section('notices', 'Notice history', noticesSection(document))}
</main>
<footer>
${htmlEscape`<p class="muted">Audit ${audit.auditId}, report generated ${document.generatedAt}. Trail head: event ${groupDigits(trail.head.sequence)}, SHA-256 ${trail.head.hash}.</p>`}
</footer>
</body>
</html>
`;
}
