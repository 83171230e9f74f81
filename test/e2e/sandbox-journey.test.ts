import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../sandbox/start-sandbox.js';
import { injectedSandboxResources, injectedSandboxWorkflows } from '../setup/local-engines.js';

/** Monday 2026-03-02, 10:00 in Los Angeles. */
const START = new Date('2026-03-02T18:00:00.000Z');

/*
 * The newcomer's journey, over HTTP only, as the CLI or a browser would do it: register an agency, enrol it,
 * let virtual days pass, and see the audit open and its email in the outbox.
 */
describe('End to end: an audit opens in the sandbox', () => {
  let sandbox: Sandbox;
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(new URL(path, sandbox.frontDoor.url), {
      method,
      headers: {
        authorization: `Bearer ${sandbox.adminToken}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    sandbox = await startSandbox({
      resources: injectedSandboxResources(),
      workflows: injectedSandboxWorkflows(),
      clockStart: START,
    });
  });
  afterAll(async () => sandbox?.stop());

  it('registers an agency, enrols it, advances the clock, and shows the open audit and the email', async () => {
    // Act: register and enrol in the annual account review due 2026-04-24 (its request opens 30 days before)
    const agency = await call('POST', '/agencies', {
      ori: 'CA0109901',
      name: 'Journey Police Department',
      county: 'Fresno',
      agencyType: 'criminal-justice-agency',
      contacts: [
        { role: 'tac', name: 'Terry Coordinator', email: 'tac@journey.example.gov' },
        { role: 'laso', name: 'Lee Security', email: 'laso@journey.example.gov' },
        { role: 'agency-head', name: 'Avery Chief', email: 'chief@journey.example.gov' },
      ],
    });
    const enrollment = await call('POST', '/agencies/CA0109901/enrollments', {
      programId: 'account-review',
      anchorDate: '2026-04-24',
    });
    const before = await call('GET', '/audits?ori=CA0109901');
    const advanced = await call('POST', '/clock/advance', { days: 30 });
    const after = await call('GET', '/audits?ori=CA0109901');
    const outbox = await call('GET', '/outbox');

    // Assess
    expect(agency.status).toBe(201);
    expect(enrollment.status).toBe(201);
    expect(before.body.items).toEqual([]);
    expect(advanced.status).toBe(200);
    expect(after.body.items).toEqual([
      expect.objectContaining({
        auditId: 'aud_CA0109901_account-review_2026',
        status: 'open',
        dueDate: '2026-04-24',
      }),
    ]);
    // What reached the agency (the administrators' daily digest, an all-clear on Mondays, is theirs).
    const messages = (outbox.body.messages as { to: string[]; subject: string }[]).filter(
      (message) => !message.to.includes('cjis-admin@example.gov'),
    );
    expect(messages).toEqual([
      expect.objectContaining({
        to: ['tac@journey.example.gov'],
        subject: expect.stringMatching(
          /^Evidence requested: account-review for Journey Police Department \(ORI CA0109901\), due 2026-04-24/,
        ),
      }),
    ]);
  });

  it('rejects a bad enrollment with a clear 400 and writes nothing', async () => {
    const bad = await call('POST', '/agencies/CA0109901/enrollments', {
      programId: 'account-review',
      anchorDate: '2026-02-30',
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/anchorDate/);
    const enrollments = await call('GET', '/agencies/CA0109901/enrollments');
    expect((enrollments.body.items as unknown[]).length).toBe(1);
  });
});
