import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { evidenceStore } from '../adapters/s3/evidence-store-binding.js';
import { gatewayBody } from '../api/gateway-body.js';
import { servePortalRequest } from '../portal/serve-portal.js';

/**
 * The agencies' portal behind its own HTTP API (no authorizer: the upload link's token is the credential,
 * checked by the services; the stage throttles). Serves the upload page, its static files and its JSON routes.
 */
export async function handler(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  const { requestContext } = event;
  const response = await servePortalRequest(
    {
      method: requestContext.http.method,
      rawPath: event.rawPath,
      query: new URLSearchParams(event.rawQueryString),
      requestId: requestContext.requestId,
      baseUrl: `https://${requestContext.domainName}`,
      readBody: async () => gatewayBody(event),
    },
    { uploadOrigin: () => evidenceStore().uploadOrigin() },
  );
  return { statusCode: response.status, headers: response.headers, body: response.body };
}
