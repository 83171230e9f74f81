/*
 * A DOM element just large enough for the upload page's script (functions/portal/assets/upload-script.ts) run in
 * a vm context: it answers the selectors the script uses from tables a test fills in, keeps text and children
 * the way textContent, append and replaceChildren do, and records one listener per event type.
 */
export class FakeElement {
  readonly attributes = new Map<string, string>();
  /** What querySelector answers inside this element, by selector. */
  readonly selectors = new Map<string, FakeElement>();
  /** What closest answers, by selector. */
  readonly ancestors = new Map<string, FakeElement>();
  readonly listeners = new Map<string, (event: unknown) => void>();
  children: FakeElement[] = [];
  private ownText = '';
  className = '';
  hidden = false;
  disabled = false;
  /** A text field's text, a file input's cleared value, a progress bar's count. */
  value: unknown = '';
  max = 0;
  files: File[] = [];

  constructor(readonly tagName: string) {}

  get textContent(): string {
    return this.ownText + this.children.map((child) => child.textContent).join('');
  }
  set textContent(text: string) {
    this.ownText = text;
    this.children = [];
  }
  getAttribute(name: string): string | null {
    return this.attributes.get(name) ?? null;
  }
  setAttribute(name: string, value: string): void {
    this.attributes.set(name, value);
  }
  removeAttribute(name: string): void {
    this.attributes.delete(name);
  }
  addEventListener(type: string, listener: (event: unknown) => void): void {
    this.listeners.set(type, listener);
  }
  querySelector(selector: string): FakeElement | null {
    return this.selectors.get(selector) ?? null;
  }
  closest(selector: string): FakeElement | null {
    return this.ancestors.get(selector) ?? null;
  }
  appendChild(child: FakeElement): FakeElement {
    this.children.push(child);
    return child;
  }
  append(...children: FakeElement[]): void {
    this.children.push(...children);
  }
  replaceChildren(...children: FakeElement[]): void {
    this.ownText = '';
    this.children = children;
  }
}
