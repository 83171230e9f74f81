import Handlebars from 'handlebars';
import type * as z from 'zod';
import { parseOrThrow } from '../domain/schemas/format-issues.js';
import { type NoticeTemplateData, type NoticeTemplateName, noticeTemplates } from './notice-templates.js';

/*
 * Renders a template as SES does: Handlebars with its built-in helpers only, `{{x}}` HTML-escaped and
 * `{{{x}}}` not. Strict mode makes a field the data lacks an error, as SES makes it a Rendering Failure.
 */

export interface RenderedNotice {
  readonly subject: string;
  readonly html: string;
  readonly text: string;
}

type Compiled = { [Part in keyof RenderedNotice]: Handlebars.TemplateDelegate };

// An isolated instance: nothing registered elsewhere (helpers, partials) can change what templates do.
const handlebars = Handlebars.create();
const COMPILE_OPTIONS: CompileOptions = { strict: true, knownHelpersOnly: true };
const compiled = new Map<NoticeTemplateName, Compiled>();

function compiledTemplate(name: NoticeTemplateName): Compiled {
  let parts = compiled.get(name);
  if (!parts) {
    const template = noticeTemplates[name];
    parts = {
      subject: handlebars.compile(template.subject, COMPILE_OPTIONS),
      html: handlebars.compile(template.html, COMPILE_OPTIONS),
      text: handlebars.compile(template.text, COMPILE_OPTIONS),
    };
    compiled.set(name, parts);
  }
  return parts;
}

type CompileOptions = Parameters<typeof Handlebars.compile>[1];

/** Checks data against the template's schema; throws DomainValidationError naming each bad field. */
export function parseNoticeTemplateData<N extends NoticeTemplateName>(
  name: N,
  data: unknown,
): NoticeTemplateData<N> {
  const schema: z.ZodObject = noticeTemplates[name].schema;
  return parseOrThrow(schema, data, `the data of the '${name}' email template`) as NoticeTemplateData<N>;
}

/** Subject, HTML and text of a notice, after checking the data against the template's schema. */
export function renderNoticeTemplate<N extends NoticeTemplateName>(name: N, data: unknown): RenderedNotice {
  const parsed = parseNoticeTemplateData(name, data);
  const parts = compiledTemplate(name);
  return { subject: parts.subject(parsed), html: parts.html(parsed), text: parts.text(parsed) };
}

/**
 * The subject alone, from data that may still lack its upload link (a notice is recorded, with its subject,
 * before the link is issued). Subjects never name the link.
 */
export function renderNoticeSubject<N extends NoticeTemplateName>(name: N, data: unknown): string {
  const schema: z.ZodObject = noticeTemplates[name].schema;
  const withoutLink = 'link' in schema.shape ? schema.omit({ link: true }) : schema;
  const parsed = parseOrThrow(withoutLink, data, `the data of the '${name}' email template`);
  return compiledTemplate(name).subject(parsed);
}
