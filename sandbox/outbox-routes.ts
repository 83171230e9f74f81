import type { FrontDoorRoute } from './front-door.js';
import { errorResponse, jsonResponse } from './http-responses.js';
import type { Outbox } from './outbox.js';

/**
 * GET /outbox and GET /outbox/{id}.eml: what the sandbox "sent". Served to this machine only (the front door
 * listens on loopback); the messages hold upload links, which are credentials for the agency.
 */
export function outboxRoutes(outbox: Outbox): FrontDoorRoute[] {
  return [
    {
      method: 'GET',
      path: '/outbox',
      summary: 'Email the sandbox sent instead of SES, newest first (JSON index; each message as .eml).',
      handle: () =>
        jsonResponse(200, {
          messages: outbox.list().map((entry) => ({ ...entry, href: `/outbox/${entry.id}.eml` })),
        }),
    },
    {
      method: 'GET',
      path: '/outbox/{file}',
      summary: 'One sent message as an RFC 5322 .eml file (open it in a mail program).',
      async handle(request) {
        const file = request.params?.file ?? '';
        const id = file.endsWith('.eml') ? file.slice(0, -'.eml'.length) : '';
        const message = id ? await outbox.readMessage(id) : undefined;
        if (!message) {
          return errorResponse(404, 'NotFound', `No message ${file} in the outbox. GET /outbox lists them.`);
        }
        return {
          status: 200,
          headers: {
            'cache-control': 'no-store',
            'x-content-type-options': 'nosniff',
            'content-type': 'message/rfc822',
            'content-disposition': `attachment; filename="${id}.eml"`,
          },
          body: message.toString('utf8'),
        };
      },
    },
  ];
}
