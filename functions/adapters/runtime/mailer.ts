/**
 * Outgoing email. In AWS it is SES v2; in the sandbox, the outbox writes each message as an .eml file.
 * Message content never goes to logs: it names agencies, people and links.
 */
export interface OutgoingEmail {
  readonly to: readonly string[];
  readonly subject: string;
  readonly text: string;
  readonly html?: string;
  /** Correlates delivery events (SES message tags / the outbox index) with the notice record. */
  readonly tags: Readonly<Record<string, string>>;
}

export interface Mailer {
  send(email: OutgoingEmail): Promise<{ messageId: string }>;
}
