import { Stack } from 'aws-cdk-lib';
import {
  CfnConfigurationSet,
  CfnConfigurationSetEventDestination,
  CfnTemplate,
  EmailSendingEvent,
} from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import { sesTemplateName } from '../../functions/notices/notice-template.js';
import { NOTICE_TEMPLATE_NAMES, noticeTemplates } from '../../functions/notices/notice-templates.js';

export interface NoticeTemplatesProps {
  readonly stage: string;
}

/** What a function needs, besides the sender identity, to send the notices: see HouseFunction.useMail. */
export interface NoticeSending {
  readonly configurationSetName: string;
  readonly configurationSetArn: string;
  readonly templateArns: readonly string[];
}

/** The SES events the notices' proof of delivery is built from (the delivery-event trigger consumes them). */
export const NOTICE_EMAIL_EVENTS = [
  EmailSendingEvent.SEND,
  EmailSendingEvent.DELIVERY,
  EmailSendingEvent.BOUNCE,
  EmailSendingEvent.COMPLAINT,
  EmailSendingEvent.REJECT,
  EmailSendingEvent.DELIVERY_DELAY,
  // A templated send whose data does not fit the template is accepted, then dropped with this event only.
  EmailSendingEvent.RENDERING_FAILURE,
] as const;

const pascalCase = (name: string) =>
  name
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');

/**
 * The notices' email templates, deployed as SES templates (usable by SES v2 SendEmail) from the same
 * definitions the sandbox renders (functions/notices), and the configuration set every notice is sent with:
 * TLS required to the receiving server, reputation metrics on, and every sending event published to the
 * account's default EventBridge bus, where the delivery-event trigger picks them up.
 */
export class NoticeTemplates extends Construct implements NoticeSending {
  readonly configurationSetName: string;
  readonly configurationSetArn: string;
  readonly templateArns: readonly string[];
  /** By template name: `clets-audit-<stage>-<name>`. */
  readonly templateNames: Readonly<Record<string, string>>;

  constructor(scope: Construct, id: string, props: NoticeTemplatesProps) {
    super(scope, id);
    const stack = Stack.of(this);

    const names: Record<string, string> = {};
    for (const name of NOTICE_TEMPLATE_NAMES) {
      const definition = noticeTemplates[name];
      const templateName = sesTemplateName(props.stage, name);
      new CfnTemplate(this, pascalCase(name), {
        template: {
          templateName,
          subjectPart: definition.subject,
          htmlPart: definition.html,
          textPart: definition.text,
        },
      });
      names[name] = templateName;
    }
    this.templateNames = names;
    this.templateArns = Object.values(names).map((resourceName) =>
      stack.formatArn({ service: 'ses', resource: 'template', resourceName }),
    );

    // Named, so functions are told (and granted) it by a plain string, without a dependency on the resource.
    this.configurationSetName = `clets-audit-${props.stage}-notices`;
    const configurationSet = new CfnConfigurationSet(this, 'ConfigurationSet', {
      name: this.configurationSetName,
      // Notices carry upload links, which are credentials: never hand them to a server over plain text.
      deliveryOptions: { tlsPolicy: 'REQUIRE' },
      reputationOptions: { reputationMetricsEnabled: true },
      sendingOptions: { sendingEnabled: true },
    });
    this.configurationSetArn = stack.formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: this.configurationSetName,
    });

    const destination = new CfnConfigurationSetEventDestination(this, 'EventBridgeDestination', {
      configurationSetName: this.configurationSetName,
      eventDestination: {
        name: 'notice-events-to-eventbridge',
        enabled: true,
        matchingEventTypes: [...NOTICE_EMAIL_EVENTS],
        // SES publishes to the default bus only.
        eventBridgeDestination: {
          eventBusArn: stack.formatArn({ service: 'events', resource: 'event-bus', resourceName: 'default' }),
        },
      },
    });
    // The name is a plain string (no reference), so the order is stated.
    destination.node.addDependency(configurationSet);
  }
}
