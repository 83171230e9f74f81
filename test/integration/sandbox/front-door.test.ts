import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkHealth } from '../../../functions/adapters/health/check-health.js';
import { explainStartError } from '../../../sandbox/command-line.js';
import { createLocalClients } from '../../../sandbox/engine-config.js';
import { type FrontDoorRoute, startFrontDoor } from '../../../sandbox/front-door.js';
import { healthRoute } from '../../../sandbox/health-route.js';
import { renderIndexPage } from '../../../sandbox/index-page.js';
import { PortBusyError } from '../../../sandbox/sandbox-errors.js';
import { type Sandbox, startSandbox } from '../../../sandbox/start-sandbox.js';
import { injectedLocalEngines, injectedSandboxResources } from '../../setup/local-engines.js';

/** Holds a loopback port so that something else finds it busy. */
async function occupyPort(): Promise<{ port: number; server: Server }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { port: address.port, server };
}

describe('Sandbox: front door', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    // A sandbox of its own (in memory, any free ports), built from the template the global setup synthesized.
    sandbox = await startSandbox({ resources: injectedSandboxResources() });
  });

  afterAll(async () => {
    await sandbox.stop();
  });

  const get = (path: string, init?: RequestInit) => fetch(new URL(path, sandbox.frontDoor.url), init);

  it('answers GET /health with 200 and the health report when the engines answer', async () => {
    // Act
    const response = await get('/health');

    // Assess
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toMatchObject({
      status: 'ok',
      stage: 'sandbox',
      checks: { table: { ok: true }, evidenceBucket: { ok: true } },
    });
  });

  it('answers GET / with an index page listing the endpoints and the engines', async () => {
    // Act
    const response = await get('/');
    const page = await response.text();

    // Assess
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page).toContain('<a href="/health"><code>GET /health</code></a>');
    expect(page).toContain(sandbox.engines.config.dynamodb.endpoint);
    expect(page).toContain(`bucket ${sandbox.engines.config.s3.evidenceBucket}`);
  });

  it('answers an unknown path with a 404 JSON error', async () => {
    // Act
    const response = await get('/no/such/page?x=1');

    // Assess
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: 'NotFound',
      message: 'Nothing is served at GET /no/such/page. GET / lists the endpoints.',
    });
  });

  it('answers a known path with the wrong method with 405 and the allowed methods', async () => {
    // Act
    const response = await get('/health', { method: 'POST' });

    // Assess
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET');
    expect(await response.json()).toMatchObject({ error: 'MethodNotAllowed' });
  });

  it('answers GET /health with 503 when a dependency does not answer', async () => {
    // Prepare: a front door whose health check looks for a bucket that does not exist.
    const engines = injectedLocalEngines();
    const clients = createLocalClients(engines);
    const frontDoor = await startFrontDoor({
      port: 0,
      routes: [
        healthRoute(() =>
          checkHealth({
            documentClient: clients.documentClient,
            s3Client: clients.s3,
            tableName: engines.dynamodb.tableName,
            evidenceBucket: 'no-such-bucket',
            stage: engines.stage,
          }),
        ),
      ],
    });

    // Act
    const response = await fetch(new URL('/health', frontDoor.url));
    await frontDoor.stop();
    clients.destroy();

    // Assess
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({
      status: 'degraded',
      checks: { table: { ok: true }, evidenceBucket: { ok: false, error: 'NotFound' } },
    });
  });

  it('escapes every dynamic value on the index page', () => {
    // Prepare
    const hostile = '<script>alert("x")</script>';
    const route: FrontDoorRoute = {
      method: 'GET',
      path: `/${hostile}`,
      summary: hostile,
      handle: () => ({ status: 200, headers: {}, body: '' }),
    };

    // Act
    const page = renderIndexPage({
      routes: [route],
      engines: { ...injectedLocalEngines(), stage: hostile },
      dataDirectory: `/tmp/${hostile}`,
    });

    // Assess
    expect(page).not.toContain('<script>');
    expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
  });

  it('reports a busy front-door port in one line naming the flag, and leaves nothing running behind', async () => {
    // Prepare
    const busy = await occupyPort();
    const dataDirectory = await mkdtemp(join(tmpdir(), 'clets-sandbox-test-'));

    // Act
    const failedStart = await startSandbox({
      frontDoorPort: busy.port,
      dataDirectory,
      resources: injectedSandboxResources(),
    }).catch((error: unknown) => error);
    // The data folder was released and the engines stopped: the same folder starts again at once.
    const retry = await startSandbox({ dataDirectory, resources: injectedSandboxResources() });
    await retry.stop();
    busy.server.close();
    const leftInFolder = await readdir(dataDirectory);
    await rm(dataDirectory, { recursive: true, force: true });

    // Assess
    expect(failedStart).toBeInstanceOf(PortBusyError);
    expect(explainStartError(failedStart as PortBusyError)).toBe(
      `Port ${busy.port} is busy (used by another process), so the front door cannot start. ` +
        'Stop that process or start with --port=<free port>.',
    );
    expect(leftInFolder.sort()).toEqual(['dynamodb', 's3']);
  });
});
