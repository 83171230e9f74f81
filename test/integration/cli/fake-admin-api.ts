import { createServer, type IncomingMessage, type Server } from 'node:http';

export interface RecordedRequest {
  readonly method: string;
  /** Path and query, as sent. */
  readonly url: string;
  readonly authorization: string | undefined;
  readonly contentType: string | undefined;
  /** The parsed JSON body, or undefined when none was sent. */
  readonly body: unknown;
}

export interface FakeAnswer {
  readonly status: number;
  readonly body?: unknown;
}

/** Answers a request; undefined means "no such route" (a 404 in the front door's error shape). */
export type FakeHandler = (request: RecordedRequest) => FakeAnswer | undefined;

export interface FakeAdminApi {
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Replaces how requests are answered. */
  answer(handler: FakeHandler): void;
  stop(): Promise<void>;
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? undefined : JSON.parse(text);
}

/**
 * A stand-in for the admin API on a loopback port of its own (node:http, port 0): it keeps every request and
 * answers with whatever the test scripted, so tests assert exactly what the CLI sent and how it shows answers.
 */
export async function startFakeAdminApi(): Promise<FakeAdminApi> {
  const requests: RecordedRequest[] = [];
  let handler: FakeHandler = () => undefined;
  const server: Server = createServer((incoming, response) => {
    readJson(incoming).then((body) => {
      const request: RecordedRequest = {
        method: incoming.method ?? 'GET',
        url: incoming.url ?? '/',
        authorization: incoming.headers.authorization,
        contentType: incoming.headers['content-type'],
        body,
      };
      requests.push(request);
      const answer = handler(request) ?? {
        status: 404,
        body: { error: 'NotFound', message: `Nothing is served at ${request.method} ${request.url}.` },
      };
      response.writeHead(answer.status, { 'content-type': 'application/json' });
      response.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the fake admin API has no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    requests,
    answer: (next) => {
      handler = next;
    },
    stop: () =>
      new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

/** The admin API's error body. */
export const apiError = (status: number, code: string, message: string, issues?: string[]): FakeAnswer => ({
  status,
  body: { error: { code, message, ...(issues ? { issues } : {}) } },
});

export const agencyAnswer = (ori: string, name = `Agency ${ori}`) => ({
  ori,
  name,
  county: 'Los Angeles',
  agencyType: 'criminal-justice-agency',
  contacts: [
    { role: 'tac', name: 'Pat Lee', email: 'pat@x.gov' },
    { role: 'laso', name: 'Sam Ortiz', email: 'sam@x.gov' },
    { role: 'agency-head', name: 'Alex Kim', email: 'alex@x.gov' },
  ],
  agencyId: `agy_${ori}`,
  createdAt: '2026-03-02T16:00:00.000Z',
  updatedAt: '2026-03-02T16:00:00.000Z',
  version: 1,
});

export const auditAnswer = (auditId: string, status = 'open') => ({
  auditId,
  ori: 'CA0190000',
  programId: 'account-review',
  status,
  dueDate: '2026-04-01',
  dueAt: '2026-04-02T06:59:59.999Z',
  timeZone: 'America/Los_Angeles',
  responsibleRole: 'laso',
  opensAt: '2026-03-01T08:00:00.000Z',
  version: 2,
});
