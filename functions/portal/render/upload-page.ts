import { htmlEscape } from 'escape-goat';
import type { UploadPageView } from '../upload-page-view.js';
import { contactSentence, renderContactSection } from './contact-section.js';
import { renderCorrectiveActionsSection } from './corrective-actions-section.js';
import { joinLines, jsonAttribute } from './html.js';
import { describeTimeZone, formatByteSize, formatInstant, formatLocalDate } from './human-formats.js';
import { renderPageShell } from './page-shell.js';
import { renderRequestSection } from './request-section.js';
import { REQUEST_STATUS_LABELS } from './request-status.js';
import { TASK_STATUS_LABELS } from './task-status.js';

function pageHeader(view: UploadPageView): string {
  return joinLines(
    '<header class="page-header">',
    '<p class="eyebrow">CLETS compliance audit · evidence upload</p>',
    htmlEscape`<h1>${view.audit.programTitle}</h1>`,
    htmlEscape`<p class="agency">${view.agency.name} <span class="ori">ORI ${view.agency.ori}</span></p>`,
    '</header>',
  );
}

/** Everything requested stays readable without JavaScript; only sending files needs it. */
function noScriptNotice(view: UploadPageView): string {
  return `<noscript><div class="notice notice-warning">
<p><strong>Uploading needs JavaScript.</strong> Everything requested is listed below, but files can only be sent from this page with JavaScript turned on. If you cannot turn it on, write to ${contactSentence(view.contactEmails)} for another way to deliver the evidence.</p>
</div></noscript>`;
}

function auditFacts(view: UploadPageView): string {
  const { audit, link } = view;
  const zone = describeTimeZone(audit.timeZone, new Date(`${audit.dueDate}T12:00:00Z`));
  const fact = (term: string, definition: string) =>
    htmlEscape`<div><dt>${term}</dt><dd>${definition}</dd></div>`;
  return joinLines(
    '<section class="panel" aria-labelledby="audit-heading">',
    '<h2 id="audit-heading">About this request</h2>',
    '<dl class="facts">',
    fact('Agency', `${view.agency.name} (ORI ${view.agency.ori})`),
    fact('Audit', view.audit.programTitle),
    fact('Period', audit.periodKey),
    fact('Evidence due', `${formatLocalDate(audit.dueDate)}, by the end of the day, ${zone}`),
    fact('This link works until', formatInstant(link.expiresAt, audit.timeZone)),
    '</dl>',
    htmlEscape`<p>Each file can be up to ${formatByteSize(view.maxUploadBytes)}. Keep this link to yourself: anyone who has it can upload for your agency until it expires.</p>`,
    '</section>',
  );
}

function requestsSection(view: UploadPageView): string {
  const count = view.requests.length;
  const open = view.requests.filter((request) => request.uploadable).length;
  const summary =
    count === 0
      ? '<p>Nothing is requested through this link.</p>'
      : htmlEscape`<p>Items that take an upload now: ${String(open)} of ${String(count)}.</p>`;
  const sections = view.requests.map((request, index) =>
    renderRequestSection(request, {
      position: index + 1,
      count,
      timeZone: view.audit.timeZone,
      maxUploadBytes: view.maxUploadBytes,
    }),
  );
  return joinLines(
    '<section class="requests" aria-labelledby="requests-heading">',
    '<h2 id="requests-heading">Requested evidence</h2>',
    summary,
    ...sections,
    '</section>',
  );
}

/**
 * The agency's upload page. The token, the audit id and the JSON paths ride on <main> as data attributes for
 * the script; the token appears nowhere else in the page.
 */
export function renderUploadPage(view: UploadPageView): string {
  const main = joinLines(
    htmlEscape`<main id="main" class="upload-page" data-upload-token="${view.link.token}" data-audit-id="${view.audit.auditId}" data-authorize-path="${view.authorizePath}" data-status-path="${view.statusPath}"` +
      ` data-status-labels="${jsonAttribute(REQUEST_STATUS_LABELS)}"` +
      (view.remediation
        ? htmlEscape` data-plan-path="${view.remediation.planPath}"` +
          ` data-task-status-labels="${jsonAttribute(TASK_STATUS_LABELS)}"`
        : '') +
      '>',
    noScriptNotice(view),
    auditFacts(view),
    requestsSection(view),
    renderCorrectiveActionsSection(view.remediation, {
      timeZone: view.audit.timeZone,
      maxUploadBytes: view.maxUploadBytes,
    }),
    renderContactSection(
      view.contactEmails,
      'Questions about what is requested, a returned item, or this link: write to the state audit administrators.',
    ),
    '</main>',
  );
  return renderPageShell({
    title: `Upload evidence: ${view.audit.programTitle} — ${view.agency.name}`,
    assetsPath: view.assetsPath,
    withScript: true,
    body: joinLines(
      '<a class="skip-link" href="#requests-heading">Skip to the requested evidence</a>',
      pageHeader(view),
      main,
    ),
  });
}
