import type { UploadLinkDenialReason, UploadLinkDeniedView } from '../upload-page-view.js';
import { renderContactSection } from './contact-section.js';
import { joinLines } from './html.js';
import { renderPageShell } from './page-shell.js';

interface DenialWording {
  readonly heading: string;
  readonly explanation: string;
  readonly next: string;
}

/**
 * What the reader is told for each reason: fixed text, no data. Whoever holds a bad link learns neither the
 * agency nor the audit it was for, nor whether such an audit exists.
 */
const DENIAL_WORDING: Readonly<Record<UploadLinkDenialReason, DenialWording>> = {
  unknown: {
    heading: 'This upload link is not valid',
    explanation:
      'The link was not recognized. It may have been copied only in part: check that the whole address from the email is in the address bar.',
    next: 'If it still does not work, ask an audit administrator below for a new upload link.',
  },
  expired: {
    heading: 'This upload link has expired',
    explanation: 'Upload links work for a limited time, and this one is past its end date.',
    next: 'Ask an audit administrator below for a new upload link.',
  },
  revoked: {
    heading: 'This upload link has been withdrawn',
    explanation: 'An administrator cancelled this link, usually because a newer one was sent.',
    next: 'Use the most recent link you received, or ask an audit administrator below for a new upload link.',
  },
  locked: {
    heading: 'This upload link is locked',
    explanation:
      'The link was locked after too many failed upload attempts, to protect your agency’s evidence.',
    next: 'Ask an audit administrator below for a new upload link. Files already received are kept.',
  },
};

/** The page a link that cannot be used answers with: which of the four reasons, what to do, whom to ask. */
export function renderDeniedPage(view: UploadLinkDeniedView): string {
  // A reason outside the four reads as "not valid" rather than failing or echoing an unknown value.
  const reason: UploadLinkDenialReason = Object.hasOwn(DENIAL_WORDING, view.reason) ? view.reason : 'unknown';
  const wording = DENIAL_WORDING[reason];
  return renderPageShell({
    title: `${wording.heading} — CLETS compliance audit`,
    assetsPath: view.assetsPath,
    withScript: false,
    body: joinLines(
      '<header class="page-header">',
      '<p class="eyebrow">CLETS compliance audit · evidence upload</p>',
      `<h1>${wording.heading}</h1>`,
      '</header>',
      `<main id="main" class="denied-page" data-denial-reason="${reason}">`,
      '<section class="panel notice-denied" aria-labelledby="denial-heading">',
      '<h2 id="denial-heading">What happened</h2>',
      `<p>${wording.explanation}</p>`,
      '</section>',
      '<section class="panel" aria-labelledby="next-heading">',
      '<h2 id="next-heading">What to do</h2>',
      `<p>${wording.next}</p>`,
      '</section>',
      renderContactSection(view.contactEmails, 'The state audit administrators can send you a new link.'),
      '</main>',
    ),
  });
}
