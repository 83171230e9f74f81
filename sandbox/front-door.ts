import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { matchPath } from '../functions/api/path-template.js';
import { errorResponse, type FrontDoorResponse } from './http-responses.js';
import { closeServer, LOOPBACK_HOST, listenOnLoopback } from './listen-on-loopback.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface FrontDoorRequest {
  readonly method: HttpMethod;
  /** The path as sent (still percent-encoded), without the query string. */
  readonly path: string;
  readonly query: URLSearchParams;
  /** Values of the route's `{name}` segments, decoded. */
  readonly params?: Readonly<Record<string, string>>;
  /** Header names in lower case, as Node gives them. */
  readonly headers?: IncomingHttpHeaders;
  /**
   * The body, read once however often this is called. Resolves undefined when it is longer than `maxBytes`: the
   * rest is not kept, so a large body cannot fill memory.
   */
  readBody?(maxBytes: number): Promise<Buffer | undefined>;
}

/** One endpoint of the front door. `summary` is shown on the index page, so the list there is never stale. */
export interface FrontDoorRoute {
  readonly method: HttpMethod;
  /** A fixed path, or a template with whole-segment parameters written as API Gateway does: `/audits/{auditId}`. */
  readonly path: string;
  readonly summary: string;
  handle(request: FrontDoorRequest): FrontDoorResponse | Promise<FrontDoorResponse>;
}

export interface FrontDoorOptions {
  /** 0 takes any free port. */
  readonly port: number;
  readonly routes: readonly FrontDoorRoute[];
}

export interface FrontDoor {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

/** HEAD is answered as GET; Node leaves the body out by itself. */
const methodForRouting = (method: string | undefined) => (method === 'HEAD' ? 'GET' : (method ?? 'GET'));

async function respond(
  routes: readonly FrontDoorRoute[],
  request: IncomingMessage,
): Promise<FrontDoorResponse> {
  const method = methodForRouting(request.method);
  let url: URL;
  try {
    url = new URL(request.url ?? '/', `http://${LOOPBACK_HOST}`);
  } catch {
    return errorResponse(400, 'BadRequest', 'The request target is not a valid URL path.');
  }
  const path = url.pathname;
  const matches = routes.flatMap((route) => {
    const match = matchPath(route.path, path);
    return match.matched ? [{ route, params: match.params }] : [];
  });
  const onPath = matches.map((match) => match.route);
  const found = matches.find((candidate) => candidate.route.method === method);
  if (found) {
    return found.route.handle({
      method: found.route.method,
      path,
      query: url.searchParams,
      params: found.params,
      headers: request.headers,
      readBody: bodyReader(request),
    });
  }
  if (onPath.length > 0) {
    const allowed = onPath.map((candidate) => candidate.method).join(', ');
    return errorResponse(405, 'MethodNotAllowed', `${path} answers ${allowed} only.`, { allow: allowed });
  }
  return errorResponse(404, 'NotFound', `Nothing is served at ${method} ${path}. GET / lists the endpoints.`);
}

/**
 * Reads the request body at most once. Past the limit, the rest is read and dropped (leaving the loop of a
 * stream early would destroy the socket the answer has to go out on).
 */
function bodyReader(request: IncomingMessage): (maxBytes: number) => Promise<Buffer | undefined> {
  let reading: Promise<Buffer | undefined> | undefined;
  return (maxBytes) => {
    reading ??= new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      request.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= maxBytes) chunks.push(chunk);
      });
      request.once('end', () => resolve(size > maxBytes ? undefined : Buffer.concat(chunks)));
      request.once('error', reject);
    });
    return reading;
  };
}

function write(response: ServerResponse, answer: FrontDoorResponse): void {
  response.writeHead(answer.status, { ...answer.headers, 'content-length': Buffer.byteLength(answer.body) });
  response.end(answer.body);
}

/**
 * The sandbox's HTTP entry point on the loopback interface: a plain node:http server with a route table.
 * Later parts of the sandbox (admin API, upload pages) add their routes to the table given here.
 */
export async function startFrontDoor(options: FrontDoorOptions): Promise<FrontDoor> {
  const server = createServer((request, response) => {
    respond(options.routes, request).then(
      (answer) => write(response, answer),
      (error: unknown) => {
        // A failing route is a sandbox bug: say so to the caller without details, and show it on the console.
        console.error(`front door: ${request.method} ${request.url} failed:`, error);
        write(
          response,
          errorResponse(500, 'InternalError', 'The sandbox failed on this request; see its console.'),
        );
      },
    );
  });
  const port = await listenOnLoopback(server, options.port, 'frontDoor');
  return { url: `http://${LOOPBACK_HOST}:${port}/`, port, stop: () => closeServer(server) };
}
