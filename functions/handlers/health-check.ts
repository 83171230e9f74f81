import { z } from 'zod';
import { dynamoDbDocumentClient } from '../adapters/clients/dynamodb.js';
import { s3Client } from '../adapters/clients/s3.js';
import { checkHealth, type HealthReport } from '../adapters/health/check-health.js';
import { environmentNames } from '../shared/environment-names.js';
import { parseEnvironment } from '../shared/parse-environment.js';

const environment = parseEnvironment(
  z.object({
    [environmentNames.stage]: z.string().min(1),
    [environmentNames.tableName]: z.string().min(3),
    [environmentNames.evidenceBucket]: z.string().min(3),
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
