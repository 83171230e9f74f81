import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { SesMailer } from '../../../functions/adapters/runtime/ses-mailer.js';
import { noticeFixtures } from '../../support/notice-fixtures.js';

const client = new SESv2Client({ region: 'us-west-2' });
const ses = mockClient(client);
const mailer = new SesMailer(client, {
  fromAddress: 'audit-notices@example.gov',
  stage: 'prod',
  configurationSetName: 'clets-audit-prod-notices',
});

afterEach(() => {
  ses.reset();
});

describe('Class: SesMailer', () => {
  it('sends the stage’s SES template with the data as JSON, the configuration set and the tags', async () => {
    // Prepare
    ses.on(SendEmailCommand).resolves({ MessageId: '0100018f-ses-message-id' });

    // Act
    const { messageId } = await mailer.send({
      to: ['tac@fresnopd.example.gov', 'alternate@fresnopd.example.gov'],
      template: 'reminder',
      data: noticeFixtures.reminder,
      tags: {
        auditId: 'aud_CA0190000_account-review_2026',
        notificationId: 'ntf_aud_CA0190000_account-review_2026_reminder-7d',
        stepKey: 'reminder-7d',
        template: 'reminder',
      },
    });

    // Assess
    expect(messageId).toBe('0100018f-ses-message-id');
    const calls = ses.commandCalls(SendEmailCommand);
    expect(calls).toHaveLength(1);
    const input = calls[0]?.args[0].input;
    expect(input).toEqual({
      FromEmailAddress: 'audit-notices@example.gov',
      Destination: { ToAddresses: ['tac@fresnopd.example.gov', 'alternate@fresnopd.example.gov'] },
      ConfigurationSetName: 'clets-audit-prod-notices',
      EmailTags: [
        { Name: 'auditId', Value: 'aud_CA0190000_account-review_2026' },
        { Name: 'notificationId', Value: 'ntf_aud_CA0190000_account-review_2026_reminder-7d' },
        { Name: 'stepKey', Value: 'reminder-7d' },
        { Name: 'template', Value: 'reminder' },
      ],
      Content: {
        Template: { TemplateName: 'clets-audit-prod-reminder', TemplateData: expect.any(String) },
      },
    });
    expect(JSON.parse(input?.Content?.Template?.TemplateData ?? '')).toEqual(noticeFixtures.reminder);
  });

  it('makes tag values safe for SES (letters, digits, _ - . @ only)', async () => {
    // Prepare
    ses.on(SendEmailCommand).resolves({ MessageId: 'm-1' });

    // Act
    await mailer.send({
      to: ['tac@fresnopd.example.gov'],
      template: 'due-today',
      data: noticeFixtures['due-today'],
      tags: { stepKey: 'due today/#1' },
    });

    // Assess
    expect(ses.commandCalls(SendEmailCommand)[0]?.args[0].input.EmailTags).toEqual([
      { Name: 'stepKey', Value: 'due-today--1' },
    ]);
  });

  it('refuses data that does not fit the template before calling SES (SES would only fail to render later)', async () => {
    // Act
    const sending = mailer.send({
      to: ['tac@fresnopd.example.gov'],
      template: 'audit-opened',
      data: { ...noticeFixtures['audit-opened'], requests: [{ description: '' }] },
      tags: {},
    });

    // Assess
    await expect(sending).rejects.toThrow(/requests\[0\]\.description/);
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(0);
  });

  it('fails when SES answers without a message id, so the notice is not marked sent', async () => {
    // Prepare
    ses.on(SendEmailCommand).resolves({});

    // Act / Assess
    await expect(
      mailer.send({
        to: ['tac@fresnopd.example.gov'],
        template: 'due-today',
        data: noticeFixtures['due-today'],
        tags: {},
      }),
    ).rejects.toThrow(/no message id/);
  });
});
