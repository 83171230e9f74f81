import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { administratorFromClaims } from '../api/administrators.js';
import { gatewayBody } from '../api/gateway-body.js';
import { handleApiRequest } from '../api/router.js';
import { adminApiRoutes } from '../api/routes.js';

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
      readBody: async () => gatewayBody(event),
    },
    {
      routes: adminApiRoutes,
      authenticate: () => administratorFromClaims(requestContext.authorizer?.jwt?.claims),
    },
  );
  return { statusCode: response.status, headers: response.headers, body: response.body };
}
