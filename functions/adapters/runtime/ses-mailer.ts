import { type SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { Mailer, OutgoingEmail } from './mailer.js';

/** SES v2 tag values allow letters, digits, _ - . @ only. */
const tagValue = (value: string) => value.replace(/[^A-Za-z0-9_.@-]/g, '-').slice(0, 256);

export class SesMailer implements Mailer {
  constructor(
    private readonly client: SESv2Client,
    private readonly fromAddress: string,
    private readonly configurationSetName?: string,
  ) {}

  async send(email: OutgoingEmail): Promise<{ messageId: string }> {
    const output = await this.client.send(
      new SendEmailCommand({
        FromEmailAddress: this.fromAddress,
        Destination: { ToAddresses: [...email.to] },
        ConfigurationSetName: this.configurationSetName,
        EmailTags: Object.entries(email.tags).map(([Name, Value]) => ({ Name, Value: tagValue(Value) })),
        Content: {
          Simple: {
            Subject: { Data: email.subject, Charset: 'UTF-8' },
            Body: {
              Text: { Data: email.text, Charset: 'UTF-8' },
              ...(email.html ? { Html: { Data: email.html, Charset: 'UTF-8' } } : {}),
            },
          },
        },
      }),
    );
    if (!output.MessageId) throw new Error('SES accepted the message but returned no message id');
    return { messageId: output.MessageId };
  }
}
