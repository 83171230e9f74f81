import { randomUUID } from 'node:crypto';
import { portalApiRoutes } from '../functions/portal/portal-api-routes.js';
import { type PortalOptions, servePortalRequest } from '../functions/portal/serve-portal.js';
import { PORTAL_PATHS } from '../functions/services/upload-portal.js';
import { readRouterBody } from './admin-api-routes.js';
import type { FrontDoorRequest, FrontDoorRoute } from './front-door.js';
import type { FrontDoorResponse } from './http-responses.js';

/**
 * The agencies' portal on the front door, served by the same code as the portal's Lambda function: the upload
 * page at each emailed link, its script and stylesheet, the JSON routes the script calls, and the agencies'
 * calendar feeds. No bearer token: as in AWS, the link's (or the feed's) token is the only credential.
 */
export function portalRoutes(options: PortalOptions): FrontDoorRoute[] {
  const serve = (request: FrontDoorRequest): Promise<FrontDoorResponse> =>
    servePortalRequest(
      {
        method: request.method,
        rawPath: request.path,
        query: request.query,
        requestId: randomUUID(),
        readBody: () => readRouterBody(request),
      },
      options,
    );
  return [
    {
      method: 'GET',
      path: PORTAL_PATHS.page,
      summary: 'Agency portal: the upload page of an emailed link',
      handle: serve,
    },
    {
      method: 'GET',
      path: PORTAL_PATHS.asset,
      summary: "Agency portal: the upload page's script and stylesheet",
      handle: serve,
    },
    {
      method: 'GET',
      path: PORTAL_PATHS.calendar,
      summary: "Agency portal: an agency's calendar feed, /calendar/<token>.ics",
      handle: serve,
    },
    ...portalApiRoutes.map((route) => ({
      method: route.method,
      path: route.path,
      summary: `Agency portal: ${route.summary}`,
      handle: serve,
    })),
  ];
}
