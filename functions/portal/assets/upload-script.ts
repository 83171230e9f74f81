/*
 * The upload page's browser script, served as a file because the page's CSP allows no inline script. Plain
 * ES2020 with no dependencies and no build step: what is written here is what the browser runs. Keep the text
 * free of dollar-brace, backticks and backslashes: the template literal would interpolate, end or eat them.
 *
 * What it relies on in the page (see render/upload-page.ts, render/request-section.ts and
 * render/corrective-actions-section.ts):
 *   main[data-upload-token]        data-upload-token, data-audit-id, data-authorize-path, data-status-path,
 *                                  data-status-labels (JSON: status → words); with remediation tasks also
 *                                  data-plan-path and data-task-status-labels (JSON)
 *   article[data-request-id]       one per request; [data-role=status-text] inside shows its status
 *   form[data-request-id]          data-max-bytes, data-accepted-types (JSON array), data-extension-types (JSON
 *                                  object: extension → MIME type), data-last-rejection-at; an input[type=file]
 *                                  and a button[type=submit]
 *   form[data-task-id]             the same, for a remediation task's evidence of the fix, inside its
 *                                  [data-role=verification] part, which holds the parts listed below
 *   [data-role=upload-area]        hidden until this script runs; [data-role=upload-needs-script] hidden by it
 *   [data-role=progress-area], [data-role=progress], [data-role=progress-text],
 *   [data-role=upload-status] (aria-live), [data-role=upload-receipt]
 *   [data-role=flag-notice], [data-role=rejection-notice], [data-role=evidence-on-record] (when present)
 *   form[data-task-plan]           a task's plan form (hidden until this script runs): data-max-steps, textarea
 *                                  summary and steps, input targetDate (min: today), a submit button; in its
 *                                  article[data-task-id]: [data-role=plan-needs-script], [data-role=plan-status]
 *                                  (aria-live), [data-role=plan-sent], [data-role=task-status-text], and when
 *                                  present [data-role=revision-notice], [data-role=plan-on-record]
 *
 * The token is read from the page and sent only in request bodies to the portal's own paths; it is never logged.
 * Dynamic text is set with textContent only.
 */
export const uploadScript = `(() => {
  'use strict';

  const POLL_INTERVAL_MS = 1500;
  const POLL_LIMIT_MS = 60000;
  // The browser's clock and the server's may disagree; a rejection this much older than the upload still counts.
  const CLOCK_SKEW_MS = 10 * 60 * 1000;

  const page = document.querySelector('main[data-upload-token]');
  if (!page) return;
  const token = page.getAttribute('data-upload-token') || '';
  const auditId = page.getAttribute('data-audit-id') || '';
  const authorizePath = page.getAttribute('data-authorize-path') || '';
  const statusPath = page.getAttribute('data-status-path') || '';
  const statusLabels = parseJson(page.getAttribute('data-status-labels'), {});
  const planPath = page.getAttribute('data-plan-path') || '';
  const taskStatusLabels = parseJson(page.getAttribute('data-task-status-labels'), {});
  // Kept out of string literals: this text sits in a template literal, where a backslash escape would be eaten.
  const NEWLINE = String.fromCharCode(10);

  class UploadProblem extends Error {
    constructor(message, details) {
      super(message);
      this.details = details || [];
    }
  }

  function parseJson(text, fallback) {
    try {
      const value = JSON.parse(text || '');
      return value === null || value === undefined ? fallback : value;
    } catch (error) {
      return fallback;
    }
  }

  function formatSize(bytes) {
    if (bytes < 1024) return bytes === 1 ? '1 byte' : bytes + ' bytes';
    const units = ['KB', 'MB', 'GB', 'TB'];
    let value = bytes / 1024;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit += 1;
    }
    const rounded = Math.round(value * 10) / 10;
    return (Number.isInteger(rounded) ? rounded.toFixed(0) : rounded.toFixed(1)) + ' ' + units[unit];
  }

  function bareType(type) {
    return String(type || '').split(';')[0].trim().toLowerCase();
  }

  function typeIsAccepted(accepted, type) {
    const bare = bareType(type);
    if (!bare) return false;
    return accepted.some((pattern) =>
      pattern.endsWith('/*') ? bare.startsWith(pattern.slice(0, -1)) : pattern === bare,
    );
  }

  // The browser's own type when the request lists it, else the type the file's extension stands for.
  function chooseContentType(file, accepted, typesByExtension) {
    if (typeIsAccepted(accepted, file.type)) return bareType(file.type);
    const dot = file.name.lastIndexOf('.');
    const extension = dot >= 0 ? file.name.slice(dot + 1).toLowerCase() : '';
    const inferred = Object.prototype.hasOwnProperty.call(typesByExtension, extension)
      ? typesByExtension[extension]
      : undefined;
    return inferred && typeIsAccepted(accepted, inferred) ? bareType(inferred) : undefined;
  }

  function describeAccepted(typesByExtension, accepted) {
    const extensions = Object.keys(typesByExtension).map((extension) => '.' + extension);
    return extensions.length > 0 ? extensions.join(', ') : accepted.join(', ');
  }

  async function sha256Hex(file) {
    if (!window.crypto || !window.crypto.subtle) {
      throw new UploadProblem(
        'This browser cannot compute the file’s fingerprint on this connection. Open the link in an up-to-date browser over https.',
      );
    }
    const digest = await window.crypto.subtle.digest('SHA-256', await file.arrayBuffer());
    return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
  }

  async function postJson(path, body) {
    let response;
    try {
      response = await fetch(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        credentials: 'same-origin',
        cache: 'no-store',
        referrerPolicy: 'no-referrer',
      });
    } catch (error) {
      throw new UploadProblem('Could not reach the server. Check your connection and try again.');
    }
    const text = await response.text();
    return { ok: response.ok, status: response.status, body: parseJson(text, undefined) };
  }

  function isDenial(answer) {
    const error = answer.body && answer.body.error;
    return (answer.status === 401 || answer.status === 403) && error && error.code === 'UploadLinkDenied';
  }

  function problemFrom(answer, fallback) {
    const error = answer.body && answer.body.error;
    const message = error && typeof error.message === 'string' ? error.message : fallback;
    const issues = error && Array.isArray(error.issues) ? error.issues : [];
    // The API writes each issue as a line, "field: what is allowed".
    const details = issues.map((issue) =>
      typeof issue === 'string'
        ? issue
        : issue && issue.path
          ? String(issue.path) + ': ' + String(issue.message)
          : String(issue && issue.message),
    );
    return new UploadProblem(message, details);
  }

  function storageErrorMessage(status, text) {
    let message = '';
    try {
      const xml = new DOMParser().parseFromString(text || '', 'application/xml');
      const node = xml.getElementsByTagName('Message')[0];
      message = node && node.textContent ? node.textContent.trim() : '';
    } catch (error) {
      message = '';
    }
    return (
      'The file storage refused the upload' +
      (message ? ': ' + message : ' (status ' + status + ').') +
      (message && !/[.!?]$/.test(message) ? '.' : '') +
      ' Please try again; if it keeps failing, contact an administrator below.'
    );
  }

  function sendToStorage(url, formData, onProgress) {
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', url);
      xhr.upload.onprogress = (event) => {
        if (event.lengthComputable) onProgress(event.loaded, event.total);
      };
      xhr.onload = () => {
        if (xhr.status >= 200 && xhr.status < 300) resolve();
        else reject(new UploadProblem(storageErrorMessage(xhr.status, xhr.responseText)));
      };
      xhr.onerror = () =>
        reject(new UploadProblem('The upload did not reach the file storage. Check your connection and try again.'));
      xhr.onabort = () => reject(new UploadProblem('The upload was interrupted. Please try again.'));
      xhr.send(formData);
    });
  }

  function sleep(milliseconds) {
    return new Promise((resolve) => setTimeout(resolve, milliseconds));
  }

  // Writes a message (and an optional list of details) into a status line.
  function sayIn(element, message, details, tone) {
    element.textContent = message;
    element.className = 'upload-status' + (tone ? ' tone-' + tone : '');
    if (details && details.length > 0) {
      const list = document.createElement('ul');
      for (const detail of details) {
        const entry = document.createElement('li');
        entry.textContent = detail;
        list.appendChild(entry);
      }
      element.appendChild(list);
    }
  }

  // Adds a term and its value (text, or an element) to a facts list.
  function appendFact(list, term, value) {
    const row = document.createElement('div');
    const dt = document.createElement('dt');
    dt.textContent = term;
    const dd = document.createElement('dd');
    if (typeof value === 'string') dd.textContent = value;
    else dd.appendChild(value);
    row.append(dt, dd);
    list.appendChild(row);
  }

  // Runs work on each submit of the form, one at a time: the button stays disabled until it settles, so a
  // double click cannot send twice. A failure is said in the form's status line: an UploadProblem in its own
  // words, anything else as failureMessage. Returns whether a submission is under way.
  function submitOneAtATime(form, button, say, failureMessage, work) {
    let busy = false;
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (busy) return;
      busy = true;
      button.disabled = true;
      button.setAttribute('aria-disabled', 'true');
      work()
        .catch((error) => {
          if (error instanceof UploadProblem) say(error.message, error.details, 'error');
          else say(failureMessage, [], 'error');
        })
        .finally(() => {
          busy = false;
          button.disabled = false;
          button.removeAttribute('aria-disabled');
        });
    });
    return () => busy;
  }

  // A file for a requested item (data-request-id), or evidence of a remediation task's fix (data-task-id).
  function wire(form) {
    const taskId = form.getAttribute('data-task-id') || '';
    const item = taskId
      ? form.closest('[data-role="verification"]') || form.parentElement
      : form.closest('article[data-request-id]') || form.parentElement;
    const find = (role) => item.querySelector('[data-role="' + role + '"]');
    const parts = {
      area: find('upload-area'),
      needsScript: find('upload-needs-script'),
      statusText: find('status-text'),
      progressArea: find('progress-area'),
      progress: find('progress'),
      progressText: find('progress-text'),
      status: find('upload-status'),
      receipt: find('upload-receipt'),
      // What the page said before this upload; superseded once it is recorded. A task keeps every file it
      // received, so only its refusal notice goes.
      earlier: taskId
        ? [find('rejection-notice')]
        : [find('flag-notice'), find('rejection-notice'), find('evidence-on-record')],
      input: form.querySelector('input[type="file"]'),
      button: form.querySelector('button[type="submit"]'),
    };
    if (!parts.area || !parts.status || !parts.input || !parts.button) return;
    const requestId = form.getAttribute('data-request-id') || '';
    const maxBytes = Number(form.getAttribute('data-max-bytes')) || Infinity;
    const accepted = parseJson(form.getAttribute('data-accepted-types'), []).map(bareType);
    const typesByExtension = parseJson(form.getAttribute('data-extension-types'), {});
    let knownRejectionAt = form.getAttribute('data-last-rejection-at') || '';

    function say(message, details, tone) {
      sayIn(parts.status, message, details, tone);
    }

    function showProgress(loaded, total) {
      if (!parts.progressArea || !parts.progress) return;
      parts.progressArea.hidden = false;
      parts.progress.max = total > 0 ? total : 1;
      parts.progress.value = loaded;
      const percent = total > 0 ? Math.floor((loaded / total) * 100) : 0;
      if (parts.progressText) parts.progressText.textContent = percent + '%';
    }

    function showReceipt(heading, rows) {
      if (!parts.receipt) return;
      parts.receipt.replaceChildren();
      const title = document.createElement('h4');
      title.textContent = heading;
      const list = document.createElement('dl');
      list.className = 'facts';
      for (const [term, value, isHash] of rows) {
        if (isHash) {
          const code = document.createElement('code');
          code.className = 'hash';
          code.textContent = value;
          appendFact(list, term, code);
        } else {
          appendFact(list, term, value);
        }
      }
      parts.receipt.append(title, list);
      parts.receipt.hidden = false;
    }

    function showRequestStatus(status) {
      if (!parts.statusText || typeof status !== 'string') return;
      parts.statusText.textContent = statusLabels[status] || status;
      if (/^[a-z-]+$/.test(status)) parts.statusText.className = 'status status-' + status;
    }

    // This upload's entry in the status answer: its request, or its task.
    function entryIn(body) {
      const list = body ? (taskId ? body.tasks : body.requests) : undefined;
      if (!Array.isArray(list)) return undefined;
      return list.find((candidate) =>
        candidate && (taskId ? candidate.taskId === taskId : candidate.requestId === requestId),
      );
    }

    // The evidence recorded for these bytes: the request's current file, or one of the task's files.
    function recordedEvidence(entry, sha256) {
      if (taskId) {
        const evidence = Array.isArray(entry.verificationEvidence) ? entry.verificationEvidence : [];
        return evidence.find((candidate) => candidate && candidate.sha256 === sha256);
      }
      return entry.currentEvidence && entry.currentEvidence.sha256 === sha256 ? entry.currentEvidence : undefined;
    }

    async function waitForVerification(sha256, fileName, startedAt) {
      const deadline = Date.now() + POLL_LIMIT_MS;
      while (Date.now() < deadline) {
        await sleep(POLL_INTERVAL_MS);
        let answer;
        try {
          answer = await postJson(statusPath, { token });
        } catch (error) {
          continue;
        }
        if (isDenial(answer)) return { outcome: 'denied' };
        const entry = answer.ok ? entryIn(answer.body) : undefined;
        if (!entry) continue;
        const evidence = recordedEvidence(entry, sha256);
        if (evidence) return { outcome: 'verified', entry, evidence };
        const rejection = entry.lastRejection;
        if (
          rejection &&
          rejection.at !== knownRejectionAt &&
          Date.parse(rejection.at) >= startedAt - CLOCK_SKEW_MS &&
          (!rejection.fileName || rejection.fileName === fileName)
        ) {
          knownRejectionAt = rejection.at;
          return { outcome: 'rejected', entry };
        }
      }
      return { outcome: 'pending' };
    }

    async function upload() {
      const file = parts.input.files && parts.input.files[0];
      if (!file) throw new UploadProblem('Choose a file first.');
      if (file.size > maxBytes) {
        throw new UploadProblem(
          'This file is ' + formatSize(file.size) + '; the limit is ' + formatSize(maxBytes) + ' per file.',
        );
      }
      if (file.size === 0) throw new UploadProblem('This file is empty. Choose the file with the evidence in it.');
      const contentType = chooseContentType(file, accepted, typesByExtension);
      if (!contentType) {
        throw new UploadProblem(
          'This item takes only these file types: ' + describeAccepted(typesByExtension, accepted) + '.',
        );
      }

      say('Computing fingerprint…');
      const sha256 = await sha256Hex(file);

      say('Asking for permission to upload…');
      const startedAt = Date.now();
      const authorization = await postJson(
        authorizePath,
        Object.assign({ token, auditId }, taskId ? { taskId } : { requestId }, {
          fileName: file.name,
          contentType,
          sizeBytes: file.size,
          sha256,
        }),
      );
      if (isDenial(authorization)) {
        say('This link can no longer be used. Reloading the page…', [], 'error');
        window.location.reload();
        return;
      }
      if (!authorization.ok) throw problemFrom(authorization, 'The upload was not allowed (status ' + authorization.status + ').');
      const grant = authorization.body;
      if (!grant || typeof grant.url !== 'string' || !grant.fields || typeof grant.fields !== 'object') {
        throw new UploadProblem('The server’s answer was not understood. Please reload the page and try again.');
      }

      const formData = new FormData();
      for (const [name, value] of Object.entries(grant.fields)) formData.append(name, String(value));
      // Storage reads the policy fields first; the file must be the last part.
      formData.append('file', file, file.name);

      say('Uploading…');
      showProgress(0, file.size);
      await sendToStorage(grant.url, formData, showProgress);
      showProgress(file.size, file.size);

      const uploadedAt = new Date();
      const receiptRows = [
        ['File name', file.name],
        ['Size', formatSize(file.size)],
        ['SHA-256 fingerprint', sha256, true],
        ['Uploaded', uploadedAt.toLocaleString()],
      ];
      showReceipt('Upload receipt', receiptRows);
      say('Uploaded. Verifying…', [], 'working');

      const result = await waitForVerification(sha256, file.name, startedAt);
      if (result.outcome === 'denied') {
        window.location.reload();
        return;
      }
      if (result.outcome === 'verified') {
        const evidence = result.evidence;
        const received = evidence.receivedAt ? new Date(evidence.receivedAt) : uploadedAt;
        showReceipt('Verified and recorded', [
          ['File name', evidence.fileName || file.name],
          ['Size', formatSize(typeof evidence.sizeBytes === 'number' ? evidence.sizeBytes : file.size)],
          ['SHA-256 fingerprint', evidence.sha256, true],
          ['Recorded', Number.isNaN(received.getTime()) ? uploadedAt.toLocaleString() : received.toLocaleString()],
        ]);
        say('Verified and recorded.', [], 'success');
        for (const block of parts.earlier) if (block) block.hidden = true;
        if (!taskId) showRequestStatus(result.entry.status);
        if ((taskId ? result.entry.verificationUploadable : result.entry.uploadable) === false) form.hidden = true;
        parts.input.value = '';
        return;
      }
      if (result.outcome === 'rejected') {
        if (!taskId) showRequestStatus(result.entry.status);
        say(
          'The upload arrived but could not be recorded. Please check the file and upload it again:',
          result.entry.lastRejection.reasons || [],
          'error',
        );
        return;
      }
      say('Received; verification continues — you will receive an email receipt.', [], 'working');
    }

    parts.area.hidden = false;
    if (parts.needsScript) parts.needsScript.hidden = true;
    const uploading = submitOneAtATime(
      form,
      parts.button,
      say,
      'Something went wrong while uploading. Please try again.',
      upload,
    );
    parts.input.addEventListener('change', () => {
      if (!uploading()) say('');
    });
  }

  // A remediation task's corrective action plan: checked here for what the reader can fix at once, then sent.
  function wirePlan(form) {
    const item = form.closest('article[data-task-id]') || form.parentElement;
    const find = (role) => item.querySelector('[data-role="' + role + '"]');
    const parts = {
      needsScript: find('plan-needs-script'),
      statusText: find('task-status-text'),
      status: find('plan-status'),
      sent: find('plan-sent'),
      earlier: [find('revision-notice'), find('plan-on-record')],
      summary: form.querySelector('textarea[name="summary"]'),
      steps: form.querySelector('textarea[name="steps"]'),
      targetDate: form.querySelector('input[name="targetDate"]'),
      button: form.querySelector('button[type="submit"]'),
    };
    if (!parts.status || !parts.summary || !parts.targetDate || !parts.button) return;
    const taskId = form.getAttribute('data-task-plan') || '';
    const maxSteps = Number(form.getAttribute('data-max-steps')) || 20;

    function say(message, details, tone) {
      sayIn(parts.status, message, details, tone);
    }

    function readPlan() {
      const summary = String(parts.summary.value || '').trim();
      const steps = String((parts.steps && parts.steps.value) || '')
        .split(NEWLINE)
        .map((step) => step.trim())
        .filter((step) => step.length > 0);
      const targetDate = String(parts.targetDate.value || '');
      const earliest = parts.targetDate.getAttribute('min') || '';
      const problems = [];
      if (!summary) problems.push('Summary: say what your agency will do to correct the finding.');
      if (steps.length > maxSteps) problems.push('Steps: list at most ' + maxSteps + ' steps, one per line.');
      if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(targetDate)) {
        problems.push('Target date: choose the day the corrective action will be done.');
      } else if (earliest && targetDate < earliest) {
        problems.push('Target date: choose today or a later day.');
      }
      if (problems.length > 0) throw new UploadProblem('Please check the plan:', problems);
      return { summary, steps, targetDate };
    }

    function showSentPlan(plan) {
      if (!parts.sent || !plan) return;
      const title = document.createElement('h4');
      title.textContent = 'Your plan on record';
      const list = document.createElement('dl');
      list.className = 'facts';
      const summary = document.createElement('p');
      summary.className = 'keeps-lines';
      summary.textContent = String(plan.summary || '');
      appendFact(list, 'Summary', summary);
      const steps = Array.isArray(plan.steps) ? plan.steps : [];
      if (steps.length > 0) {
        const ordered = document.createElement('ol');
        ordered.className = 'plan-steps';
        for (const step of steps) {
          const entry = document.createElement('li');
          entry.textContent = String(step);
          ordered.appendChild(entry);
        }
        appendFact(list, 'Steps', ordered);
      } else {
        appendFact(list, 'Steps', 'No separate steps.');
      }
      appendFact(list, 'Target date', String(plan.targetDate || ''));
      const sentAt = plan.submittedAt ? new Date(plan.submittedAt) : new Date();
      appendFact(list, 'Sent', Number.isNaN(sentAt.getTime()) ? String(plan.submittedAt) : sentAt.toLocaleString());
      parts.sent.replaceChildren(title, list);
      parts.sent.hidden = false;
    }

    async function send() {
      const plan = readPlan();
      say('Sending the plan…', [], 'working');
      const body = { token, taskId, summary: plan.summary, targetDate: plan.targetDate };
      if (plan.steps.length > 0) body.steps = plan.steps;
      const answer = await postJson(planPath, body);
      if (isDenial(answer)) {
        say('This link can no longer be used. Reloading the page…', [], 'error');
        window.location.reload();
        return;
      }
      if (!answer.ok) throw problemFrom(answer, 'The plan was not recorded (status ' + answer.status + ').');
      const saved = answer.body || {};
      if (parts.statusText && typeof saved.status === 'string') {
        parts.statusText.textContent = taskStatusLabels[saved.status] || saved.status;
        if (/^[a-z-]+$/.test(saved.status)) parts.statusText.className = 'status task-status-' + saved.status;
      }
      for (const block of parts.earlier) if (block) block.hidden = true;
      form.hidden = true;
      showSentPlan(saved.plan);
      say(
        'Plan sent. The reviewer will accept it or send it back with a reason; you will get an email either way.',
        [],
        'success',
      );
    }

    form.hidden = false;
    if (parts.needsScript) parts.needsScript.hidden = true;
    submitOneAtATime(
      form,
      parts.button,
      say,
      'Something went wrong while sending the plan. Please try again.',
      send,
    );
  }

  for (const form of document.querySelectorAll('form[data-request-id]')) wire(form);
  for (const form of document.querySelectorAll('form[data-task-id]')) wire(form);
  if (planPath) for (const form of document.querySelectorAll('form[data-task-plan]')) wirePlan(form);
})();
`;
