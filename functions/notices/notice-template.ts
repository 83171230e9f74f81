import type * as z from 'zod';

/** Who reads a template: agency contacts get an upload link and the administrators' addresses. */
export type NoticeAudience = 'agency' | 'administrators';

/**
 * One email template: a subject, an HTML part and a text part in Handlebars, as SES v2 templates take them,
 * and the zod schema of the data they are rendered with. The same definition is deployed as an SES template
 * (lib/constructs/notice-templates.ts) and rendered by the sandbox outbox (render-notice.ts).
 *
 * Conventions, checked by test/unit/notices: the subject and the text part use triple-stash `{{{x}}}` (no HTML
 * entities in plain text); the HTML part uses double-stash `{{x}}` only, so every value is escaped; every
 * placeholder is a required field of the schema, because SES refuses to render (a Rendering Failure event,
 * the message is not sent) when the data lacks a field the template names; only the built-in helpers `if`
 * and `each` are used.
 */
export interface NoticeTemplate<Name extends string = string, Schema extends z.ZodObject = z.ZodObject> {
  readonly name: Name;
  readonly description: string;
  readonly audience: NoticeAudience;
  readonly schema: Schema;
  readonly subject: string;
  readonly html: string;
  readonly text: string;
}

export function defineNoticeTemplate<const Name extends string, Schema extends z.ZodObject>(
  template: NoticeTemplate<Name, Schema>,
): NoticeTemplate<Name, Schema> {
  return template;
}

/**
 * The SES template's name in a stage: `clets-audit-<stage>-<name>`. The CDK construct creates it under this
 * name and the SES mailer sends with it, so the two cannot disagree.
 */
export function sesTemplateName(stage: string, name: string): string {
  return `clets-audit-${stage}-${name}`;
}
