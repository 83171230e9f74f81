import { type SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { sesTemplateName } from '../../notices/notice-template.js';
import { parseNoticeTemplateData } from '../../notices/render-notice.js';
import type { Mailer, OutgoingEmail } from './mailer.js';

/** SES v2 tag values allow letters, digits, _ - . @ only. */
const tagValue = (value: string) => value.replace(/[^A-Za-z0-9_.@-]/g, '-').slice(0, 256);

export interface SesMailerOptions {
  readonly fromAddress: string;
  /** Names the deployed templates: `clets-audit-<stage>-<template>`. */
  readonly stage: string;
  /** Routes delivery events (send, delivery, bounce, complaint, …) to EventBridge. */
  readonly configurationSetName?: string;
}

/**
 * Sends a notice as an SES v2 templated email: SES renders the stage's deployed template with the data.
 * The data is checked against the template's schema first, because SES reports missing or malformed data
 * only later, as a Rendering Failure event, and does not send the message.
 */
export class SesMailer implements Mailer {
  constructor(
    private readonly client: SESv2Client,
    private readonly options: SesMailerOptions,
  ) {}

  async send(email: OutgoingEmail): Promise<{ messageId: string }> {
    const data = parseNoticeTemplateData(email.template, email.data);
    const output = await this.client.send(
      new SendEmailCommand({
        FromEmailAddress: this.options.fromAddress,
        Destination: { ToAddresses: [...email.to] },
        ConfigurationSetName: this.options.configurationSetName,
        EmailTags: Object.entries(email.tags).map(([Name, Value]) => ({ Name, Value: tagValue(Value) })),
        Content: {
          Template: {
            TemplateName: sesTemplateName(this.options.stage, email.template),
            TemplateData: JSON.stringify(data),
          },
        },
      }),
    );
    if (!output.MessageId) throw new Error('SES accepted the message but returned no message id');
    return { messageId: output.MessageId };
  }
}
