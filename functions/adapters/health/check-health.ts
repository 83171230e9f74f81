import { HeadBucketCommand, type S3Client } from '@aws-sdk/client-s3';
import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';

export interface HealthDependencies {
  readonly documentClient: DynamoDBDocumentClient;
  readonly s3Client: S3Client;
  readonly tableName: string;
  readonly evidenceBucket: string;
  readonly stage: string;
}

export interface CheckResult {
  readonly ok: boolean;
  /** The error's name when the check failed (never its message, which may carry resource details). */
  readonly error?: string;
  readonly milliseconds: number;
}

export interface HealthReport {
  readonly status: 'ok' | 'degraded';
  readonly stage: string;
  readonly checks: { readonly table: CheckResult; readonly evidenceBucket: CheckResult };
}

/** The key of an item nobody writes: reading it proves the table exists and the function may read it. */
const HEALTH_PROBE_KEY = { pk: 'HEALTH', sk: 'PROBE' } as const;

async function timed(check: () => Promise<unknown>): Promise<CheckResult> {
  const started = performance.now();
  try {
    await check();
    return { ok: true, milliseconds: Math.round(performance.now() - started) };
  } catch (error) {
    const name = error instanceof Error ? error.name : 'UnknownError';
    return { ok: false, error: name, milliseconds: Math.round(performance.now() - started) };
  }
}

/**
 * Checks that the deployment's function can reach its table and evidence bucket with the permissions it
 * was given. Run after a deploy (`aws lambda invoke`) and by the sandbox's /health endpoint.
 */
export async function checkHealth(deps: HealthDependencies): Promise<HealthReport> {
  const [table, evidenceBucket] = await Promise.all([
    timed(() =>
      deps.documentClient.send(new GetCommand({ TableName: deps.tableName, Key: HEALTH_PROBE_KEY })),
    ),
    timed(() => deps.s3Client.send(new HeadBucketCommand({ Bucket: deps.evidenceBucket }))),
  ]);
  return {
    status: table.ok && evidenceBucket.ok ? 'ok' : 'degraded',
    stage: deps.stage,
    checks: { table, evidenceBucket },
  };
}
