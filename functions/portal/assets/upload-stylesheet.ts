/*
 * The portal's stylesheet, served as a file because the CSP allows no inline style. Mobile first (a 360 px
 * phone is the narrow case), high contrast (text and borders meet WCAG AA on white), visible focus, touch
 * targets at least 44 px high. Colour only ever repeats what the text already says.
 */
export const uploadStylesheet = `:root {
  --text: #1b1b1b;
  --muted: #454545;
  --background: #ffffff;
  --panel: #f4f5f7;
  --border: #6b6b6b;
  --link: #0b4fa3;
  --focus: #ffbf47;
  --info: #0b4fa3;
  --success: #1a6b2f;
  --success-background: #e8f4ec;
  --warning: #7a4a00;
  --warning-background: #fff4e0;
  --error: #a4141c;
  --error-background: #fdecee;
  color-scheme: light;
}

*,
*::before,
*::after {
  box-sizing: border-box;
}

html {
  -webkit-text-size-adjust: 100%;
  text-size-adjust: 100%;
}

body {
  margin: 0;
  background: var(--background);
  color: var(--text);
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-size: 1.0625rem;
  line-height: 1.5;
  overflow-wrap: anywhere;
}

.page-header,
main {
  max-width: 48rem;
  margin: 0 auto;
  padding: 1rem;
}

.page-header {
  border-bottom: 4px solid var(--info);
}

.eyebrow {
  margin: 0;
  color: var(--muted);
  font-size: 0.9375rem;
}

h1 {
  margin: 0.25rem 0;
  font-size: 1.5rem;
  line-height: 1.25;
}

h2 {
  margin: 0 0 0.75rem;
  font-size: 1.25rem;
}

h3 {
  margin: 0 0 0.75rem;
  font-size: 1.125rem;
}

h4 {
  margin: 0 0 0.5rem;
  font-size: 1rem;
}

.agency {
  margin: 0;
  font-weight: 600;
}

.ori {
  display: inline-block;
  color: var(--muted);
  font-weight: 400;
}

a {
  color: var(--link);
  text-decoration-thickness: 0.08em;
  text-underline-offset: 0.15em;
}

a:focus-visible,
button:focus-visible,
input:focus-visible,
textarea:focus-visible,
summary:focus-visible {
  outline: 3px solid var(--text);
  outline-offset: 2px;
  box-shadow: 0 0 0 6px var(--focus);
}

.skip-link {
  position: absolute;
  left: 0.5rem;
  top: -4rem;
  padding: 0.75rem 1rem;
  background: var(--background);
  z-index: 1;
}

.skip-link:focus {
  top: 0.5rem;
}

.visually-hidden {
  position: absolute;
  width: 1px;
  height: 1px;
  overflow: hidden;
  clip: rect(0 0 0 0);
  clip-path: inset(50%);
  white-space: nowrap;
}

[hidden] {
  display: none !important;
}

.panel,
.request,
.task {
  margin: 1rem 0;
  padding: 1rem;
  border: 1px solid var(--border);
  border-radius: 6px;
  background: var(--background);
}

.panel {
  background: var(--panel);
}

.item-number {
  display: block;
  color: var(--muted);
  font-size: 0.9375rem;
  font-weight: 400;
}

.facts {
  margin: 0 0 0.75rem;
}

.facts > div {
  padding: 0.375rem 0;
  border-bottom: 1px solid #d6d6d6;
}

.facts dt {
  color: var(--muted);
  font-size: 0.9375rem;
}

.facts dd {
  margin: 0;
}

code {
  font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  font-size: 0.9375rem;
}

.hash {
  word-break: break-all;
}

.status {
  display: inline-block;
  padding: 0.125rem 0.5rem;
  border: 2px solid currentColor;
  border-radius: 4px;
  font-weight: 600;
}

.status-requested {
  color: var(--info);
}

.status-submitted,
.status-resubmitted {
  color: var(--warning);
  background: var(--warning-background);
}

.status-accepted {
  color: var(--success);
  background: var(--success-background);
}

.status-flagged {
  color: var(--error);
  background: var(--error-background);
}

/* Remediation tasks: the agency's move in blue, waiting on the reviewer in amber, sent back in red, done in green. */
.task-status-awaiting-plan,
.task-status-plan-accepted {
  color: var(--info);
}

.task-status-plan-submitted {
  color: var(--warning);
  background: var(--warning-background);
}

.task-status-revision-requested {
  color: var(--error);
  background: var(--error-background);
}

.task-status-verified,
.task-status-closed,
.task-status-cancelled {
  color: var(--success);
  background: var(--success-background);
}

.severity {
  font-weight: 600;
}

.severity-critical,
.severity-high {
  color: var(--error);
}

.severity-medium {
  color: var(--warning);
}

.repeat-marker {
  margin: 0 0 0.75rem;
  padding: 0.5rem 0.75rem;
  border-left: 6px solid var(--warning);
  background: var(--warning-background);
}

.keeps-lines {
  margin: 0;
  white-space: pre-wrap;
}

.last-audit {
  margin: 0 0 0.75rem;
  color: var(--muted);
}

.plan-on-record,
.verification {
  margin: 0.75rem 0;
  padding: 0.75rem 1rem;
  border-left: 6px solid var(--border);
  background: var(--panel);
}

.plan-steps {
  margin: 0;
  padding-left: 1.25rem;
}

.notice {
  margin: 0.75rem 0;
  padding: 0.75rem 1rem;
  border-left: 6px solid var(--border);
  background: var(--panel);
}

.notice-returned,
.notice-rejected {
  border-left-color: var(--error);
  background: var(--error-background);
}

.notice-warning {
  border-left-color: var(--warning);
  background: var(--warning-background);
}

.notice-denied {
  border-left: 6px solid var(--error);
}

.receipt,
.upload-receipt {
  margin: 0.75rem 0;
  padding: 0.75rem 1rem;
  border-left: 6px solid var(--success);
  background: var(--success-background);
}

.closed-note,
.upload-needs-script {
  color: var(--muted);
  font-style: italic;
}

.upload-form {
  display: flex;
  flex-direction: column;
  gap: 0.5rem;
  margin-top: 1rem;
}

.upload-form label,
.plan-form label {
  font-weight: 600;
}

.plan-form {
  display: flex;
  flex-direction: column;
  gap: 0.5rem;
  margin-top: 1rem;
}

textarea,
input[type="date"] {
  width: 100%;
  min-height: 44px;
  padding: 0.5rem;
  border: 2px solid var(--border);
  border-radius: 4px;
  background: var(--background);
  color: var(--text);
  font: inherit;
}

textarea {
  resize: vertical;
}

input[type="date"] {
  max-width: 14rem;
}

.plan-form button {
  align-self: flex-start;
}

input[type="file"] {
  width: 100%;
  min-height: 44px;
  padding: 0.5rem;
  border: 2px solid var(--border);
  border-radius: 4px;
  background: var(--background);
  font: inherit;
}

input[type="file"]::file-selector-button {
  min-height: 36px;
  margin-right: 0.75rem;
  font: inherit;
}

button {
  min-height: 48px;
  padding: 0.625rem 1.25rem;
  border: 2px solid var(--info);
  border-radius: 4px;
  background: var(--info);
  color: #ffffff;
  font: inherit;
  font-weight: 600;
  cursor: pointer;
}

button:hover {
  background: #083a78;
}

button:disabled {
  border-color: var(--border);
  background: #d6d6d6;
  color: var(--text);
  cursor: progress;
}

.upload-progress {
  display: flex;
  align-items: center;
  gap: 0.75rem;
  margin-top: 0.75rem;
}

progress {
  flex: 1;
  height: 1.25rem;
  accent-color: var(--info);
}

.upload-status {
  min-height: 1.5em;
  margin: 0.75rem 0 0;
  font-weight: 600;
}

.upload-status ul {
  margin: 0.25rem 0 0;
  font-weight: 400;
}

.tone-working {
  color: var(--warning);
}

.tone-success {
  color: var(--success);
}

.tone-error {
  color: var(--error);
}

.contacts {
  padding-left: 1.25rem;
}

.contacts a {
  display: inline-block;
  padding: 0.5rem 0;
}

@media (min-width: 40rem) {
  h1 {
    font-size: 1.875rem;
  }

  .facts > div {
    display: grid;
    grid-template-columns: 12rem 1fr;
    gap: 1rem;
  }

  .upload-form {
    flex-direction: row;
    flex-wrap: wrap;
    align-items: center;
  }

  .upload-form label {
    flex-basis: 100%;
  }

  .upload-form input[type="file"] {
    flex: 1;
    width: auto;
  }
}

@media (prefers-reduced-motion: reduce) {
  * {
    transition: none !important;
    animation: none !important;
  }
}

@media (forced-colors: active) {
  .status,
  .notice,
  .receipt,
  .upload-receipt,
  .plan-on-record,
  .verification,
  .repeat-marker {
    border: 2px solid CanvasText;
  }
}
`;
