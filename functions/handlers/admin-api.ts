import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { administratorFromClaims } from '../api/administrators.js';
import { MAX_BODY_BYTES, payloadTooLarge } from '../api/api-errors.js';
import { handleApiRequest } from '../api/router.js';
import { adminApiRoutes } from '../api/routes.js';

/** API Gateway hands binary or non-UTF-8 bodies over base64-encoded. */
function bodyOf(event: APIGatewayProxyEventV2WithJWTAuthorizer): string {
  if (!event.body) return '';
  const bytes = Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8');
  if (bytes.length > MAX_BODY_BYTES) throw payloadTooLarge();
  return bytes.toString('utf8');
}

/**
 * The admin API behind API Gateway (HTTP API, payload format 2.0, JWT authorizer on every route): hands the
 * request to the router with the caller taken from the verified token's claims.
 */
export async function handler(
  event: APIGatewayProxyEventV2WithJWTAuthorizer,
): Promise<APIGatewayProxyStructuredResultV2> {
  const { requestContext } = event;
  const response = await handleApiRequest(
    {
      method: requestContext.http.method,
      rawPath: event.rawPath,
      query: new URLSearchParams(event.rawQueryString),
      requestId: requestContext.requestId,
      baseUrl: `https://${requestContext.domainName}`,
      readBody: async () => bodyOf(event),
    },
    {
      routes: adminApiRoutes,
      authenticate: () => administratorFromClaims(requestContext.authorizer?.jwt?.claims),
    },
  );
  return { statusCode: response.status, headers: response.headers, body: response.body };
}
