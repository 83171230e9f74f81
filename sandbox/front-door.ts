import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { errorResponse, type FrontDoorResponse } from './http-responses.js';
import { closeServer, LOOPBACK_HOST, listenOnLoopback } from './listen-on-loopback.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface FrontDoorRequest {
  readonly method: HttpMethod;
  /** The decoded path, without the query string. */
  readonly path: string;
  readonly query: URLSearchParams;
}

/** One endpoint of the front door. `summary` is shown on the index page, so the list there is never stale. */
export interface FrontDoorRoute {
  readonly method: HttpMethod;
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
  const onPath = routes.filter((route) => route.path === path);
  const route = onPath.find((candidate) => candidate.method === method);
  if (route) return route.handle({ method: route.method, path, query: url.searchParams });
  if (onPath.length > 0) {
    const allowed = onPath.map((candidate) => candidate.method).join(', ');
    return errorResponse(405, 'MethodNotAllowed', `${path} answers ${allowed} only.`, { allow: allowed });
  }
  return errorResponse(404, 'NotFound', `Nothing is served at ${method} ${path}. GET / lists the endpoints.`);
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
