import { createHash } from 'node:crypto';
import { Script } from 'node:vm';
import { describe, expect, it, vi } from 'vitest';
import { portalAssets } from '../../../functions/portal/assets/portal-assets.js';
import { uploadScript } from '../../../functions/portal/assets/upload-script.js';
import { uploadStylesheet } from '../../../functions/portal/assets/upload-stylesheet.js';
import { REQUEST_STATUS_LABELS } from '../../../functions/portal/render/request-status.js';
import { renderUploadPage } from '../../../functions/portal/render/upload-page.js';
import { FakeElement } from '../../support/fake-dom-element.js';
import {
  fakeJsonFetch,
  type JsonAnswer,
  placeRoles,
  runUploadScript,
} from '../../support/run-upload-script.js';

interface XhrRecord {
  method: string;
  url: string;
  body: FormData;
}

interface StorageAnswer {
  status: number;
  text?: string;
}

interface Scenario {
  file: File;
  maxBytes?: number;
  acceptedTypes?: readonly string[];
  extensionTypes?: Record<string, string>;
  authorize?: JsonAnswer;
  storage?: StorageAnswer;
  /** Answers of the status path, in order; the last repeats. */
  statuses?: readonly JsonAnswer[];
  /** The form is a remediation task's verification upload instead of a request's. */
  taskId?: string;
}

const TOKEN = 'tok_secret_1234';
const REQUEST_ID = 'req_aud_CA0340400_clets_2027_agreement';
const UPLOAD_URL = 'https://clets-evidence.s3.us-gov-west-1.amazonaws.com/';
const FIELDS = {
  key: 'evidence/CA0340400/aud/req/uuid',
  'Content-Type': 'application/pdf',
  Policy: 'cG9saWN5',
  'X-Amz-Signature': 'abc123',
};

const sha256Of = async (file: File) =>
  createHash('sha256')
    .update(Buffer.from(await file.arrayBuffer()))
    .digest('hex');

function statusAnswer(request: Record<string, unknown>): JsonAnswer {
  return { status: 200, body: { requests: [{ requestId: 'req_other', status: 'requested' }, request] } };
}

/** Runs the script against one upload item and submits the chosen file. */
function runScript(scenario: Scenario) {
  const element = (tag: string) => new FakeElement(tag);
  const article = element('article');
  const form = element('form');
  if (scenario.taskId) form.setAttribute('data-task-id', scenario.taskId);
  else form.setAttribute('data-request-id', REQUEST_ID);
  form.setAttribute('data-max-bytes', String(scenario.maxBytes ?? 100 * 1024 ** 2));
  form.setAttribute(
    'data-accepted-types',
    JSON.stringify(scenario.acceptedTypes ?? ['application/pdf', 'text/csv']),
  );
  form.setAttribute(
    'data-extension-types',
    JSON.stringify(scenario.extensionTypes ?? { pdf: 'application/pdf', csv: 'text/csv' }),
  );
  form.setAttribute('data-last-rejection-at', '');
  form.ancestors.set(scenario.taskId ? '[data-role="verification"]' : 'article[data-request-id]', article);
  const input = element('input');
  input.files = [scenario.file];
  const button = element('button');
  form.selectors.set('input[type="file"]', input);
  form.selectors.set('button[type="submit"]', button);
  const parts = {
    area: element('div'),
    needsScript: element('p'),
    statusText: element('span'),
    progressArea: element('div'),
    progress: element('progress'),
    progressText: element('span'),
    status: element('p'),
    receipt: element('div'),
    flagNotice: element('div'),
    evidenceOnRecord: element('div'),
  };
  parts.area.hidden = true;
  parts.progressArea.hidden = true;
  parts.receipt.hidden = true;
  placeRoles(article, {
    'upload-area': parts.area,
    'upload-needs-script': parts.needsScript,
    'status-text': parts.statusText,
    'progress-area': parts.progressArea,
    progress: parts.progress,
    'progress-text': parts.progressText,
    'upload-status': parts.status,
    'upload-receipt': parts.receipt,
    'flag-notice': parts.flagNotice,
    'evidence-on-record': parts.evidenceOnRecord,
  });

  // A clock the script's waits move, so a minute of polling takes no time.
  const clock = { now: Date.parse('2027-02-10T18:00:00.000Z') };
  class FakeDate extends Date {
    constructor(value?: string | number) {
      super(value ?? clock.now);
    }
    static override now() {
      return clock.now;
    }
  }
  const statuses = [...(scenario.statuses ?? [])];
  const fetch = fakeJsonFetch((path) =>
    path === '/upload/authorize' ? scenario.authorize : statuses.length > 1 ? statuses.shift() : statuses[0],
  );
  const xhrs: XhrRecord[] = [];
  class FakeXhr {
    upload: { onprogress?: (event: unknown) => void } = {};
    status = 0;
    responseText = '';
    onload?: () => void;
    onerror?: () => void;
    private record: Partial<XhrRecord> = {};
    open(method: string, url: string) {
      this.record = { method, url };
    }
    send(body: FormData) {
      xhrs.push({ ...this.record, body } as XhrRecord);
      const answer = scenario.storage ?? { status: 204 };
      setTimeout(() => {
        const size = scenario.file.size;
        this.upload.onprogress?.({ lengthComputable: true, loaded: Math.floor(size / 2), total: size });
        this.status = answer.status;
        this.responseText = answer.text ?? '';
        this.onload?.();
      }, 0);
    }
  }
  const { reload, submit, finished } = runUploadScript({
    settings: {
      'data-upload-token': TOKEN,
      'data-audit-id': 'aud_CA0340400_clets_2027',
      'data-authorize-path': '/upload/authorize',
      'data-status-path': '/upload/status',
      'data-status-labels': JSON.stringify(REQUEST_STATUS_LABELS),
    },
    formSelector: scenario.taskId ? 'form[data-task-id]' : 'form[data-request-id]',
    form,
    button,
    fetch,
    globals: {
      XMLHttpRequest: FakeXhr,
      FormData,
      DOMParser: class {
        parseFromString(text: string) {
          const message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1];
          return { getElementsByTagName: () => (message === undefined ? [] : [{ textContent: message }]) };
        }
      },
      setTimeout: (callback: () => void, milliseconds: number) => {
        clock.now += milliseconds;
        return setTimeout(callback, 0);
      },
      Date: FakeDate,
    },
  });
  return { form, input, button, parts, fetch, xhrs, reload, submit, finished };
}

describe('Asset: uploadScript', () => {
  it('parses as a classic script and as a function body', () => {
    // Act / Assess
    expect(() => new Function(uploadScript)).not.toThrow();
    expect(() => new Script(uploadScript, { filename: 'upload.js' })).not.toThrow();
  });

  it('never writes markup, never logs, and interpolates nothing', () => {
    // Assess
    expect(uploadScript).not.toContain('innerHTML');
    expect(uploadScript).not.toContain('outerHTML');
    expect(uploadScript).not.toContain('insertAdjacentHTML');
    expect(uploadScript).not.toContain('console.');
    expect(uploadScript).not.toContain('eval(');
    expect(uploadScript).toContain('textContent');
  });

  it('finds in the rendered page every hook it looks for', () => {
    // Prepare
    const html = renderUploadPage({
      agency: { name: 'Sacramento PD', ori: 'CA0340400' },
      audit: {
        auditId: 'aud_1',
        programTitle: 'CLETS audit',
        periodKey: '2027',
        dueDate: '2027-03-12',
        timeZone: 'America/Los_Angeles',
        status: 'collecting',
      },
      link: { token: TOKEN, expiresAt: '2027-03-20T07:00:00.000Z', role: 'tac' },
      requests: [
        {
          requestId: REQUEST_ID,
          description: 'Agreement',
          requirementId: 'clets.agreement',
          status: 'flagged',
          dueDate: '2027-03-12',
          acceptedContentTypes: ['application/pdf'],
          uploadable: true,
          flagReason: 'Unsigned.',
          currentEvidence: {
            evidenceId: 'evd_1',
            fileName: 'a.pdf',
            sha256: 'a'.repeat(64),
            sizeBytes: 1,
            receivedAt: '2027-02-01T00:00:00.000Z',
          },
          lastRejection: { at: '2027-02-02T00:00:00.000Z', reasons: ['too small'] },
        },
      ],
      remediation: {
        planPath: '/upload/plan',
        today: '2027-02-10',
        maxPlanSteps: 20,
        tasks: [
          {
            taskId: 'rem_1_01',
            status: 'revision-requested',
            dueDate: '2027-05-01',
            finding: {
              title: 'Shared logins',
              severity: 'high',
              description: 'Two operators.',
              repeat: true,
            },
            revisionReason: 'Say who retrains them.',
            plan: {
              summary: 'Disable shared logins.',
              steps: ['Audit accounts'],
              targetDate: '2027-04-01',
              submittedAt: '2027-02-01T00:00:00.000Z',
            },
            planEditable: true,
            verificationUploadable: false,
            acceptedContentTypes: ['application/pdf'],
            verificationEvidence: [],
          },
          {
            taskId: 'rem_1_02',
            status: 'plan-accepted',
            dueDate: '2027-05-01',
            finding: { title: 'No log review', severity: 'low', description: 'Monthly.', repeat: false },
            planEditable: false,
            verificationUploadable: true,
            acceptedContentTypes: ['application/pdf'],
            verificationEvidence: [],
            lastRejection: { at: '2027-02-03T00:00:00.000Z', reasons: ['hash mismatch'] },
          },
        ],
      },
      maxUploadBytes: 1024,
      contactEmails: ['audits@doj.ca.gov'],
      authorizePath: '/upload/authorize',
      statusPath: '/upload/status',
      assetsPath: '/upload-assets',
    });

    // Act
    const roles = [...uploadScript.matchAll(/find\('([a-z-]+)'\)/g)].map((match) => match[1]);
    const attributes = [...uploadScript.matchAll(/getAttribute\('(data-[a-z-]+)'\)/g)].map(
      (match) => match[1],
    );

    // Assess
    expect(roles.length).toBeGreaterThanOrEqual(11);
    for (const role of roles) expect(html, role).toContain(`data-role="${role}"`);
    expect(attributes.length).toBeGreaterThanOrEqual(9);
    for (const attribute of attributes) expect(html, attribute).toContain(` ${attribute}="`);
    expect(html).toMatch(/<main [^>]*data-upload-token=/);
    expect(html).toMatch(/<article [^>]*data-request-id=/);
    expect(html).toMatch(/<form [^>]*data-request-id=/);
    expect(html).toMatch(/<form [^>]*data-task-id=/);
    expect(html).toMatch(/<form [^>]*data-task-plan=/);
    expect(html).toMatch(/<article [^>]*data-task-id=/);
    expect(html).toMatch(/<div [^>]*data-role="verification"/);
    for (const name of ['summary', 'steps'])
      expect(html).toContain(`<textarea id="task-1-${name}" name="${name}"`);
    expect(html).toContain('name="targetDate"');
    expect(html).toContain('<input type="file"');
    expect(html).toContain('<button type="submit"');
  });

  it('declares the file, uploads it with the fields first and the file last, and confirms the record', async () => {
    // Prepare: no type from the browser, so the extension decides.
    const file = new File(['signed agreement, page 1'], 'agreement.PDF', { type: '' });
    const sha256 = await sha256Of(file);
    const run = runScript({
      file,
      authorize: {
        status: 200,
        body: { requestId: REQUEST_ID, url: UPLOAD_URL, fields: FIELDS, key: FIELDS.key, maxBytes: 1024 },
      },
      statuses: [
        statusAnswer({ requestId: REQUEST_ID, status: 'requested', uploadable: true }),
        statusAnswer({
          requestId: REQUEST_ID,
          status: 'submitted',
          uploadable: false,
          currentEvidence: {
            evidenceId: 'evd_1',
            fileName: 'agreement.PDF',
            sha256,
            sizeBytes: file.size,
            receivedAt: '2027-02-10T18:00:03.000Z',
          },
        }),
      ],
    });

    // Act
    expect(run.parts.area.hidden).toBe(false);
    expect(run.parts.needsScript.hidden).toBe(true);
    run.submit();
    expect(run.button.disabled).toBe(true);
    await vi.waitFor(() => expect(run.parts.status.textContent).toBe('Verified and recorded.'));
    await run.finished();

    // Assess
    const [authorizeCall] = run.fetch.mock.calls;
    expect(authorizeCall?.[0]).toBe('/upload/authorize');
    expect(authorizeCall?.[1]).toMatchObject({
      method: 'POST',
      headers: { 'content-type': 'application/json' },
    });
    expect(JSON.parse(String(authorizeCall?.[1].body))).toEqual({
      token: TOKEN,
      auditId: 'aud_CA0340400_clets_2027',
      requestId: REQUEST_ID,
      fileName: 'agreement.PDF',
      contentType: 'application/pdf',
      sizeBytes: file.size,
      sha256,
    });
    expect(run.xhrs).toHaveLength(1);
    expect(run.xhrs[0]).toMatchObject({ method: 'POST', url: UPLOAD_URL });
    const entries = [...(run.xhrs[0]?.body.entries() ?? [])];
    expect(entries.map(([name]) => name)).toEqual([...Object.keys(FIELDS), 'file']);
    expect(entries.at(-1)?.[1]).toBeInstanceOf(File);
    const statusCalls = run.fetch.mock.calls.slice(1);
    expect(statusCalls.length).toBe(2);
    for (const [path, init] of statusCalls) {
      expect(path).toBe('/upload/status');
      expect(JSON.parse(String(init.body))).toEqual({ token: TOKEN });
    }
    expect(run.parts.progressText.textContent).toBe('100%');
    expect(run.parts.receipt.hidden).toBe(false);
    expect(run.parts.receipt.textContent).toContain('Verified and recorded');
    expect(run.parts.receipt.textContent).toContain(sha256);
    expect(run.parts.receipt.textContent).toContain('agreement.PDF');
    expect(run.parts.statusText.textContent).toBe('Received — awaiting review');
    expect(run.parts.statusText.className).toBe('status status-submitted');
    expect(run.form.hidden).toBe(true);
    expect(run.parts.flagNotice.hidden).toBe(true);
    expect(run.parts.evidenceOnRecord.hidden).toBe(true);
  });

  it('uploads a remediation task’s evidence of the fix: declares the task, confirms it under the task, keeps earlier files', async () => {
    // Prepare
    const taskId = 'rem_CA0340400_clets_2027_001_01';
    const file = new File(['named accounts, signed'], 'named-accounts.pdf', { type: 'application/pdf' });
    const sha256 = await sha256Of(file);
    const taskState = (verificationEvidence: unknown[]) => ({
      status: 200,
      body: {
        requests: [{ requestId: REQUEST_ID, status: 'accepted', uploadable: false }],
        tasks: [
          { taskId: 'rem_other', status: 'plan-accepted', verificationEvidence: [] },
          {
            taskId,
            status: 'plan-accepted',
            planEditable: false,
            verificationUploadable: true,
            verificationEvidence,
          },
        ],
      },
    });
    const run = runScript({
      file,
      taskId,
      authorize: {
        status: 200,
        body: {
          requestId: REQUEST_ID,
          taskId,
          url: UPLOAD_URL,
          fields: FIELDS,
          key: FIELDS.key,
          maxBytes: 1024,
        },
      },
      statuses: [
        taskState([]),
        taskState([
          {
            evidenceId: 'evd_rem_1',
            fileName: 'named-accounts.pdf',
            sha256,
            sizeBytes: file.size,
            receivedAt: '2027-02-10T18:00:03.000Z',
          },
        ]),
      ],
    });

    // Act
    run.submit();
    await vi.waitFor(() => expect(run.parts.status.textContent).toBe('Verified and recorded.'));
    await run.finished();

    // Assess
    expect(JSON.parse(String(run.fetch.mock.calls[0]?.[1].body))).toEqual({
      token: TOKEN,
      auditId: 'aud_CA0340400_clets_2027',
      taskId,
      fileName: 'named-accounts.pdf',
      contentType: 'application/pdf',
      sizeBytes: file.size,
      sha256,
    });
    expect(run.parts.receipt.textContent).toContain(sha256);
    // A task keeps taking files, and its earlier ones stay shown
    expect(run.form.hidden).toBe(false);
    expect(run.parts.evidenceOnRecord.hidden).toBe(false);
    expect(run.parts.statusText.textContent).toBe('');
  });

  it('declares the browser’s own type when a wildcard accepts it', async () => {
    // Prepare
    const run = runScript({
      file: new File(['png bytes'], 'diagram.png', { type: 'image/png' }),
      acceptedTypes: ['application/pdf', 'image/*'],
      extensionTypes: { pdf: 'application/pdf', png: 'image/png' },
      authorize: { status: 422, body: { error: { code: 'ValidationFailed', message: 'stop here' } } },
    });

    // Act
    run.submit();
    await run.finished();

    // Assess
    expect(JSON.parse(String(run.fetch.mock.calls[0]?.[1].body)).contentType).toBe('image/png');
  });

  it('refuses a file type the item does not take, naming the types it does, before asking the server', async () => {
    // Prepare
    const run = runScript({ file: new File(['MZ'], 'setup.exe', { type: 'application/x-msdownload' }) });

    // Act
    run.submit();
    await run.finished();

    // Assess
    expect(run.parts.status.textContent).toBe('This item takes only these file types: .pdf, .csv.');
    expect(run.parts.status.className).toBe('upload-status tone-error');
    expect(run.fetch).not.toHaveBeenCalled();
  });

  it('refuses a file over the size limit before anything else', async () => {
    // Prepare
    const run = runScript({
      file: new File(['x'.repeat(2048)], 'big.pdf', { type: 'application/pdf' }),
      maxBytes: 1024,
    });

    // Act
    run.submit();
    await run.finished();

    // Assess
    expect(run.parts.status.textContent).toBe('This file is 2 KB; the limit is 1 KB per file.');
    expect(run.fetch).not.toHaveBeenCalled();
  });

  it('shows the server’s message and issues when the declaration is refused', async () => {
    // Prepare
    const run = runScript({
      file: new File(['a'], 'agreement.pdf', { type: 'application/pdf' }),
      authorize: {
        status: 400,
        body: {
          error: {
            code: 'ValidationFailed',
            message: 'The upload declaration is not valid.',
            issues: [{ path: 'fileName', message: 'must not contain control characters' }],
          },
        },
      },
    });

    // Act
    run.submit();
    await run.finished();

    // Assess
    expect(run.parts.status.textContent).toBe(
      'The upload declaration is not valid.fileName: must not contain control characters',
    );
    expect(run.parts.status.children[0]?.tagName).toBe('ul');
    expect(run.xhrs).toHaveLength(0);
  });

  it('reloads the page when the link is denied, so the page can say why', async () => {
    // Prepare
    const run = runScript({
      file: new File(['a'], 'agreement.pdf', { type: 'application/pdf' }),
      authorize: {
        status: 403,
        body: { error: { code: 'UploadLinkDenied', message: 'The link has expired.' } },
      },
    });

    // Act
    run.submit();
    await run.finished();

    // Assess
    expect(run.reload).toHaveBeenCalledTimes(1);
    expect(run.xhrs).toHaveLength(0);
  });

  it('shows the storage’s own message when the upload is refused there', async () => {
    // Prepare
    const run = runScript({
      file: new File(['a'], 'agreement.pdf', { type: 'application/pdf' }),
      authorize: { status: 200, body: { requestId: REQUEST_ID, url: UPLOAD_URL, fields: FIELDS } },
      storage: {
        status: 403,
        text: '<?xml version="1.0"?><Error><Code>AccessDenied</Code><Message>Invalid according to Policy: Policy expired.</Message></Error>',
      },
    });

    // Act
    run.submit();
    await run.finished();

    // Assess
    expect(run.parts.status.textContent).toContain(
      'The file storage refused the upload: Invalid according to Policy: Policy expired.',
    );
    expect(run.fetch).toHaveBeenCalledTimes(1);
  });

  it('shows why the upload was rejected when a newer rejection appears', async () => {
    // Prepare
    const run = runScript({
      file: new File(['a'], 'agreement.pdf', { type: 'application/pdf' }),
      authorize: { status: 200, body: { requestId: REQUEST_ID, url: UPLOAD_URL, fields: FIELDS } },
      statuses: [
        statusAnswer({
          requestId: REQUEST_ID,
          status: 'requested',
          uploadable: true,
          lastRejection: {
            fileName: 'agreement.pdf',
            at: '2027-02-10T18:00:02.000Z',
            reasons: ['the object has 2 bytes but 1 were declared'],
          },
        }),
      ],
    });

    // Act
    run.submit();
    await run.finished();

    // Assess
    expect(run.parts.status.textContent).toBe(
      'The upload arrived but could not be recorded. Please check the file and upload it again:the object has 2 bytes but 1 were declared',
    );
    expect(run.form.hidden).toBe(false);
  });

  it('says verification continues when a minute passes without a record', async () => {
    // Prepare
    const run = runScript({
      file: new File(['a'], 'agreement.pdf', { type: 'application/pdf' }),
      authorize: { status: 200, body: { requestId: REQUEST_ID, url: UPLOAD_URL, fields: FIELDS } },
      statuses: [statusAnswer({ requestId: REQUEST_ID, status: 'requested', uploadable: true })],
    });

    // Act
    run.submit();
    await run.finished();

    // Assess
    expect(run.parts.status.textContent).toBe(
      'Received; verification continues — you will receive an email receipt.',
    );
    expect(run.fetch.mock.calls.length).toBe(1 + 40);
    expect(run.parts.receipt.textContent).toContain('Upload receipt');
  });
});

describe('Asset: portalAssets', () => {
  it('serves the script and the stylesheet by file name with their content types', () => {
    // Assess
    expect(portalAssets['upload.js']).toEqual({
      contentType: 'text/javascript; charset=utf-8',
      body: uploadScript,
    });
    expect(portalAssets['upload.css']).toEqual({
      contentType: 'text/css; charset=utf-8',
      body: uploadStylesheet,
    });
    expect(Object.keys(portalAssets).sort()).toEqual(['upload.css', 'upload.js']);
  });

  it('styles focus visibly and keeps touch targets large', () => {
    // Assess
    expect(uploadStylesheet).toContain(':focus-visible');
    expect(uploadStylesheet).toMatch(/min-height: 4[48]px/);
    expect(uploadStylesheet).not.toContain('${');
  });
});
