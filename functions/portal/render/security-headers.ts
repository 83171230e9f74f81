/*
 * Headers for the portal's answers. The upload page is reached with a bearer token in its URL and shows an
 * agency's audit, so its HTML is never cached and never framed, sends no Referer anywhere (a Referer would carry
 * the token to S3 or to any link the reader follows), and may run only the portal's own script: no inline code,
 * no third-party origins except the bucket it uploads to.
 */

export class InvalidUploadOriginError extends Error {
  constructor(readonly value: string) {
    super(
      `Upload origin '${value}' is not an http(s) URL: give the evidence bucket's origin, e.g. https://evidence-bucket.s3.us-gov-west-1.amazonaws.com.`,
    );
    this.name = 'InvalidUploadOriginError';
  }
}

export interface PortalSecurityOptions {
  /**
   * Where the browser POSTs files: the evidence bucket's origin(s). A full URL (a presigned POST's url, a
   * path-style bucket URL) is reduced to its origin, which is what CSP matches on.
   */
  readonly uploadOrigins: readonly string[];
}

/**
 * The value lands in a header, where a `;` would add a directive, so only what URL parsing yields as an origin
 * is written, and only for http(s).
 */
function checkedOrigin(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidUploadOriginError(value);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new InvalidUploadOriginError(value);
  return url.origin;
}

export function portalContentSecurityPolicy(options: PortalSecurityOptions): string {
  const uploads = [...new Set(options.uploadOrigins.map(checkedOrigin))];
  const withUploads = ["'self'", ...uploads].join(' ');
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    `connect-src ${withUploads}`,
    `form-action ${withUploads}`,
    "img-src 'self' data:",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Headers for every HTML answer of the portal: the upload page and the denied page alike. */
export function portalSecurityHeaders(options: PortalSecurityOptions): Record<string, string> {
  return {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': portalContentSecurityPolicy(options),
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'permissions-policy':
      'accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()',
    'cross-origin-opener-policy': 'same-origin',
  };
}

/**
 * Headers for the portal's script and stylesheet. They hold no data, so browsers and caches may keep them for a
 * day; serve them under a versioned assets path if a change must reach readers sooner.
 */
export function portalAssetHeaders(contentType: string): Record<string, string> {
  return {
    'content-type': contentType,
    'cache-control': 'public, max-age=86400',
    'x-content-type-options': 'nosniff',
    'cross-origin-resource-policy': 'same-origin',
  };
}
