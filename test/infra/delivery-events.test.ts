import { Match, type Template } from 'aws-cdk-lib/assertions';
import { EmailSendingEvent } from 'aws-cdk-lib/aws-ses';
import { beforeAll, describe, expect, it } from 'vitest';
import { SES_RECORDED_DETAIL_TYPES } from '../../functions/shared/ses-email-event-types.js';
import type { CletsAuditStack } from '../../lib/clets-audit-stack.js';
import { NOTICE_EMAIL_EVENTS } from '../../lib/constructs/notice-templates.js';
import { synthesizeStack } from '../support/synthesize.js';

let stack: CletsAuditStack;
let template: Template;
beforeAll(() => {
  ({ stack, template } = synthesizeStack());
});

const logicalIdOf = (construct: { node: { defaultChild?: unknown } }) =>
  stack.getLogicalId(construct.node.defaultChild as never);

describe('Construct: DeliveryEventTrigger', () => {
  it("sends the notices' configuration-set events from the default bus to RecordDeliveryEvent, with retries and a DLQ", () => {
    const recorder = stack.functions.RecordDeliveryEvent;
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.ses'],
        'detail-type': [...SES_RECORDED_DETAIL_TYPES],
        // Only this stage's notices: SES reports every message sent with the identity.
        detail: { mail: { tags: { 'ses:configuration-set': [stack.noticeTemplates.configurationSetName] } } },
      },
      // The default bus: SES publishes configuration-set events only there.
      EventBusName: Match.absent(),
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::GetAtt': [logicalIdOf(recorder), 'Arn'] },
          RetryPolicy: { MaximumRetryAttempts: 8, MaximumEventAgeInSeconds: 7200 },
          DeadLetterConfig: { Arn: Match.anyValue() },
        }),
      ],
    });
  });

  it('records every event type the configuration set publishes, and no other', () => {
    const detailTypeOf: Record<string, string> = {
      [EmailSendingEvent.SEND]: 'Email Sent',
      [EmailSendingEvent.DELIVERY]: 'Email Delivered',
      [EmailSendingEvent.BOUNCE]: 'Email Bounced',
      [EmailSendingEvent.COMPLAINT]: 'Email Complaint Received',
      [EmailSendingEvent.REJECT]: 'Email Rejected',
      [EmailSendingEvent.DELIVERY_DELAY]: 'Email Delivery Delayed',
      [EmailSendingEvent.RENDERING_FAILURE]: 'Email Rendering Failed',
    };
    expect([...NOTICE_EMAIL_EVENTS].map((event) => detailTypeOf[event]).sort()).toEqual(
      [...SES_RECORDED_DETAIL_TYPES].sort(),
    );
  });

  it('lets EventBridge invoke the recorder and nothing else', () => {
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'events.amazonaws.com',
      FunctionName: { 'Fn::GetAtt': [logicalIdOf(stack.functions.RecordDeliveryEvent), 'Arn'] },
    });
  });
});

describe('Function: RecordDeliveryEvent', () => {
  it('is asynchronous with an encrypted dead-letter queue, reads and writes the table, and may email (bounce alerts)', () => {
    const recorder = stack.functions.RecordDeliveryEvent;
    const resource = template.findResources('AWS::Lambda::Function')[logicalIdOf(recorder)];
    expect(resource?.Properties).toMatchObject({
      DeadLetterConfig: { TargetArn: expect.anything() },
      Environment: {
        Variables: expect.objectContaining({
          TABLE_NAME: expect.anything(),
          SENDER_ADDRESS: 'audit-notices@example.gov',
          ADMIN_EMAILS: 'cjis-admin@example.gov',
        }),
      },
    });
    expect(recorder.deadLetterQueueOrUndefined).toBeDefined();
    const role = logicalIdOf(recorder.role as never);
    const statements = Object.values(template.findResources('AWS::IAM::Policy'))
      .filter((policy) => JSON.stringify(policy.Properties.Roles).includes(`"${role}"`))
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement as { Action: string | string[] }[]);
    const actions = statements.flatMap((statement) => [statement.Action].flat());
    expect(actions).toEqual(
      expect.arrayContaining(['ses:SendEmail', 'dynamodb:UpdateItem', 'dynamodb:GetItem']),
    );
    expect(actions.some((action) => action.startsWith('s3:') || action.startsWith('states:'))).toBe(false);
  });
});
