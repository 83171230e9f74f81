import { htmlEscape } from 'escape-goat';
import type { LocalEnginesConfig } from './engine-config.js';
import type { FrontDoorRoute } from './front-door.js';
import { htmlResponse } from './http-responses.js';

export interface SandboxDescription {
  readonly routes: readonly FrontDoorRoute[];
  readonly engines: LocalEnginesConfig;
  /** Absent when the data lives in memory and temporary folders. */
  readonly dataDirectory: string | undefined;
  /** The virtual clock and what the workflows did; absent in a sandbox without workflows. */
  readonly workflows?: {
    readonly now: Date;
    readonly timeZone: string;
    readonly executions: number;
    readonly messages: number;
  };
}

// Every dynamic value goes through escape-goat's htmlEscape: the tagged form escapes each interpolation, and
// fragments built that way are joined with plain concatenation so nothing is escaped twice.
function endpointRow(route: FrontDoorRoute): string {
  const target =
    route.method === 'GET'
      ? htmlEscape`<a href="${route.path}"><code>GET ${route.path}</code></a>`
      : htmlEscape`<code>${route.method} ${route.path}</code>`;
  return `<tr><td>${target}</td><td>${htmlEscape(route.summary)}</td></tr>`;
}

const engineRow = (name: string, endpoint: string, holds: string) =>
  htmlEscape`<tr><td>${name}</td><td><code>${endpoint}</code></td><td>${holds}</td></tr>`;

function workflowsSection(workflows: SandboxDescription['workflows']): string {
  if (!workflows) return '';
  const local = workflows.now.toLocaleString('en-US', {
    timeZone: workflows.timeZone,
    dateStyle: 'full',
    timeStyle: 'long',
  });
  return `<h2>Workflows and virtual time</h2>
<p>The state machines of the synthesized template run here with aws-local-stepfunctions. Time is virtual: it
stands still until moved with <code>POST /clock/advance</code> (body <code>{"days": 1}</code>, <code>{"hours": 6}</code>
or <code>{"until": "&lt;ISO instant&gt;"}</code>, bearer token required), which runs reminders, timeouts and the
daily scheduling run as they fall due.</p>
${htmlEscape`<p>Now: <strong>${local}</strong> (${workflows.now.toISOString()}). Executions so far: ${String(workflows.executions)}. Messages in the outbox: ${String(workflows.messages)}.</p>`}`;
}

export function renderIndexPage(description: SandboxDescription): string {
  const { engines } = description;
  const storage = description.dataDirectory
    ? htmlEscape`Data is kept across restarts in <code>${description.dataDirectory}</code> (start with <code>--fresh</code> to wipe it).`
    : 'Data lives in memory and temporary folders, and is gone when the sandbox stops.';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>CLETS audit scheduler: local sandbox</title>
<style>
  body { font-family: system-ui, sans-serif; max-width: 56rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }
  table { border-collapse: collapse; } td, th { text-align: left; padding: .25rem 1rem .25rem 0; vertical-align: top; }
</style>
</head>
<body>
<h1>CLETS audit scheduler: local sandbox</h1>
<p>The product's code running on this machine against local engines (dynalite for DynamoDB, s3rver for S3), with
no AWS account. The table and the bucket were created from the synthesized CDK template, so they have the deployed
key design. Stage <code>${htmlEscape(engines.stage)}</code>, region <code>${htmlEscape(engines.region)}</code>.</p>
<h2>Endpoints</h2>
<table>${description.routes.map(endpointRow).join('')}</table>
${workflowsSection(description.workflows)}
<h2>Engines</h2>
<table>
<tr><th>Service</th><th>Endpoint</th><th>Holds</th></tr>
${engineRow('DynamoDB', engines.dynamodb.endpoint, `table ${engines.dynamodb.tableName}`)}
${engineRow('S3', engines.s3.endpoint, `bucket ${engines.s3.evidenceBucket}`)}
</table>
<p>${storage}</p>
</body>
</html>
`;
}

/** GET /: what this sandbox is and where everything is. */
export function indexPageRoute(describe: () => SandboxDescription): FrontDoorRoute {
  return {
    method: 'GET',
    path: '/',
    summary: 'This page: what the sandbox is and where its parts listen.',
    handle: () => htmlResponse(200, renderIndexPage(describe())),
  };
}
