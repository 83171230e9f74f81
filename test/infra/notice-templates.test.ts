import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { sesTemplateName } from '../../functions/notices/notice-template.js';
import { NOTICE_TEMPLATE_NAMES, noticeTemplates } from '../../functions/notices/notice-templates.js';
import type { CletsAuditStack } from '../../lib/clets-audit-stack.js';
import { type FunctionName, functionCatalog } from '../../lib/function-catalog.js';
import { synthesizeStack } from '../support/synthesize.js';

let stack: CletsAuditStack;
let template: Template;
beforeAll(() => {
  ({ stack, template } = synthesizeStack());
});

const CONFIGURATION_SET = 'clets-audit-dev-notices';

interface Statement {
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
}

const sesStatements = (name: FunctionName): Statement[] => {
  const role = stack.getLogicalId(stack.functions[name].role?.node.defaultChild as never);
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((policy) => JSON.stringify(policy.Properties.Roles).includes(`"${role}"`))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[])
    .filter((statement) => [statement.Action].flat().some((action) => action.startsWith('ses:')));
};

const environmentOf = (name: FunctionName): Record<string, unknown> => {
  const logicalId = stack.getLogicalId(stack.functions[name].node.defaultChild as never);
  return template.findResources('AWS::Lambda::Function')[logicalId]?.Properties.Environment.Variables;
};

/** `arn:<partition>:ses:<region>:<account>:<resource>`, as the template joins it. */
const sesArn = (resource: string) => ({
  'Fn::Join': [
    '',
    [
      'arn:',
      { Ref: 'AWS::Partition' },
      ':ses:',
      { Ref: 'AWS::Region' },
      ':',
      { Ref: 'AWS::AccountId' },
      `:${resource}`,
    ],
  ],
});

const emailFunctions = (Object.keys(functionCatalog) as FunctionName[]).filter(
  (name) => (functionCatalog[name].access as { email?: true }).email,
);

describe('Construct: NoticeTemplates', () => {
  it('deploys every email template as an SES template, with exactly the Handlebars parts the code renders', () => {
    const resources = Object.values(template.findResources('AWS::SES::Template'));
    expect(resources).toHaveLength(NOTICE_TEMPLATE_NAMES.length);
    for (const name of NOTICE_TEMPLATE_NAMES) {
      const definition = noticeTemplates[name];
      const deployed = resources.find(
        (resource) => resource.Properties.Template.TemplateName === sesTemplateName('dev', name),
      );
      expect(deployed?.Properties.Template, name).toEqual({
        TemplateName: `clets-audit-dev-${name}`,
        SubjectPart: definition.subject,
        HtmlPart: definition.html,
        TextPart: definition.text,
      });
    }
  });

  it('names the templates after the stage, so two stages in one account do not collide', () => {
    const { template: staging } = synthesizeStack({ stage: 'staging' });
    const names = Object.values(staging.findResources('AWS::SES::Template')).map(
      (resource) => resource.Properties.Template.TemplateName,
    );
    expect(names.sort()).toEqual(NOTICE_TEMPLATE_NAMES.map((name) => `clets-audit-staging-${name}`).sort());
  });

  it('creates the configuration set: TLS required, reputation metrics on', () => {
    template.hasResourceProperties('AWS::SES::ConfigurationSet', {
      Name: CONFIGURATION_SET,
      DeliveryOptions: { TlsPolicy: 'REQUIRE' },
      ReputationOptions: { ReputationMetricsEnabled: true },
      SendingOptions: { SendingEnabled: true },
    });
    expect(stack.noticeTemplates.configurationSetName).toBe(CONFIGURATION_SET);
  });

  it('publishes send, delivery, bounce, complaint, reject, delay and rendering-failure events to the default bus', () => {
    const destinations = Object.values(template.findResources('AWS::SES::ConfigurationSetEventDestination'));
    expect(destinations).toHaveLength(1);
    const { ConfigurationSetName, EventDestination } = destinations[0]?.Properties ?? {};
    expect(ConfigurationSetName).toBe(CONFIGURATION_SET);
    expect(EventDestination).toEqual({
      Name: 'notice-events-to-eventbridge',
      Enabled: true,
      MatchingEventTypes: [
        'send',
        'delivery',
        'bounce',
        'complaint',
        'reject',
        'deliveryDelay',
        'renderingFailure',
      ],
      EventBridgeDestination: {
        EventBusArn: {
          'Fn::Join': [
            '',
            [
              'arn:',
              { Ref: 'AWS::Partition' },
              ':events:',
              { Ref: 'AWS::Region' },
              ':',
              { Ref: 'AWS::AccountId' },
              ':event-bus/default',
            ],
          ],
        },
      },
    });
  });

  it('lets each function that emails send the templates, with the configuration set, as the sender address only', () => {
    expect(emailFunctions.length).toBeGreaterThanOrEqual(4);
    const resources = [
      sesArn('identity/audit-notices@example.gov'),
      sesArn(`configuration-set/${CONFIGURATION_SET}`),
      ...NOTICE_TEMPLATE_NAMES.map((template) => sesArn(`template/clets-audit-dev-${template}`)),
    ];
    for (const name of emailFunctions) {
      const statements = sesStatements(name);
      expect(statements, name).toEqual([
        {
          Effect: 'Allow',
          Action: 'ses:SendEmail',
          // CDK sorts a statement's resources; the set is what counts.
          Resource: expect.arrayContaining(resources),
          Condition: { StringEquals: { 'ses:FromAddress': 'audit-notices@example.gov' } },
        },
      ]);
      expect(statements[0]?.Resource, name).toHaveLength(resources.length);
      expect(environmentOf(name), name).toMatchObject({
        SENDER_ADDRESS: 'audit-notices@example.gov',
        SES_CONFIGURATION_SET: CONFIGURATION_SET,
      });
    }
    for (const name of (Object.keys(functionCatalog) as FunctionName[]).filter(
      (n) => !emailFunctions.includes(n),
    )) {
      expect(sesStatements(name), name).toEqual([]);
      expect(environmentOf(name)?.SES_CONFIGURATION_SET, name).toBeUndefined();
    }
  });
});
