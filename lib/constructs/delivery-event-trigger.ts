import { Duration } from 'aws-cdk-lib';
import { Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Construct } from 'constructs';
import { SES_RECORDED_DETAIL_TYPES } from '../../functions/shared/ses-email-event-types.js';
import type { HouseFunction } from './house-function.js';

export interface DeliveryEventTriggerProps {
  readonly recorder: HouseFunction;
  /**
   * The configuration set whose event destination publishes to the default bus. When given, only its events
   * match: SES reports on every message sent with the identity, also those other senders send.
   */
  readonly configurationSetName?: string;
}

/**
 * SES email events (sent, delivered, bounced, complaint, rejected, delayed, rendering failed) from the
 * notices' configuration set reach the function that records them on their notices. SES publishes them to
 * the default event bus; delivery to the function is retried for two hours, then the event goes to the
 * function's dead-letter queue, so no bounce is silently lost.
 */
export class DeliveryEventTrigger extends Construct {
  readonly rule: Rule;

  constructor(scope: Construct, id: string, props: DeliveryEventTriggerProps) {
    super(scope, id);
    this.rule = new Rule(this, 'SesEmailEvents', {
      description: 'SES email events of the notices to the proof-of-notice function',
      eventPattern: {
        source: ['aws.ses'],
        detailType: [...SES_RECORDED_DETAIL_TYPES],
        ...(props.configurationSetName
          ? { detail: { mail: { tags: { 'ses:configuration-set': [props.configurationSetName] } } } }
          : {}),
      },
      targets: [
        new LambdaFunction(props.recorder, {
          retryAttempts: 8,
          maxEventAge: Duration.hours(2),
          deadLetterQueue: props.recorder.deadLetterQueueOrUndefined,
        }),
      ],
    });
  }
}
