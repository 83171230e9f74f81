import type { NoticeTemplateData, NoticeTemplateName } from '../../notices/notice-templates.js';

/**
 * Outgoing email: a template by name and the data to render it with (functions/notices). In AWS it is an SES
 * v2 templated send, rendered by SES from the deployed template; in the sandbox, the outbox renders the same
 * template into an .eml file. Message content never goes to logs: it names agencies, people and links.
 */
export type OutgoingEmail = {
  [N in NoticeTemplateName]: {
    readonly to: readonly string[];
    readonly template: N;
    readonly data: NoticeTemplateData<N>;
    /** Correlates delivery events (SES message tags / the outbox index) with the notice record. */
    readonly tags: Readonly<Record<string, string>>;
  };
}[NoticeTemplateName];

export interface Mailer {
  /** Sends one message to every address in `to`; answers the message id delivery events will carry. */
  send(email: OutgoingEmail): Promise<{ messageId: string }>;
}
