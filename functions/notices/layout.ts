/*
 * Building blocks of the templates' Handlebars source. They produce template text, not rendered mail: the
 * values stay placeholders. HTML blocks use double-stash placeholders only (escaped); text blocks use
 * triple-stash (plain text wants no HTML entities). The HTML is a single-column table layout with inline
 * styles, the form mail clients render most alike; no images, no scripts, no external resources.
 */

const FONT = 'font-family:Arial,Helvetica,sans-serif;';
const TEXT_COLOUR = 'color:#1f2937;';
const PARAGRAPH = `margin:0 0 16px;${FONT}font-size:16px;line-height:24px;${TEXT_COLOUR}`;

export interface HtmlDocument {
  /** The document title and the visible heading (Handlebars source). */
  readonly heading: string;
  /** One line shown by mail clients beside the subject, hidden in the body. */
  readonly preview: string;
  readonly body: readonly string[];
  readonly footer: string;
}

export function htmlDocument(parts: HtmlDocument): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${parts.heading}</title>
</head>
<body style="margin:0;padding:0;background-color:#f3f4f6;">
<div style="display:none;max-height:0;overflow:hidden;">${parts.preview}</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:#f3f4f6;">
<tr>
<td align="center" style="padding:24px 12px;">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:600px;background-color:#ffffff;border:1px solid #d1d5db;">
<tr>
<td style="padding:14px 24px;background-color:#1e3a5f;${FONT}font-size:14px;line-height:20px;color:#ffffff;">CLETS compliance audits</td>
</tr>
<tr>
<td style="padding:24px;">
<h1 style="margin:0 0 16px;${FONT}font-size:22px;line-height:28px;${TEXT_COLOUR}">${parts.heading}</h1>
${parts.body.join('\n')}
</td>
</tr>
<tr>
<td style="padding:16px 24px;border-top:1px solid #e5e7eb;${FONT}font-size:13px;line-height:20px;color:#4b5563;">${parts.footer}</td>
</tr>
</table>
</td>
</tr>
</table>
</body>
</html>
`;
}

export const htmlParagraph = (content: string) => `<p style="${PARAGRAPH}">${content}</p>`;

export const htmlHeading = (content: string) =>
  `<h2 style="margin:24px 0 8px;${FONT}font-size:18px;line-height:24px;${TEXT_COLOUR}">${content}</h2>`;

/** A two-column table of labelled facts; a data table (row headers), not a layout table. */
export function htmlFacts(rows: readonly (readonly [label: string, value: string])[]): string {
  const cell = `padding:6px 0;border-bottom:1px solid #e5e7eb;${FONT}font-size:15px;line-height:22px;${TEXT_COLOUR}`;
  const body = rows
    .map(
      ([label, value]) =>
        `<tr><th scope="row" align="left" valign="top" style="${cell}width:34%;padding-right:12px;font-weight:bold;">${label}</th><td style="${cell}">${value}</td></tr>`,
    )
    .join('\n');
  return `<table cellpadding="0" cellspacing="0" border="0" style="width:100%;margin:0 0 16px;border-collapse:collapse;">\n${body}\n</table>`;
}

/** A bulleted list of `{{#each list}}` items, or a sentence when the list is empty. */
export function htmlList(list: string, item: string, whenEmpty: string): string {
  return `{{#if ${list}}}
<ul style="margin:0 0 16px;padding-left:24px;${FONT}font-size:16px;line-height:24px;${TEXT_COLOUR}">
{{#each ${list}}}
<li style="margin:0 0 4px;">${item}</li>
{{/each}}
</ul>
{{else}}
${htmlParagraph(whenEmpty)}
{{/if}}`;
}

/** A table with a header row and one row per `{{#each list}}` item, or a sentence when the list is empty. */
export function htmlTable(
  list: string,
  columns: readonly (readonly [header: string, value: string])[],
  whenEmpty: string,
): string {
  const cell = `padding:6px 8px;border:1px solid #d1d5db;${FONT}font-size:14px;line-height:20px;${TEXT_COLOUR}`;
  const head = columns
    .map(([header]) => `<th scope="col" align="left" style="${cell}background-color:#f3f4f6;">${header}</th>`)
    .join('');
  const row = columns.map(([, value]) => `<td valign="top" style="${cell}">${value}</td>`).join('');
  return `{{#if ${list}}}
<table cellpadding="0" cellspacing="0" border="0" style="width:100%;margin:0 0 16px;border-collapse:collapse;">
<tr>${head}</tr>
{{#each ${list}}}
<tr>${row}</tr>
{{/each}}
</table>
{{else}}
${htmlParagraph(whenEmpty)}
{{/if}}`;
}

/** The upload button, the address spelled out (for clients that hide buttons), and the link's terms. */
export const htmlUploadLink = (
  action: string,
) => `<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:8px 0 16px;">
<tr>
<td style="background-color:#1d4ed8;border-radius:4px;">
<a href="{{link.url}}" style="display:inline-block;padding:12px 20px;${FONT}font-size:16px;line-height:20px;font-weight:bold;color:#ffffff;text-decoration:none;">${action}</a>
</td>
</tr>
</table>
${htmlParagraph('If the button does not work, copy this address into your browser:<br><span style="word-break:break-all;">{{link.url}}</span>')}
${htmlParagraph('The link is for your agency only: do not forward it. It works until {{link.expiresOn}}.')}`;

/** Whom an agency contact asks: the administrators' addresses. */
export const htmlContactEmails = () => `${htmlHeading('Whom to contact')}
{{#if contactEmails}}
${htmlParagraph('Questions about this audit go to the CLETS audit administrators:')}
<ul style="margin:0 0 16px;padding-left:24px;${FONT}font-size:16px;line-height:24px;${TEXT_COLOUR}">
{{#each contactEmails}}
<li><a href="mailto:{{this}}" style="color:#1d4ed8;">{{this}}</a></li>
{{/each}}
</ul>
{{else}}
${htmlParagraph('Questions about this audit: reply to the CLETS audit administrator who enrolled your agency.')}
{{/if}}`;

/** Whom an administrator calls: the agency's contacts. */
export const htmlAgencyContacts = () => `${htmlHeading('Agency contacts')}
${htmlTable(
  'agencyContacts',
  [
    ['Role', '{{role}}'],
    ['Name', '{{name}}'],
    ['Email', '<a href="mailto:{{email}}" style="color:#1d4ed8;">{{email}}</a>'],
  ],
  'The agency has no contacts on record.',
)}`;

/** The facts every audit message starts with. */
export const htmlAuditFacts = (extra: readonly (readonly [string, string])[] = []) =>
  htmlFacts([
    ['Agency', '{{agencyName}} (ORI {{ori}})'],
    ['Program', '{{programTitle}} ({{programId}})'],
    ['Period', '{{periodKey}}'],
    ['Due date', '{{dueDate}} ({{timeZone}})'],
    ...extra,
  ]);

export const AGENCY_FOOTER =
  'Sent by the CLETS compliance audit service. The upload link in this message works only for your agency: do not forward it.';
/** For agency messages that carry no link (receipts, refused uploads). */
export const AGENCY_RECORD_FOOTER =
  'Sent by the CLETS compliance audit service to the contacts your agency registered for its audits.';
export const ADMINISTRATOR_FOOTER = 'Sent by the CLETS compliance audit service to its administrators.';

/** A date or short code kept on one line in a narrow table cell. */
export const noWrap = (value: string) => `<span style="white-space:nowrap;">${value}</span>`;

/* Plain text. */

/** Sections separated by a blank line. */
export const textDocument = (sections: readonly string[]) => `${sections.join('\n\n')}\n`;

export const textFacts = (rows: readonly (readonly [label: string, value: string])[]) =>
  rows.map(([label, value]) => `${label}: ${value}`).join('\n');

export const textAuditFacts = (extra: readonly (readonly [string, string])[] = []) =>
  textFacts([
    ['Agency', '{{{agencyName}}} (ORI {{{ori}}})'],
    ['Program', '{{{programTitle}}} ({{{programId}}})'],
    ['Period', '{{{periodKey}}}'],
    ['Due date', '{{{dueDate}}} ({{{timeZone}}})'],
    ...extra,
  ]);

/** One `- item` line per `{{#each list}}` item, or one line saying the list is empty. */
export const textList = (list: string, item: string, whenEmpty: string) => `{{#if ${list}}}
{{#each ${list}}}
- ${item}
{{/each}}
{{else}}
- ${whenEmpty}
{{/if}}`;

export const textUploadLink = (action: string) => `${action}:
{{{link.url}}}
The link is for your agency only: do not forward it. It works until {{{link.expiresOn}}}.`;

export const textContactEmails = () => `Whom to contact:
{{#if contactEmails}}
{{#each contactEmails}}
- {{{this}}}
{{/each}}
{{else}}
- Reply to the CLETS audit administrator who enrolled your agency.
{{/if}}`;

export const textAgencyContacts = () => `Agency contacts:
${textList('agencyContacts', '{{{role}}}: {{{name}}} <{{{email}}}>', 'none on record')}`;
