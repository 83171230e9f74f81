import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { evidenceStore } from '../adapters/s3/evidence-store-binding.js';
import { MAX_BODY_BYTES, payloadTooLarge } from '../api/api-errors.js';
import { servePortalRequest } from '../portal/serve-portal.js';

/** API Gateway hands binary or non-UTF-8 bodies over base64-encoded. */
function bodyOf(event: APIGatewayProxyEventV2): string {
  if (!event.body) return '';
  const bytes = Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8');
  if (bytes.length > MAX_BODY_BYTES) throw payloadTooLarge();
  return bytes.toString('utf8');
}

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
      readBody: async () => bodyOf(event),
    },
    { uploadOrigin: () => evidenceStore().uploadOrigin() },
  );
  return { statusCode: response.status, headers: response.headers, body: response.body };
}
