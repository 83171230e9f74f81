import { htmlEscape } from 'escape-goat';
import { describe, expect, it } from 'vitest';
import { renderUploadPage } from '../../../functions/portal/render/upload-page.js';
import type { UploadPageRequest, UploadPageView } from '../../../functions/portal/upload-page-view.js';

const SHA = 'a'.repeat(64);

const requested: UploadPageRequest = {
  requestId: 'req_aud_CA0340400_clets_2027_agreement',
  description: 'Signed CLETS subscriber agreement',
  requirementId: 'clets.subscriber-agreement',
  status: 'requested',
  dueDate: '2027-03-12',
  acceptedContentTypes: ['application/pdf', 'text/csv'],
  uploadable: true,
};

const flagged: UploadPageRequest = {
  requestId: 'req_aud_CA0340400_clets_2027_roster',
  description: 'Roster of CLETS operators',
  requirementId: 'clets.operator-roster',
  status: 'flagged',
  dueDate: '2027-03-19',
  acceptedContentTypes: ['application/pdf', 'image/*'],
  uploadable: true,
  flagReason: 'The roster is missing the second shift.',
  currentEvidence: {
    evidenceId: 'evd_1',
    fileName: 'roster-2027.pdf',
    sha256: SHA,
    sizeBytes: 1_572_864,
    receivedAt: '2027-02-01T18:30:00.000Z',
  },
  lastRejection: {
    fileName: 'roster-v2.pdf',
    at: '2027-02-03T17:00:00.000Z',
    reasons: ["the file's sha256 does not match the declared one"],
  },
};

const submitted: UploadPageRequest = {
  requestId: 'req_aud_CA0340400_clets_2027_training',
  description: 'Operator training certificates',
  requirementId: 'clets.training',
  status: 'submitted',
  dueDate: '2027-03-12',
  acceptedContentTypes: ['application/pdf'],
  uploadable: false,
  currentEvidence: {
    evidenceId: 'evd_2',
    fileName: 'training.pdf',
    sha256: 'b'.repeat(64),
    sizeBytes: 2048,
    receivedAt: '2027-02-02T18:30:00.000Z',
  },
};

const accepted: UploadPageRequest = {
  requestId: 'req_aud_CA0340400_clets_2027_policy',
  description: 'Security awareness policy',
  requirementId: 'clets.policy',
  status: 'accepted',
  dueDate: '2027-03-12',
  acceptedContentTypes: ['application/pdf'],
  uploadable: false,
};

const closed: UploadPageRequest = {
  requestId: 'req_aud_CA0340400_clets_2027_network',
  description: 'Network diagram',
  requirementId: 'clets.network-diagram',
  status: 'requested',
  dueDate: '2027-03-12',
  acceptedContentTypes: ['image/png'],
  uploadable: false,
};

function pageView(overrides: Partial<UploadPageView> = {}): UploadPageView {
  return {
    agency: { name: 'Sacramento Police Department', ori: 'CA0340400' },
    audit: {
      auditId: 'aud_CA0340400_clets_2027',
      programTitle: 'CLETS biennial compliance audit',
      periodKey: '2027',
      dueDate: '2027-03-12',
      timeZone: 'America/Los_Angeles',
      status: 'collecting',
    },
    link: { token: 'tok_9f8e7d6c5b4a', expiresAt: '2027-03-20T07:00:00.000Z', role: 'tac' },
    requests: [requested, flagged, submitted, accepted, closed],
    maxUploadBytes: 100 * 1024 ** 2,
    contactEmails: ['clets-audits@doj.ca.gov', 'audit-lead@doj.ca.gov'],
    authorizePath: '/upload/authorize',
    statusPath: '/upload/status',
    assetsPath: '/upload-assets',
    ...overrides,
  };
}

const occurrences = (text: string, part: string) => text.split(part).length - 1;

/** Markup of the <article> for one request. */
function articleFor(html: string, requestId: string): string {
  const start = html.indexOf(
    `<article class="request" id="`,
    html.indexOf(`data-request-id="${requestId}"`) - 80,
  );
  return html.slice(start, html.indexOf('</article>', start));
}

describe('Function: renderUploadPage', () => {
  it('renders a complete HTML5 document for phones, titled with the program and the agency', () => {
    // Act
    const html = renderUploadPage(pageView());

    // Assess
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain(
      '<title>Upload evidence: CLETS biennial compliance audit — Sacramento Police Department</title>',
    );
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
  });

  it('loads only the external script (deferred) and stylesheet, with no inline script or style', () => {
    // Act
    const html = renderUploadPage(pageView());

    // Assess
    expect(html).toContain('<script src="/upload-assets/upload.js" defer></script>');
    expect(html).toContain('<link rel="stylesheet" href="/upload-assets/upload.css">');
    expect(occurrences(html, '<script')).toBe(1);
    expect(html).not.toContain('<style');
    expect(html).not.toMatch(/\sstyle=/);
    expect(html).not.toMatch(/\son[a-z]+=/);
  });

  it('states the agency, ORI, program, period, due date with its zone and the link expiry', () => {
    // Act
    const html = renderUploadPage(pageView());

    // Assess
    expect(html).toContain('Sacramento Police Department');
    expect(html).toContain('ORI CA0340400');
    expect(html).toContain('<h1>CLETS biennial compliance audit</h1>');
    expect(html).toContain('<dt>Period</dt><dd>2027</dd>');
    expect(html).toContain(
      'Friday, March 12, 2027, by the end of the day, Pacific Time (America/Los_Angeles)',
    );
    expect(html).toContain('<dt>This link works until</dt><dd>Mar 20, 2027, 12:00 AM PDT</dd>');
    expect(html).toContain('Each file can be up to 100 MB.');
  });

  it('puts the token, audit id and JSON paths on <main> only, as data attributes', () => {
    // Act
    const html = renderUploadPage(pageView());

    // Assess
    expect(html).toContain(
      '<main id="main" class="upload-page" data-upload-token="tok_9f8e7d6c5b4a" data-audit-id="aud_CA0340400_clets_2027" data-authorize-path="/upload/authorize" data-status-path="/upload/status"',
    );
    expect(occurrences(html, 'tok_9f8e7d6c5b4a')).toBe(1);
    expect(html).toContain('data-status-labels="{&quot;requested&quot;:&quot;Requested&quot;');
  });

  it('renders one section per request and one form per uploadable request, each naming its request', () => {
    // Act
    const html = renderUploadPage(pageView());

    // Assess
    expect(occurrences(html, '<article class="request"')).toBe(5);
    expect(occurrences(html, '<form ')).toBe(2);
    expect(occurrences(html, '<input type="file"')).toBe(2);
    const formRequestIds = [...html.matchAll(/<form class="upload-form" data-request-id="([^"]+)"/g)].map(
      (match) => match[1],
    );
    expect(formRequestIds).toEqual([requested.requestId, flagged.requestId]);
    for (const request of [submitted, accepted, closed]) {
      expect(articleFor(html, request.requestId)).not.toContain('<form');
    }
  });

  it('gives each form the limits and types the script checks, and an accept attribute for the picker', () => {
    // Act
    const html = renderUploadPage(pageView());

    // Assess
    const form = articleFor(html, flagged.requestId);
    expect(form).toContain('data-max-bytes="104857600"');
    expect(form).toContain('data-accepted-types="[&quot;application/pdf&quot;,&quot;image/*&quot;]"');
    expect(form).toContain('&quot;jpg&quot;:&quot;image/jpeg&quot;');
    expect(form).toContain('data-last-rejection-at="2027-02-03T17:00:00.000Z"');
    expect(form).toContain('accept=".pdf,application/pdf,image/*"');
    expect(articleFor(html, requested.requestId)).toContain('accept=".pdf,application/pdf,.csv,text/csv"');
  });

  it('ties a label to every file input and describes it with the accepted types and the size limit', () => {
    // Act
    const html = renderUploadPage(pageView());

    // Assess
    const inputs = [...html.matchAll(/<input type="file" id="([^"]+)"[^>]*aria-describedby="([^"]+)"/g)];
    expect(inputs).toHaveLength(2);
    for (const [, id, describedBy] of inputs) {
      expect(html).toContain(`<label for="${id}">`);
      for (const describer of describedBy?.split(' ') ?? []) expect(html).toContain(`id="${describer}"`);
    }
    expect(html).toContain('<dd id="request-1-types">PDF (.pdf), CSV (.csv)</dd>');
    expect(html).toContain('<dd id="request-1-limit">100 MB per file</dd>');
  });

  it('gives each form a progress bar and a live status region, hidden until the script takes over', () => {
    // Act
    const html = renderUploadPage(pageView());

    // Assess
    const item = articleFor(html, requested.requestId);
    expect(item).toContain('<div class="upload-area" data-role="upload-area" hidden>');
    expect(item).toMatch(/<progress id="request-1-progress" data-role="progress"[^>]*aria-label="[^"]+"/);
    expect(item).toContain('data-role="upload-status" role="status" aria-live="polite"');
    expect(item).toContain('data-role="upload-needs-script"');
    expect(item).toContain('<button type="submit">Upload');
  });

  it('shows each status in words, and says why an item takes no upload', () => {
    // Act
    const html = renderUploadPage(pageView());

    // Assess
    expect(articleFor(html, requested.requestId)).toContain('>Requested</span>');
    expect(articleFor(html, flagged.requestId)).toContain('>Returned — please upload again</span>');
    expect(articleFor(html, submitted.requestId)).toContain('>Received — awaiting review</span>');
    expect(articleFor(html, submitted.requestId)).toContain('awaiting review, so uploads are paused');
    expect(articleFor(html, accepted.requestId)).toContain('>Accepted</span>');
    expect(articleFor(html, accepted.requestId)).toContain('The reviewer accepted this evidence.');
    expect(articleFor(html, closed.requestId)).toContain('no longer collecting evidence');
    const resubmitted = renderUploadPage(pageView({ requests: [{ ...submitted, status: 'resubmitted' }] }));
    expect(resubmitted).toContain('>Re-submitted — awaiting review</span>');
  });

  it('shows the due date, flag reason, current receipt and last rejection of an item', () => {
    // Act
    const item = articleFor(renderUploadPage(pageView()), flagged.requestId);

    // Assess
    expect(item).toContain('<dt>Due</dt><dd>Friday, March 19, 2027</dd>');
    expect(item).toContain('<p>The roster is missing the second shift.</p>');
    expect(item).toContain('<dt>File name</dt><dd>roster-2027.pdf</dd>');
    expect(item).toContain(`<code class="hash">${SHA}</code>`);
    expect(item).toContain('<dt>Size</dt><dd>1.5 MB</dd>');
    expect(item).toContain('<dt>Received</dt><dd>Feb 1, 2027, 10:30 AM PST</dd>');
    expect(item).toContain('“roster-v2.pdf” could not be recorded (checked Feb 3, 2027, 9:00 AM PST)');
    expect(item).toContain('<li>the file&#39;s sha256 does not match the declared one</li>');
    expect(item).toContain('Please upload the file again.');
  });

  it('lists whom to contact as mailto links, and repeats them in the no-script note', () => {
    // Act
    const html = renderUploadPage(pageView());

    // Assess
    expect(html).toContain('<h2 id="contact-heading">Whom to contact</h2>');
    expect(html).toContain('<li><a href="mailto:clets-audits@doj.ca.gov">clets-audits@doj.ca.gov</a></li>');
    expect(html).toContain('<li><a href="mailto:audit-lead@doj.ca.gov">audit-lead@doj.ca.gov</a></li>');
    const noscript = html.slice(html.indexOf('<noscript>'), html.indexOf('</noscript>'));
    expect(noscript).toContain('Uploading needs JavaScript');
    expect(noscript).toContain('mailto:clets-audits@doj.ca.gov');
  });

  it('uses landmarks and headings in order, without skipping a level', () => {
    // Act
    const html = renderUploadPage(pageView());

    // Assess
    expect(html).toContain('<header class="page-header">');
    expect(occurrences(html, '<main ')).toBe(1);
    const levels = [...html.matchAll(/<h([1-6])[\s>]/g)].map((match) => Number(match[1]));
    expect(levels[0]).toBe(1);
    expect(levels.filter((level) => level === 1)).toHaveLength(1);
    for (const [index, level] of levels.entries()) {
      if (index > 0) expect(level - (levels[index - 1] ?? 0)).toBeLessThanOrEqual(1);
    }
  });

  it('says so when nothing is requested, and still lists whom to contact', () => {
    // Act
    const html = renderUploadPage(pageView({ requests: [] }));

    // Assess
    expect(html).toContain('Nothing is requested through this link.');
    expect(html).not.toContain('<form');
    expect(html).toContain('mailto:clets-audits@doj.ca.gov');
  });

  it('escapes every value it is given, in text and in attributes alike', () => {
    // Prepare: every string field carries markup, quotes and an ampersand, each labelled to be found again.
    const hostile = (field: string) => `${field}<script>alert(1)</script>"' onmouseover="x" &amp;`;
    const view = pageView({
      agency: { name: hostile('agency'), ori: hostile('ori') },
      audit: {
        auditId: hostile('auditId'),
        programTitle: hostile('program'),
        periodKey: hostile('period'),
        dueDate: hostile('auditDue'),
        timeZone: 'America/Los_Angeles',
        status: hostile('auditStatus'),
      },
      link: { token: hostile('token'), expiresAt: hostile('expires'), role: hostile('role') },
      requests: [
        {
          ...flagged,
          requestId: hostile('requestId'),
          description: hostile('description'),
          requirementId: hostile('requirement'),
          dueDate: hostile('requestDue'),
          acceptedContentTypes: [hostile('contentType')],
          flagReason: hostile('flagReason'),
          currentEvidence: {
            evidenceId: hostile('evidenceId'),
            fileName: hostile('fileName'),
            sha256: hostile('sha256'),
            sizeBytes: 10,
            receivedAt: hostile('receivedAt'),
          },
          lastRejection: {
            fileName: hostile('rejectedFile'),
            at: hostile('rejectedAt'),
            reasons: [hostile('reason1'), hostile('reason2')],
          },
        },
      ],
      contactEmails: [hostile('email')],
      authorizePath: hostile('authorize'),
      statusPath: hostile('status'),
      assetsPath: hostile('assets'),
    });

    // Act
    const html = renderUploadPage(view);

    // Assess
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).not.toContain('onmouseover="');
    expect(occurrences(html, '<script')).toBe(1);
    expect(html).toMatch(/<script src="[^"<>]*upload\.js" defer><\/script>/);
    for (const field of [
      'agency',
      'ori',
      'program',
      'period',
      'auditDue',
      'token',
      'expires',
      'requestId',
      'description',
      'requirement',
      'requestDue',
      'flagReason',
      'fileName',
      'sha256',
      'receivedAt',
      'rejectedFile',
      'rejectedAt',
      'reason1',
      'reason2',
      'authorize',
      'status',
      'assets',
    ]) {
      expect(html, field).not.toContain(hostile(field));
      expect(html, field).toContain(htmlEscape(hostile(field)));
    }
    expect(html).toContain('&amp;amp;');
    expect(occurrences(html, htmlEscape(hostile('token')))).toBe(1);
    // The email is percent-encoded in the href and escaped in the text.
    expect(html).toContain(`>${htmlEscape(hostile('email'))}</a>`);
    expect(html).toContain('href="mailto:email%3Cscript%3Ealert(1)%3C%2Fscript%3E%22');
  });
});
