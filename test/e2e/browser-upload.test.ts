import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../sandbox/start-sandbox.js';
import { injectedSandboxResources, injectedSandboxWorkflows } from '../setup/local-engines.js';

/*
 * The agency's side in a real browser: headless Chromium (Debian's package, driven by playwright-core) opens the
 * link from the sandbox outbox, hashes and uploads files straight to the local S3, and sees the receipts; the
 * reviewer flags one file; the link in the flag email takes a corrected upload; accepting everything closes the
 * audit. Run it alone with: npx vitest run test/e2e/browser-upload.test.ts
 */

const CHROMIUM = process.env.CLETS_CHROMIUM ?? '/usr/bin/chromium';
/** CI installs Chromium (.ci/run) and sets this, so there a missing browser fails instead of skipping. */
const BROWSER_REQUIRED = process.env.CI === 'true' || process.env.CLETS_REQUIRE_BROWSER === '1';
const browserPresent = existsSync(CHROMIUM);
if (!browserPresent && BROWSER_REQUIRED) {
  throw new Error(`The browser test needs Chromium at ${CHROMIUM}: apt-get install chromium`);
}
if (!browserPresent) {
  console.warn(
    `browser-upload: skipped, no Chromium at ${CHROMIUM} (apt-get install chromium, or set CLETS_CHROMIUM)`,
  );
}

/** Monday 2026-03-02, 10:00 in Los Angeles; the account review due 2026-04-24 opens 30 days before. */
const START = new Date('2026-03-02T18:00:00.000Z');
const ORI = 'CA0109977';
const AUDIT_ID = `aud_${ORI}_account-review_2026`;
const LINK_PATTERN = /http:\/\/127\.0\.0\.1:\d+\/upload\/[A-Za-z0-9_-]{43}/;

/** The parts of the admin API's answers this test reads. */
interface AdminAnswer {
  readonly audit?: { readonly status: string };
  readonly requests?: readonly {
    readonly request: {
      readonly requestId: string;
      readonly requirementId: string;
      readonly status: string;
      readonly currentEvidenceId?: string;
    };
  }[];
  readonly reviewComplete?: boolean;
}

const pdf = (text: string) => Buffer.from(`%PDF-1.7\n% ${text}\n1 0 obj << >> endobj\n%%EOF\n`);
const csv = Buffer.from('account,change,date\njdoe,disabled,2026-03-20\n');

describe.skipIf(!browserPresent)(
  'Browser end to end: upload through the emailed link, flag, re-upload, close',
  () => {
    let sandbox: Sandbox;
    let browser: Browser;

    const admin = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(new URL(path, sandbox.frontDoor.url), {
        method,
        headers: {
          authorization: `Bearer ${sandbox.adminToken}`,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
      });
      return { status: response.status, body: (await response.json()) as AdminAnswer };
    };

    /** The upload link in the newest outbox message whose subject matches. */
    const linkFromOutbox = async (subject: RegExp): Promise<{ link: string; text: string }> => {
      const message = sandbox.workflows.outbox.list().find((entry) => subject.test(entry.subject));
      if (!message) throw new Error(`No outbox message matches ${subject}`);
      const eml = (await sandbox.workflows.outbox.readMessage(message.id))?.toString('utf8') ?? '';
      // Quoted-printable soft line breaks would split the link.
      const text = eml.replace(/=\r?\n/g, '');
      const link = LINK_PATTERN.exec(text)?.[0];
      if (!link) throw new Error(`No upload link in the message '${message.subject}'`);
      return { link, text };
    };

    const upload = async (
      page: Page,
      description: RegExp,
      file: { name: string; mimeType: string; buffer: Buffer },
    ) => {
      const item = page
        .locator('article.request')
        .filter({ has: page.getByRole('heading', { name: description }) });
      await item.locator('input[type=file]').setInputFiles(file);
      await item.getByRole('button', { name: /upload/i }).click();
      await expect
        .poll(async () => item.locator('[data-role=upload-status]').textContent(), {
          timeout: 30_000,
          interval: 200,
        })
        .toMatch(/Verified and recorded/);
      return (await item.locator('[data-role=upload-receipt]').textContent()) ?? '';
    };

    beforeAll(async () => {
      [sandbox, browser] = await Promise.all([
        startSandbox({
          resources: injectedSandboxResources(),
          workflows: injectedSandboxWorkflows(),
          clockStart: START,
        }),
        chromium.launch({
          executablePath: CHROMIUM,
          args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
        }),
      ]);
    }, 60_000);
    afterAll(async () => {
      await browser?.close();
      await sandbox?.stop();
    });

    it('takes both files, returns one, takes the correction, and the audit closes', async () => {
      const started = Date.now();
      // Prepare: an agency enrolled in the account review, and 30 virtual days so its audit opens
      expect(
        (
          await admin('POST', '/agencies', {
            ori: ORI,
            name: 'Browser Test Police Department',
            county: 'Fresno',
            agencyType: 'criminal-justice-agency',
            contacts: [
              { role: 'tac', name: 'Terry Coordinator', email: 'tac@browser.example.gov' },
              { role: 'laso', name: 'Lee Security', email: 'laso@browser.example.gov' },
              { role: 'agency-head', name: 'Avery Chief', email: 'chief@browser.example.gov' },
            ],
          })
        ).status,
      ).toBe(201);
      expect(
        (
          await admin('POST', `/agencies/${ORI}/enrollments`, {
            programId: 'account-review',
            anchorDate: '2026-04-24',
          })
        ).status,
      ).toBe(201);
      await admin('POST', '/clock/advance', { days: 30 });
      await sandbox.workflows.runner.whenIdle();
      const opened = await linkFromOutbox(/^Evidence requested: account-review for Browser Test/);

      // Act 1: the agency opens its link and uploads both items
      const page = await browser.newPage();
      const consoleErrors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') consoleErrors.push(message.text());
      });
      await page.goto(opened.link);
      expect(await page.locator('body').textContent()).toMatch(/Browser Test Police Department/);
      const firstReceipt = await upload(page, /Signed account review/i, {
        name: 'account review sign-off.pdf',
        mimeType: 'application/pdf',
        buffer: pdf('unsigned draft'),
      });
      await upload(page, /Notifications of departures/i, {
        name: 'changes.csv',
        mimeType: 'text/csv',
        buffer: csv,
      });
      await sandbox.evidenceEvents.whenIdle();
      await sandbox.workflows.runner.whenIdle();

      // Assess 1: receipts on the page and by email; the audit went to review
      expect(firstReceipt).toMatch(/[0-9a-f]{64}/);
      expect(sandbox.workflows.outbox.list().filter((entry) => /^Receipt:/.test(entry.subject))).toHaveLength(
        2,
      );
      const inReview = await admin('GET', `/audits/${AUDIT_ID}`);
      expect(inReview.body.audit?.status).toBe('in-review');

      // Act 2: the reviewer flags the sign-off
      const listing = (await admin('GET', `/audits/${AUDIT_ID}/evidence`)).body.requests ?? [];
      const signoff = listing.find((entry) => /signoff/.test(entry.request.requirementId));
      const changes = listing.find((entry) => /change/.test(entry.request.requirementId));
      if (!signoff || !changes) throw new Error('the audit lacks its two requests');
      const flagged = await admin(
        'POST',
        `/audits/${AUDIT_ID}/requests/${signoff.request.requestId}/decision`,
        {
          decision: 'flag',
          evidenceId: signoff.request.currentEvidenceId,
          reason: 'The sign-off page is not signed.',
        },
      );
      expect(flagged.status).toBe(200);
      const flagMail = await linkFromOutbox(/^Evidence returned/);
      expect(flagMail.text).toContain('The sign-off page is not signed.');

      // Act 3: the agency follows the flag email's link and uploads the signed file
      const second = await browser.newPage();
      await second.goto(flagMail.link);
      expect(await second.locator('body').textContent()).toContain('The sign-off page is not signed.');
      await upload(second, /Signed account review/i, {
        name: 'account review sign-off (signed).pdf',
        mimeType: 'application/pdf',
        buffer: pdf('signed by the chief'),
      });
      await sandbox.evidenceEvents.whenIdle();

      // Act 4: the reviewer accepts both; the review completes and the workflow closes the audit
      const afterResubmission = (await admin('GET', `/audits/${AUDIT_ID}/evidence`)).body.requests ?? [];
      const resubmitted = afterResubmission.find(
        (entry) => entry.request.requestId === signoff.request.requestId,
      );
      expect(resubmitted?.request.status).toBe('resubmitted');
      const acceptChanges = await admin(
        'POST',
        `/audits/${AUDIT_ID}/requests/${changes.request.requestId}/decision`,
        {
          decision: 'accept',
          evidenceId: changes.request.currentEvidenceId,
        },
      );
      const acceptSignoff = await admin(
        'POST',
        `/audits/${AUDIT_ID}/requests/${signoff.request.requestId}/decision`,
        {
          decision: 'accept',
          evidenceId: resubmitted?.request.currentEvidenceId,
        },
      );
      await sandbox.workflows.runner.whenIdle();

      // Assess: the audit moved on to its next phase (closed: no findings), and the browser saw no errors
      expect(acceptChanges.body.reviewComplete).toBe(false);
      expect(acceptSignoff.body.reviewComplete).toBe(true);
      expect((await admin('GET', `/audits/${AUDIT_ID}`)).body.audit?.status).toBe('closed');
      expect(consoleErrors).toEqual([]);
      console.info(`browser-upload: the whole journey took ${Date.now() - started} ms`);
    }, 120_000);

    it('shows a finding’s corrective action and takes the agency’s plan from the page', async () => {
      // Prepare: a second agency whose audit opens the next day; both files go in, so the audit is in review
      const ori = 'CA0109978';
      const auditId = `aud_${ori}_account-review_2026`;
      expect(
        (
          await admin('POST', '/agencies', {
            ori,
            name: 'Plan Test Police Department',
            county: 'Fresno',
            agencyType: 'criminal-justice-agency',
            contacts: [
              { role: 'tac', name: 'Terry Coordinator', email: 'tac@plan.example.gov' },
              { role: 'laso', name: 'Lee Security', email: 'laso@plan.example.gov' },
              { role: 'agency-head', name: 'Avery Chief', email: 'chief@plan.example.gov' },
            ],
          })
        ).status,
      ).toBe(201);
      await admin('POST', `/agencies/${ori}/enrollments`, {
        programId: 'account-review',
        anchorDate: '2026-04-24',
      });
      await admin('POST', '/clock/advance', { days: 1 });
      await sandbox.workflows.runner.whenIdle();
      const opened = await linkFromOutbox(/^Evidence requested: account-review for Plan Test/);
      const page = await browser.newPage();
      const consoleErrors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') consoleErrors.push(message.text());
      });
      await page.goto(opened.link);
      await upload(page, /Signed account review/i, {
        name: 'sign-off.pdf',
        mimeType: 'application/pdf',
        buffer: pdf('signed'),
      });
      await upload(page, /Notifications of departures/i, {
        name: 'changes.csv',
        mimeType: 'text/csv',
        buffer: csv,
      });
      await sandbox.evidenceEvents.whenIdle();
      await sandbox.workflows.runner.whenIdle();
      expect((await admin('GET', `/audits/${auditId}`)).body.audit?.status).toBe('in-review');
      const listing = (await admin('GET', `/audits/${auditId}/evidence`)).body.requests ?? [];
      const signoff = listing.find((entry) => /signoff/.test(entry.request.requirementId));
      const finding = await admin('POST', `/audits/${auditId}/findings`, {
        requestId: signoff?.request.requestId,
        severity: 'high',
        title: 'Shared <b>logins</b>',
        description: 'Two operators share one login.',
      });
      expect(finding.status).toBe(201);

      // Act: the agency reloads its page, reads the finding and sends a plan
      await page.goto(opened.link);
      const task = page.locator('article.task');
      await expect.poll(() => task.count()).toBe(1);
      expect(await task.locator('h3').textContent()).toContain('Shared <b>logins</b>');
      expect(await task.locator('[data-role=task-status-text]').textContent()).toBe(
        'Waiting for your corrective action plan',
      );
      await task.getByLabel(/What will your agency do/).fill('Issue named accounts to both operators.');
      await task
        .getByLabel(/Steps/)
        .fill('List shared accounts\nIssue named accounts\nDisable the shared login');
      await task.getByLabel(/Target date/).fill('2026-05-15');
      await task.getByRole('button', { name: 'Send the plan' }).click();
      await expect
        .poll(async () => task.locator('[data-role=plan-status]').textContent(), {
          timeout: 10_000,
          interval: 200,
        })
        .toMatch(/^Plan sent\./);

      // Assess: the page shows the plan on record, and the reviewer sees it
      expect(await task.locator('[data-role=task-status-text]').textContent()).toBe(
        'Plan received — awaiting review',
      );
      expect(await task.locator('form.plan-form').isHidden()).toBe(true);
      expect(await task.locator('[data-role=plan-sent]').textContent()).toContain('Disable the shared login');
      const tasks = await fetch(new URL(`/audits/${auditId}/tasks`, sandbox.frontDoor.url), {
        headers: { authorization: `Bearer ${sandbox.adminToken}` },
      }).then((response) => response.text());
      expect(tasks).toContain('"status":"plan-submitted"');
      expect(tasks).toContain('Issue named accounts to both operators.');
      // A reload shows the same, read-only
      await page.reload();
      expect(await page.locator('article.task form.plan-form').count()).toBe(0);
      expect(await page.locator('article.task').textContent()).toContain('Your plan on record');
      expect(consoleErrors).toEqual([]);
    }, 120_000);
  },
);
