import { matchPath } from '../api/path-template.js';
import type { ApiRequest, ApiResponse } from '../api/router.js';
import { handleApiRequest } from '../api/router.js';
import type { Actor } from '../domain/schemas/common.js';
import { describeUploadLink, PORTAL_PATHS } from '../services/upload-portal.js';
import { portalAssets } from './assets/portal-assets.js';
import { portalApiRoutes } from './portal-api-routes.js';
import { renderDeniedPage } from './render/denied-page.js';
import { portalAssetHeaders, portalSecurityHeaders } from './render/security-headers.js';
import { renderUploadPage } from './render/upload-page.js';
import { serveCalendarFeed } from './serve-calendar-feed.js';
import type { UploadLinkDenialReason } from './upload-page-view.js';

/*
 * The agencies' portal, as both front ends (API Gateway + Lambda, the sandbox) serve it: the upload page at the
 * link, its two static files, the JSON routes its script calls, and each agency's calendar feed. Tokens are part
 * of the page's and the feed's paths, so nothing here logs a path; failures are logged by route template and
 * request id only.
 */

/** Uploads through a link are made by whoever holds it: an agency contact, named in the trail by the link. */
export const UPLOAD_LINK_HOLDER: Actor = { type: 'agency-contact', id: 'upload-link' };

/** The status an unusable link's page is served with; the page itself says which in words. */
const DENIAL_STATUS: Record<UploadLinkDenialReason, number> = {
  unknown: 404,
  expired: 410,
  revoked: 410,
  locked: 423,
};

export interface PortalOptions {
  /** The origin the browser POSTs files to (the evidence bucket's), allowed by the page's CSP. */
  uploadOrigin(): Promise<string>;
  readonly log?: (entry: Record<string, unknown>) => void;
}

const logAsJsonLine = (entry: Record<string, unknown>) => console.error(JSON.stringify(entry));

function plainText(status: number, text: string, requestId: string): ApiResponse {
  return {
    status,
    headers: {
      'content-type': 'text/plain; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'x-request-id': requestId,
    },
    body: text,
  };
}

async function servePage(token: string, request: ApiRequest, options: PortalOptions): Promise<ApiResponse> {
  const headers = {
    ...portalSecurityHeaders({ uploadOrigins: [await options.uploadOrigin()] }),
    'x-request-id': request.requestId,
  };
  const page = await describeUploadLink(token);
  if (!page.ok) {
    return {
      status: DENIAL_STATUS[page.reason],
      headers,
      body: renderDeniedPage({
        reason: page.reason,
        contactEmails: page.contactEmails,
        assetsPath: PORTAL_PATHS.assets,
      }),
    };
  }
  return { status: 200, headers, body: renderUploadPage(page.view) };
}

/** Serves one portal request. Unexpected failures answer a bare 500 and are logged without the path. */
export async function servePortalRequest(request: ApiRequest, options: PortalOptions): Promise<ApiResponse> {
  const log = options.log ?? logAsJsonLine;
  if (request.method === 'GET' || request.method === 'HEAD') {
    const page = matchPath(PORTAL_PATHS.page, request.rawPath);
    if (page.matched) {
      try {
        return await servePage(page.params.token ?? '', request, options);
      } catch (error) {
        log({
          level: 'ERROR',
          message: 'upload page failed',
          requestId: request.requestId,
          route: PORTAL_PATHS.page,
          error: error instanceof Error ? { name: error.name, message: error.message } : String(error),
        });
        return plainText(
          500,
          `The upload page failed unexpectedly. Try again in a minute; if it keeps failing, tell your audit administrator the reference ${request.requestId}.`,
          request.requestId,
        );
      }
    }
    const asset = matchPath(PORTAL_PATHS.asset, request.rawPath);
    if (asset.matched) {
      const file = portalAssets[asset.params.asset ?? ''];
      if (!file) return plainText(404, 'No such file.', request.requestId);
      return { status: 200, headers: portalAssetHeaders(file.contentType), body: file.body };
    }
    const calendar = matchPath(PORTAL_PATHS.calendar, request.rawPath);
    if (calendar.matched) return serveCalendarFeed(calendar.params.feed ?? '', request, log);
  }
  return handleApiRequest(request, {
    routes: portalApiRoutes,
    authenticate: () => UPLOAD_LINK_HOLDER,
    log,
  });
}
