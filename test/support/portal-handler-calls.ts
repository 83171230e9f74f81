import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { handler as portalHandler } from '../../functions/handlers/agency-portal.js';

/*
 * Calls the agencies' portal through its Lambda handler with the event API Gateway (HTTP API, payload 2.0)
 * would send, as a browser on the portal's domain would. Bound runtime required.
 */

/** The event for one request to the portal; a body that is not a string is sent as its JSON. */
export function portalEvent(method: string, path: string, body?: unknown): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: '',
    headers: {},
    isBase64Encoded: false,
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    requestContext: {
      accountId: '000000000000',
      apiId: 'portal',
      domainName: 'portal.example.gov',
      domainPrefix: 'portal',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'test' },
      requestId: randomUUID(),
      routeKey: '$default',
      stage: '$default',
      time: '',
      timeEpoch: 0,
    },
  };
}

/** How the portal's JSON routes refuse a request. */
export interface PortalErrorBody {
  error?: { code: string; message: string; issues?: string[] };
}

/** The handler's answer, with the body parsed when it is JSON. */
export async function callPortal(method: string, path: string, body?: unknown) {
  const response = await portalHandler(portalEvent(method, path, body));
  const text = String(response.body ?? '');
  const isJson = String(response.headers?.['content-type'] ?? '').startsWith('application/json');
  return {
    status: response.statusCode ?? 0,
    headers: response.headers ?? {},
    text,
    json: isJson ? (JSON.parse(text) as PortalErrorBody & Record<string, unknown>) : undefined,
  };
}
