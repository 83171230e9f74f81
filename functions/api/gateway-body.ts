import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { MAX_BODY_BYTES, payloadTooLarge } from './api-errors.js';

/**
 * An HTTP API event's body as text, for the router. API Gateway hands binary or non-UTF-8 bodies over
 * base64-encoded; a body over MAX_BODY_BYTES is a 413 ApiError.
 */
export function gatewayBody(event: Pick<APIGatewayProxyEventV2, 'body' | 'isBase64Encoded'>): string {
  if (!event.body) return '';
  const bytes = Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8');
  if (bytes.length > MAX_BODY_BYTES) throw payloadTooLarge();
  return bytes.toString('utf8');
}
