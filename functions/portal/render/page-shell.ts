import { htmlEscape } from 'escape-goat';

export interface PageShellOptions {
  /** Plain text; escaped here. */
  readonly title: string;
  /** Where upload.css and upload.js are served, no trailing slash. */
  readonly assetsPath: string;
  /** Only the upload page needs the script; the denied page has nothing to run. */
  readonly withScript: boolean;
  /** The body's markup, already escaped by its renderer. */
  readonly body: string;
}

/**
 * The document around a portal page. The CSP allows no inline script or style, so the stylesheet and script are
 * files from assetsPath; the referrer meta repeats the Referrer-Policy header for any copy saved without headers,
 * and the empty data: icon spares a favicon request the portal would only answer with a 404.
 */
export function renderPageShell(options: PageShellOptions): string {
  const script = options.withScript
    ? htmlEscape`<script src="${options.assetsPath}/upload.js" defer></script>\n`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex, nofollow">
<link rel="icon" href="data:,">
${htmlEscape`<title>${options.title}</title>`}
${htmlEscape`<link rel="stylesheet" href="${options.assetsPath}/upload.css">`}
${script}</head>
<body>
${options.body}
</body>
</html>
`;
}
