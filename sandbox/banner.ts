import { relative } from 'node:path';
import type { Sandbox } from './start-sandbox.js';

/** What `npm start` prints once everything listens: where each part is, and how to stop. */
export function formatSandboxBanner(sandbox: Sandbox, workingDirectory = process.cwd()): string {
  const { dynamodb, s3 } = sandbox.engines.config;
  const data = sandbox.dataDirectory
    ? `${relative(workingDirectory, sandbox.dataDirectory) || '.'}/ (kept across restarts; --fresh wipes it)`
    : 'in memory (gone at stop)';
  return [
    'CLETS audit sandbox is running.',
    `  Front door   ${sandbox.frontDoor.url}`,
    `  Health       ${new URL('health', sandbox.frontDoor.url)}`,
    `  DynamoDB     ${dynamodb.endpoint}   table ${dynamodb.tableName}`,
    `  S3           ${s3.endpoint}   bucket ${s3.evidenceBucket}`,
    `  Data         ${data}`,
    'Press Ctrl+C to stop.',
  ].join('\n');
}
