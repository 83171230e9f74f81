import { describe, expect, it } from 'vitest';
import {
  InvalidUploadOriginError,
  portalAssetHeaders,
  portalSecurityHeaders,
} from '../../../functions/portal/render/security-headers.js';

const BUCKET = 'https://clets-evidence.s3.us-gov-west-1.amazonaws.com';

function directives(csp: string | undefined): Map<string, string> {
  return new Map(
    (csp ?? '').split(';').map((directive) => {
      const [name = '', ...values] = directive.trim().split(/\s+/);
      return [name, values.join(' ')];
    }),
  );
}

describe('Function: portalSecurityHeaders', () => {
  it('serves HTML that is never cached, never sniffed, never framed, and sends no Referer', () => {
    // Act
    const headers = portalSecurityHeaders({ uploadOrigins: [BUCKET] });

    // Assess
    expect(headers).toMatchObject({
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
    });
    expect(headers['permissions-policy']).toContain('camera=()');
    expect(headers['permissions-policy']).toContain('geolocation=()');
  });

  it('allows only the portal itself, plus the upload origin for connections and forms', () => {
    // Act
    const csp = directives(portalSecurityHeaders({ uploadOrigins: [BUCKET] })['content-security-policy']);

    // Assess
    expect(Object.fromEntries(csp)).toEqual({
      'default-src': "'none'",
      'script-src': "'self'",
      'style-src': "'self'",
      'connect-src': `'self' ${BUCKET}`,
      'form-action': `'self' ${BUCKET}`,
      'img-src': "'self' data:",
      'base-uri': "'none'",
      'frame-ancestors': "'none'",
    });
    expect(portalSecurityHeaders({ uploadOrigins: [BUCKET] })['content-security-policy']).not.toContain(
      'unsafe',
    );
  });

  it('reduces a bucket URL to its origin and lists a repeated origin once', () => {
    // Act
    const csp = directives(
      portalSecurityHeaders({
        uploadOrigins: [`${BUCKET}/`, BUCKET, 'http://localhost:4569/clets-evidence-sandbox'],
      })['content-security-policy'],
    );

    // Assess
    expect(csp.get('connect-src')).toBe(`'self' ${BUCKET} http://localhost:4569`);
    expect(csp.get('form-action')).toBe(`'self' ${BUCKET} http://localhost:4569`);
  });

  it('writes only the origin of a URL that tries to add a directive', () => {
    // Act
    const csp = portalSecurityHeaders({ uploadOrigins: [`${BUCKET}/;script-src *`] })[
      'content-security-policy'
    ];

    // Assess
    expect(csp).not.toContain('script-src *');
    expect(directives(csp).get('connect-src')).toBe(`'self' ${BUCKET}`);
  });

  it.each([`${BUCKET}; script-src *`, 'javascript:alert(1)', 'data:text/html,hi', 'not a url'])(
    'refuses %s as an upload origin',
    (origin) => {
      // Act / Assess
      expect(() => portalSecurityHeaders({ uploadOrigins: [origin] })).toThrow(InvalidUploadOriginError);
    },
  );
});

describe('Function: portalAssetHeaders', () => {
  it('lets browsers keep the script and stylesheet for a day, unsniffed', () => {
    // Act
    const headers = portalAssetHeaders('text/javascript; charset=utf-8');

    // Assess
    expect(headers).toEqual({
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'public, max-age=86400',
      'x-content-type-options': 'nosniff',
      'cross-origin-resource-policy': 'same-origin',
    });
  });
});
