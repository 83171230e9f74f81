import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SFNClient } from '@aws-sdk/client-sfn';
import * as z from 'zod/mini';
import { environmentNames } from '../../shared/environment-names.js';
import { parseEnvironment } from '../../shared/parse-environment.js';
import { dynamoDbDocumentClient } from '../clients/dynamodb.js';
import { createRepository, type Repository } from '../dynamodb/repository.js';
import { type Clock, systemClock } from './clock.js';
import type { Mailer } from './mailer.js';
import { resolveBinding } from './runtime.js';
import { SesMailer } from './ses-mailer.js';
import { type RuntimeSettings, settingsFromEnvironment } from './settings.js';
import { SfnWorkflowClient } from './sfn-workflow-client.js';
import type { WorkflowClient } from './workflow-client.js';

const required = (name: string) => z.object({ [name]: z.string().check(z.minLength(1)) });

export const clock = (): Clock => resolveBinding('clock', () => systemClock);

export const settings = (): RuntimeSettings => resolveBinding('settings', () => settingsFromEnvironment());

export const repository = (): Repository =>
  resolveBinding('repository', () => {
    const env = parseEnvironment(required(environmentNames.tableName));
    return createRepository(dynamoDbDocumentClient, env[environmentNames.tableName] as string);
  });

export const workflows = (): WorkflowClient =>
  resolveBinding('workflows', () => {
    const env = parseEnvironment(required(environmentNames.lifecycleStateMachineArn));
    return new SfnWorkflowClient(
      new SFNClient({}),
      env[environmentNames.lifecycleStateMachineArn] as string,
      process.env[environmentNames.scheduleStateMachineArn],
    );
  });

export const mailer = (): Mailer =>
  resolveBinding('mailer', () => {
    const env = parseEnvironment(
      z.object({
        [environmentNames.senderAddress]: z.string().check(z.minLength(1)),
        [environmentNames.stage]: z.string().check(z.minLength(1)),
        [environmentNames.sesConfigurationSet]: z.string().check(z.minLength(1)),
      }),
    );
    return new SesMailer(new SESv2Client({}), {
      fromAddress: env[environmentNames.senderAddress],
      stage: env[environmentNames.stage],
      configurationSetName: env[environmentNames.sesConfigurationSet],
    });
  });
