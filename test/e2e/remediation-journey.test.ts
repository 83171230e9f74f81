import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyReport } from '../../functions/reports/verify-report.js';
import { type Sandbox, startSandbox } from '../../sandbox/start-sandbox.js';
import { injectedSandboxResources, injectedSandboxWorkflows } from '../setup/local-engines.js';

/*
 * A whole audit through the sandbox, over HTTP as the CLI, the upload page and the reviewer would do it: a file is
 * flagged and uploaded again, the reviewer records two findings, the agency answers both with corrective action
 * plans through its emailed link, one plan is sent back once, one task runs overdue (its reminder and escalation go
 * out on the virtual clock), the fixes are uploaded and verified, the audit closes, and its report verifies
 * offline; one changed byte in any report file, or in any trail event, fails verification and names it.
 */

/** Monday 2026-03-02, 10:00 in Los Angeles. */
const START = new Date('2026-03-02T18:00:00.000Z');
const ORI = 'CA0109977';
const AUDIT_ID = `aud_${ORI}_account-review_2026`;
const TAC = 'tac@remediation-journey.example.gov';

// biome-ignore lint/suspicious/noExplicitAny: HTTP answers, checked by the assertions that read them
type Json = Record<string, any>;

describe('End to end: findings, corrective action plans and a verifiable close-out report', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startSandbox({
      resources: injectedSandboxResources(),
      workflows: injectedSandboxWorkflows(),
      clockStart: START,
    });
  });
  afterAll(async () => sandbox?.stop());

  /** The admin API, as the CLI calls it. */
  const admin = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(new URL(path, sandbox.frontDoor.url), {
      method,
      headers: {
        authorization: `Bearer ${sandbox.adminToken}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: response.status, json: (await response.json()) as Json };
  };

  /** The portal's JSON routes, as the upload page's script calls them (no account: the token is in the body). */
  const portal = async (path: string, body: unknown) => {
    const response = await fetch(new URL(path, sandbox.frontDoor.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, json: (await response.json()) as Json };
  };

  const settle = async () => {
    await sandbox.evidenceEvents.whenIdle();
    await sandbox.workflows.runner.whenIdle();
  };

  /** The token in the newest email to the TAC sent with `template`. */
  async function tokenFrom(template: string): Promise<string> {
    const entry = sandbox.workflows.outbox
      .list()
      .find((candidate) => candidate.template === template && candidate.to.includes(TAC));
    if (!entry) throw new Error(`no ${template} email to ${TAC}`);
    const eml = (await sandbox.workflows.outbox.readMessage(entry.id))?.toString('utf8') ?? '';
    const token = /\/upload\/([A-Za-z0-9_-]{43})/.exec(eml.replace(/=\r?\n/g, ''))?.[1];
    if (!token) throw new Error(`no link in the ${template} email`);
    return token;
  }

  /** The upload page's path: declare the file, POST it to the presigned form, let the ingest verify it. */
  async function upload(token: string, target: { requestId: string } | { taskId: string }, text: string) {
    const bytes = Buffer.from(`%PDF-1.7\n${text}\n%%EOF\n`);
    const authorized = await portal('/upload-api/authorize', {
      token,
      auditId: AUDIT_ID,
      ...target,
      fileName: `${text}.pdf`,
      contentType: 'application/pdf',
      sizeBytes: bytes.byteLength,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
    expect(authorized.status, JSON.stringify(authorized.json)).toBe(200);
    const form = new FormData();
    for (const [name, value] of Object.entries(authorized.json.fields as Record<string, string>)) {
      form.append(name, value);
    }
    form.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), 'upload.pdf');
    expect((await fetch(authorized.json.url, { method: 'POST', body: form })).status).toBe(204);
    await settle();
  }

  /** A decision on the file a request holds now. */
  const decideEvidence = async (requestId: string, body: Json) => {
    const requests = (await admin('GET', `/audits/${AUDIT_ID}`)).json.requests as Json[];
    const evidenceId = requests.find((request) => request.requestId === requestId)?.currentEvidenceId;
    return admin('POST', `/audits/${AUDIT_ID}/requests/${requestId}/decision`, { ...body, evidenceId });
  };
  const decideTask = (taskId: string, body: Json) =>
    admin('POST', `/audits/${AUDIT_ID}/tasks/${taskId}/decision`, body);

  it('runs the audit to closure and produces a report that verifies, and fails on any changed byte', async () => {
    // 1. An agency is enrolled; its account review, due 2026-03-20, opens at once
    expect(
      (
        await admin('POST', '/agencies', {
          ori: ORI,
          name: 'Remediation Journey Police',
          county: 'Fresno',
          agencyType: 'criminal-justice-agency',
          contacts: [
            { role: 'tac', name: 'Terry Coordinator', email: TAC },
            { role: 'laso', name: 'Lee Security', email: 'laso@remediation-journey.example.gov' },
            { role: 'agency-head', name: 'Avery Chief', email: 'chief@remediation-journey.example.gov' },
          ],
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await admin('POST', `/agencies/${ORI}/enrollments`, {
          programId: 'account-review',
          anchorDate: '2026-03-20',
        })
      ).status,
    ).toBe(201);
    await settle();

    // 2. The agency uploads a file for every request through its link
    const opened = await tokenFrom('audit-opened');
    const requests = (await admin('GET', `/audits/${AUDIT_ID}`)).json.requests as Json[];
    const pdfRequests = requests.filter((request) =>
      request.acceptedContentTypes.includes('application/pdf'),
    );
    expect(pdfRequests.length).toBe(requests.length);
    for (const request of requests)
      await upload(opened, { requestId: request.requestId }, `first-${request.requirementId}`);

    // 3. The reviewer flags one file; the agency uploads a corrected one through the flag email's link
    const [flagged, ...others] = requests as [Json, ...Json[]];
    expect(
      (
        await decideEvidence(flagged.requestId, {
          decision: 'flag',
          reason: 'The signature page is missing.',
        })
      ).status,
    ).toBe(200);
    await settle();
    await upload(await tokenFrom('evidence-flagged'), { requestId: flagged.requestId }, 'corrected-signoff');

    // 4. Two findings; then every file is accepted, which completes the review
    const critical = await admin('POST', `/audits/${AUDIT_ID}/findings`, {
      requestId: flagged.requestId,
      severity: 'critical',
      description: 'Shared operator accounts\nTwo dispatchers use one login.',
    });
    const medium = await admin('POST', `/audits/${AUDIT_ID}/findings`, {
      requestId: (others[0] ?? flagged).requestId,
      severity: 'medium',
      description: 'Terminated users still listed',
    });
    expect([critical.status, medium.status]).toEqual([201, 201]);
    for (const request of requests) {
      expect((await decideEvidence(request.requestId, { decision: 'accept' })).status).toBe(200);
    }
    await settle();
    expect((await admin('GET', `/audits/${AUDIT_ID}`)).json.audit.status).toBe('remediation');
    const tasks = (await admin('GET', `/audits/${AUDIT_ID}/tasks`)).json.tasks as Json[];
    const [criticalTask, mediumTask] = tasks.map((task) => task.taskId as string) as [string, string];
    expect(tasks.map((task) => [task.status, task.dueDate])).toEqual([
      ['awaiting-plan', '2026-03-17'],
      ['awaiting-plan', '2026-05-01'],
    ]);

    // 5. The agency answers both with plans through the remediation email's link; one is sent back once
    const remediation = await tokenFrom('remediation-required');
    const plan = (taskId: string, summary: string) =>
      portal('/upload-api/plan', { token: remediation, taskId, summary, targetDate: '2026-04-30' });
    expect((await plan(criticalTask, 'Rotate the shared password')).status).toBe(200);
    expect((await plan(mediumTask, 'Remove terminated users weekly')).status).toBe(200);
    expect(
      (
        await decideTask(criticalTask, {
          decision: 'request-revision',
          reason: 'Rotating does not end sharing.',
        })
      ).status,
    ).toBe(200);
    expect((await decideTask(mediumTask, { decision: 'accept-plan' })).status).toBe(200);
    const revision = await tokenFrom('plan-revision-requested');
    expect(
      (
        await portal('/upload-api/plan', {
          token: revision,
          taskId: criticalTask,
          summary: 'Issue named accounts to both dispatchers and disable the shared one',
          targetDate: '2026-04-30',
        })
      ).status,
    ).toBe(200);
    expect((await decideTask(criticalTask, { decision: 'accept-plan' })).status).toBe(200);

    // 6. The critical task runs overdue: its due-day notice, overdue notice and escalation go out
    await admin('POST', '/clock/advance', { days: 20 });
    await settle();
    const taskEmails = sandbox.workflows.outbox
      .list()
      .filter((entry) => entry.tags.auditId === AUDIT_ID && (entry.tags.stepKey ?? '').startsWith('task-'))
      .map((entry) => `${entry.tags.stepKey} ${entry.template}`);
    const ref = criticalTask.split('_').slice(-2).join('-');
    expect(taskEmails).toEqual(
      expect.arrayContaining([
        `task-${ref}-due task-notice`,
        `task-${ref}-overdue-1 task-notice`,
        `task-${ref}-escalation-1 task-escalation-agency-head`,
      ]),
    );

    // 7. The fixes are uploaded as verification evidence; the reviewer closes both tasks; the audit closes
    const accepted = await tokenFrom('plan-accepted');
    await upload(accepted, { taskId: criticalTask }, 'named-accounts');
    await upload(accepted, { taskId: mediumTask }, 'roster-cleanup');
    expect((await decideTask(criticalTask, { decision: 'close' })).status).toBe(200);
    expect((await decideTask(mediumTask, { decision: 'close' })).status).toBe(200);
    await settle();
    const closed = await admin('GET', `/audits/${AUDIT_ID}`);
    expect(closed.json.audit.status).toBe('closed');

    // 8. The report: download every file and verify it offline
    const report = await admin('POST', `/audits/${AUDIT_ID}/report`);
    expect(report.status).toBe(200);
    const files = new Map<string, Uint8Array>();
    for (const file of report.json.files as { name: string; url: string }[]) {
      const response = await fetch(file.url);
      expect(response.status).toBe(200);
      files.set(file.name, new Uint8Array(await response.arrayBuffer()));
    }
    const verdict = verifyReport(files);
    expect(verdict).toMatchObject({ ok: true });
    const document = JSON.parse(Buffer.from(files.get('report.json') ?? []).toString('utf8'));
    expect(document.findings).toHaveLength(2);
    expect(JSON.stringify(document)).toContain('Rotating does not end sharing.');

    // One changed byte in any file fails verification, naming the file
    for (const [name, bytes] of files) {
      const changed = new Map(files);
      const copy = Uint8Array.from(bytes);
      const at = Math.floor(copy.length / 2);
      copy[at] = (copy[at] ?? 0) ^ 0x01;
      changed.set(name, copy);
      const result = verifyReport(changed);
      expect(result.ok, name).toBe(false);
      if (!result.ok) expect(result.problem, name).toContain(name);
    }
    // A changed trail event, with the manifest rewritten to match, fails naming the event's sequence
    const trailLines = Buffer.from(files.get('trail.jsonl') ?? [])
      .toString('utf8')
      .split('\n');
    const event = JSON.parse(trailLines[3] ?? '{}');
    trailLines[3] = JSON.stringify({ ...event, at: '2026-01-01T00:00:00.000Z' });
    const forged = new Map(files);
    forged.set('trail.jsonl', Buffer.from(trailLines.join('\n')));
    const manifest = JSON.parse(Buffer.from(files.get('manifest.json') ?? []).toString('utf8'));
    const forgedTrail = forged.get('trail.jsonl') as Uint8Array;
    for (const entry of manifest.files) {
      if (entry.name === 'trail.jsonl') {
        entry.sha256 = createHash('sha256').update(forgedTrail).digest('hex');
        entry.bytes = forgedTrail.byteLength;
      }
    }
    forged.set('manifest.json', Buffer.from(JSON.stringify(manifest)));
    const forgedVerdict = verifyReport(forged);
    expect(forgedVerdict.ok).toBe(false);
    if (!forgedVerdict.ok) expect(forgedVerdict.problem).toMatch(new RegExp(`\\b${event.sequence}\\b`));
  });
});
