import { createContext, runInContext } from 'node:vm';
import { expect, vi } from 'vitest';
import { uploadScript } from '../../functions/portal/assets/upload-script.js';
import { FakeElement } from './fake-dom-element.js';

/*
 * Runs the upload page's browser script in a vm context over fake elements (see fake-dom-element.ts), with a
 * fetch that answers as the portal's API does, and drives its one form the way the browser would.
 */

/** One answer of the portal's API: a status and a JSON body. */
export type JsonAnswer = { readonly status: number; readonly body: unknown };

/** Puts each part where the script looks for it: [data-role="role"] inside the item. */
export function placeRoles(item: FakeElement, roles: Readonly<Record<string, FakeElement>>): void {
  for (const [role, part] of Object.entries(roles)) item.selectors.set(`[data-role="${role}"]`, part);
}

/** A fetch that answers with JSON; no answer for a path stands for a network failure. */
export function fakeJsonFetch(answerFor: (path: string) => JsonAnswer | undefined) {
  return vi.fn(async (path: string, _init: RequestInit) => {
    const answer = answerFor(path);
    if (!answer) throw new TypeError('Failed to fetch');
    return {
      ok: answer.status >= 200 && answer.status < 300,
      status: answer.status,
      text: async () => JSON.stringify(answer.body),
    };
  });
}

export interface OneFormPage {
  /** The data attributes of the page's main element, which the script reads its settings from. */
  readonly settings: Readonly<Record<string, string>>;
  /** The selector document.querySelectorAll finds the form by; any other finds nothing. */
  readonly formSelector: string;
  readonly form: FakeElement;
  /** The form's submit button, which the script disables while a submission runs. */
  readonly button: FakeElement;
  readonly fetch: ReturnType<typeof fakeJsonFetch>;
  /** Further globals the script uses on the path under test (XMLHttpRequest, DOMParser, timers, Date). */
  readonly globals?: Readonly<Record<string, unknown>>;
}

/**
 * Runs the script once over a page with one form. Returns the spy that stands for reloading the page, a submit
 * of the form as the browser would send it to the script's listener, and a wait until the submission settles
 * (the script enables the button again).
 */
export function runUploadScript(page: OneFormPage) {
  const main = new FakeElement('main');
  for (const [name, value] of Object.entries(page.settings)) main.setAttribute(name, value);
  const reload = vi.fn();
  const context = createContext({
    document: {
      querySelector: (selector: string) => (selector === 'main[data-upload-token]' ? main : null),
      querySelectorAll: (selector: string) => (selector === page.formSelector ? [page.form] : []),
      createElement: (tag: string) => new FakeElement(tag),
    },
    window: { crypto: globalThis.crypto, location: { reload } },
    fetch: page.fetch,
    ...page.globals,
  });
  runInContext(uploadScript, context);
  const submit = (): void => {
    const listener = page.form.listeners.get('submit');
    if (!listener) throw new Error('the script did not listen for submit');
    listener({ preventDefault: () => undefined });
  };
  const finished = (): Promise<void> =>
    vi.waitFor(() => expect(page.button.disabled).toBe(false), { timeout: 5000 });
  return { reload, submit, finished };
}
