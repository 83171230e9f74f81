import { htmlEscape } from 'escape-goat';
import { mailtoHref } from './html.js';

function contactList(emails: readonly string[]): string {
  if (emails.length === 0) {
    return '<p>Reply to the email that brought you this link.</p>';
  }
  const items = emails.map((email) => `<li><a href="${mailtoHref(email)}">${htmlEscape(email)}</a></li>`);
  return `<ul class="contacts">\n${items.join('\n')}\n</ul>`;
}

/** "Whom to contact": the state's audit administrators, and only them, on every portal page. */
export function renderContactSection(emails: readonly string[], lead: string): string {
  return `<section class="panel" aria-labelledby="contact-heading">
<h2 id="contact-heading">Whom to contact</h2>
<p>${htmlEscape(lead)}</p>
${contactList(emails)}
</section>`;
}

/** The addresses as a sentence, for text that has to name them inline (e.g. inside <noscript>). */
export function contactSentence(emails: readonly string[]): string {
  if (emails.length === 0) return 'the audit administrators who sent you this link';
  return emails.map((email) => `<a href="${mailtoHref(email)}">${htmlEscape(email)}</a>`).join(' or ');
}
