import { relative } from 'node:path';
import type { Sandbox } from './start-sandbox.js';

/** What `npm start` prints once everything listens: where each part is, the admin token, and how to stop. */
export function formatSandboxBanner(sandbox: Sandbox, workingDirectory = process.cwd()): string {
  const { dynamodb, s3 } = sandbox.engines.config;
  const { clock, timeZone } = sandbox.workflows;
  const at = (path: string) => new URL(path, sandbox.frontDoor.url).toString();
  const data = sandbox.dataDirectory
    ? `${relative(workingDirectory, sandbox.dataDirectory) || '.'}/ (kept across restarts; --fresh wipes it)`
    : 'in memory (gone at stop)';
  const now = clock.now().toLocaleString('en-US', { timeZone, dateStyle: 'medium', timeStyle: 'short' });
  return [
    'CLETS audit sandbox is running.',
    `  Front door   ${sandbox.frontDoor.url}`,
    `  Health       ${at('health')}`,
    `  Admin API    ${at('agencies')}   (description: ${at('openapi.json')})`,
    `  Clock        ${at('clock')}   virtual time ${now} (${timeZone}); advance with POST /clock/advance {"days": 1}`,
    `  Outbox       ${at('outbox')}   (email the workflows sent, as .eml)`,
    `  Upload page  ${sandbox.frontDoor.url}upload/<token>   (the agency's link, in each audit email in the outbox)`,
    `  Executions   ${at('executions')}`,
    `  DynamoDB     ${dynamodb.endpoint}   table ${dynamodb.tableName}`,
    `  S3           ${s3.endpoint}   bucket ${s3.evidenceBucket}`,
    `  Data         ${data}`,
    `  Admin token  ${sandbox.adminToken}`,
    '               send it as "Authorization: Bearer <token>" to the admin API and POST /clock/advance; new at each start.',
    'Press Ctrl+C to stop.',
  ].join('\n');
}
