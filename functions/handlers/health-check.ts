import * as z from 'zod/mini';
import { dynamoDbDocumentClient } from '../adapters/clients/dynamodb.js';
import { s3Client } from '../adapters/clients/s3.js';
import { checkHealth, type HealthReport } from '../adapters/health/check-health.js';
import { environmentNames } from '../shared/environment-names.js';
import { parseEnvironment } from '../shared/parse-environment.js';

const environment = parseEnvironment(
  z.object({
    [environmentNames.stage]: z.string().check(z.minLength(1)),
    [environmentNames.tableName]: z.string().check(z.minLength(3)),
    [environmentNames.evidenceBucket]: z.string().check(z.minLength(3)),
  }),
);

/** Deployment smoke test: reports whether this stage's table and evidence bucket answer. Takes no input. */
export async function handler(): Promise<HealthReport> {
  return checkHealth({
    documentClient: dynamoDbDocumentClient,
    s3Client,
    tableName: environment.TABLE_NAME,
    evidenceBucket: environment.EVIDENCE_BUCKET,
    stage: environment.STAGE,
  });
}
