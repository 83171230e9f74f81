import { describe, expect, it } from 'vitest';
import { renderDeniedPage } from '../../../functions/portal/render/denied-page.js';
import type { UploadLinkDenialReason } from '../../../functions/portal/upload-page-view.js';

const contactEmails = ['clets-audits@doj.ca.gov'];

const expectedWords: Record<UploadLinkDenialReason, readonly string[]> = {
  unknown: ['This upload link is not valid', 'was not recognized'],
  expired: ['This upload link has expired', 'past its end date'],
  revoked: ['This upload link has been withdrawn', 'cancelled this link'],
  locked: ['This upload link is locked', 'too many failed upload attempts'],
};

describe('Function: renderDeniedPage', () => {
  it.each(Object.entries(expectedWords))(
    'says in plain words why a %s link cannot be used',
    (reason, words) => {
      // Act
      const html = renderDeniedPage({
        reason: reason as UploadLinkDenialReason,
        contactEmails,
        assetsPath: '/upload-assets',
      });

      // Assess
      for (const phrase of words) expect(html).toContain(phrase);
      expect(html).toContain('new upload link');
      expect(html).toContain('<h2 id="contact-heading">Whom to contact</h2>');
      expect(html).toContain('<a href="mailto:clets-audits@doj.ca.gov">clets-audits@doj.ca.gov</a>');
      expect(html).toContain(`data-denial-reason="${reason}"`);
    },
  );

  it.each(Object.keys(expectedWords))(
    'shows a %s link nothing but the reason, what to do and whom to ask',
    (reason) => {
      // Act
      const html = renderDeniedPage({
        reason: reason as UploadLinkDenialReason,
        contactEmails,
        assetsPath: '/upload-assets',
      });

      // Assess
      expect(html).not.toContain('<script');
      expect(html).not.toContain('<form');
      expect(html).not.toContain('data-upload-token');
      expect(html).not.toMatch(/\bORI\b|aud_|req_|tok_/);
      expect(html).toContain('<link rel="stylesheet" href="/upload-assets/upload.css">');
      expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
      // What is left once the fixed wording is set aside is the contact address and the asset path.
      const text = html.replace(/<[^>]+>/g, ' ');
      expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    },
  );

  it('treats a reason it does not know as an unknown link, without echoing it', () => {
    // Act
    const html = renderDeniedPage({
      reason: '<b>stolen</b>' as UploadLinkDenialReason,
      contactEmails,
      assetsPath: '/upload-assets',
    });

    // Assess
    expect(html).toContain('This upload link is not valid');
    expect(html).toContain('data-denial-reason="unknown"');
    expect(html).not.toContain('stolen');
  });

  it('escapes the contact addresses and the assets path', () => {
    // Act
    const html = renderDeniedPage({
      reason: 'expired',
      contactEmails: ['"><script>alert(1)</script>@x.gov'],
      assetsPath: '/a"><script>alert(2)</script>',
    });

    // Assess
    expect(html).not.toContain('<script');
    expect(html).toContain('&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;@x.gov</a>');
    expect(html).toContain('href="/a&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;/upload.css"');
  });

  it('says whom to write to even when no address is configured', () => {
    // Act
    const html = renderDeniedPage({ reason: 'locked', contactEmails: [], assetsPath: '/upload-assets' });

    // Assess
    expect(html).toContain('Reply to the email that brought you this link.');
  });
});
