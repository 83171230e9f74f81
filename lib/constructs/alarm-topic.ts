import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

export interface AlarmTopicProps {
  readonly encryptionKey: IKey;
  /** Administrators who receive operational alarms (failed workflows, dead-lettered events). */
  readonly subscriberEmails: readonly string[];
}

/** The encrypted SNS topic every operational alarm publishes to; administrators subscribe by email. */
export class AlarmTopic extends Construct {
  readonly topic: Topic;

  constructor(scope: Construct, id: string, props: AlarmTopicProps) {
    super(scope, id);
    this.topic = new Topic(this, 'Topic', {
      displayName: 'CLETS audit operational alarms',
      masterKey: props.encryptionKey,
      enforceSSL: true,
    });
    // CloudWatch alarms publish as the service itself, so it must be able to use the topic's key.
    props.encryptionKey.grant(
      new ServicePrincipal('cloudwatch.amazonaws.com'),
      'kms:Decrypt',
      'kms:GenerateDataKey*',
    );
    for (const email of props.subscriberEmails) {
      this.topic.addSubscription(new EmailSubscription(email));
    }
  }
}
