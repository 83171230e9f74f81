import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../../sandbox/start-sandbox.js';
import { injectedSandboxResources, injectedSandboxWorkflows } from '../../setup/local-engines.js';

const START = new Date('2026-03-02T18:00:00.000Z');

describe('Sandbox: clock, outbox and executions endpoints', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startSandbox({
      resources: injectedSandboxResources(),
      workflows: injectedSandboxWorkflows(),
      clockStart: START,
    });
  });

  afterAll(async () => {
    await sandbox.stop();
  });

  const url = (path: string) => new URL(path, sandbox.frontDoor.url);
  /** `null`: no Authorization header at all. */
  const advance = (body: string, token: string | null = sandbox.adminToken) =>
    fetch(url('/clock/advance'), {
      method: 'POST',
      body,
      headers: {
        'content-type': 'application/json',
        ...(token === null ? {} : { authorization: `Bearer ${token}` }),
      },
    });

  it('answers GET /clock with the virtual time, its zone and the next timers', async () => {
    // Act
    const response = await fetch(url('/clock'));

    // Assess
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      now: START.toISOString(),
      timeZone: 'America/Los_Angeles',
      local: 'Monday, March 2, 2026 at 10:00:00 AM PST',
      nextTimers: [
        { at: '2026-03-03T14:00:00.000Z', label: 'daily schedule 2026-03-03' },
        { at: '2026-03-03T15:00:00.000Z', label: 'daily digest 2026-03-03' },
      ],
    });
  });

  it.each([
    ['{"days": "two"}', 'days: must be a number of days'],
    ['{"days": 401}', 'days: must be at most 400 (days per call)'],
    ['{"days": 0}', 'days: must be more than 0'],
    ['{"hours": 9601}', 'hours: must be at most 9600 (400 days per call)'],
    ['{"until": "next tuesday"}', 'until: must be an ISO 8601 instant with a zone'],
    ['{"until": "2025-01-01T00:00:00Z"}', "until: must not be before the sandbox's now"],
    ['{"until": "2028-01-01T00:00:00Z"}', "until: must be at most 400 days after the sandbox's now"],
    ['{"days": 1, "hours": 2}', '(body): give exactly one of days, hours or until'],
    ['{}', '(body): give exactly one of days, hours or until'],
    ['{"weeks": 1}', '(body): unknown field "weeks": give one of days, hours or until'],
    ['[1]', '(body): must be a JSON object'],
  ])('answers POST /clock/advance %s with 400 naming the field', async (body, expected) => {
    // Act
    const response = await advance(body);
    const answer = (await response.json()) as { error: string; message: string };

    // Assess
    expect(response.status).toBe(400);
    expect(answer.error).toBe('ValidationFailed');
    expect(answer.message).toContain(expected);
    expect(sandbox.workflows.clock.now()).toEqual(START);
  });

  it('answers a body that is not JSON with 400 MalformedJson', async () => {
    // Act
    const response = await advance('{days: 1');

    // Assess
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'MalformedJson' });
  });

  it('answers POST /clock/advance without the sandbox token with 401, and does not move', async () => {
    // Act
    const missing = await advance('{"days": 1}', null);
    const wrong = await advance('{"days": 1}', 'not-the-token');

    // Assess
    expect(missing.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toContain('Bearer');
    expect(sandbox.workflows.clock.now()).toEqual(START);
  });

  it('answers GET /outbox, GET /outbox/<unknown>.eml and GET /executions before anything ran', async () => {
    // Act
    const outbox = await fetch(url('/outbox'));
    const missing = await fetch(url('/outbox/00000000-0000-4000-8000-000000000000.eml'));
    const traversal = await fetch(url('/outbox/..%2Findex.json'));
    const executions = await fetch(url('/executions'));

    // Assess
    expect(await outbox.json()).toEqual({ messages: [] });
    expect(missing.status).toBe(404);
    expect(traversal.status).toBe(404);
    expect(await executions.json()).toEqual({ executions: [], alarms: [] });
  });

  it('lists the new endpoints on the index page', async () => {
    // Act
    const page = await (await fetch(url('/'))).text();

    // Assess
    for (const endpoint of ['GET /clock', 'POST /clock/advance', 'GET /outbox', 'GET /executions']) {
      expect(page).toContain(endpoint);
    }
    expect(page).toContain('Workflows and virtual time');
  });
});
