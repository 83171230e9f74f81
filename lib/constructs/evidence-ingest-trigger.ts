import { Duration } from 'aws-cdk-lib';
import { Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { EVIDENCE_KEY_PREFIX } from '../../functions/adapters/s3/evidence-keys.js';
import type { HouseFunction } from './house-function.js';

export interface EvidenceIngestTriggerProps {
  readonly bucket: IBucket;
  readonly ingest: HouseFunction;
}

/**
 * Every object created under evidence/ in the evidence bucket reaches the ingest function through
 * EventBridge (the bucket sends its events there). Delivery is retried for two hours, then the event goes
 * to the function's dead-letter queue, so no upload is silently left unverified.
 */
export class EvidenceIngestTrigger extends Construct {
  readonly rule: Rule;

  constructor(scope: Construct, id: string, props: EvidenceIngestTriggerProps) {
    super(scope, id);
    this.rule = new Rule(this, 'ObjectCreated', {
      description: 'Evidence uploads to the ingest function',
      eventPattern: {
        source: ['aws.s3'],
        detailType: ['Object Created'],
        detail: {
          bucket: { name: [props.bucket.bucketName] },
          object: { key: [{ prefix: EVIDENCE_KEY_PREFIX }] },
        },
      },
      targets: [
        new LambdaFunction(props.ingest, {
          retryAttempts: 8,
          maxEventAge: Duration.hours(2),
          deadLetterQueue: props.ingest.deadLetterQueueOrUndefined,
        }),
      ],
    });
  }
}
