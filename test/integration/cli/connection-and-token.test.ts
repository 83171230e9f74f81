import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectPaths } from '../../../lib/project-paths.js';
import { runCliForTest } from '../../unit/cli/cli-test-io.js';
import { agencyAnswer, apiError, type FakeAdminApi, startFakeAdminApi } from './fake-admin-api.js';

const SECRET = 'tok-4f9c2a-very-secret';

describe('CLI: connection problems and the token', () => {
  let api: FakeAdminApi;
  let closedUrl: string;

  beforeAll(async () => {
    api = await startFakeAdminApi();
    // A port that was just released: nothing listens there, so connecting is refused.
    const closed = await startFakeAdminApi();
    closedUrl = closed.url;
    await closed.stop();
  });

  afterAll(async () => {
    await api.stop();
  });

  it('hints at npm start or --api when the connection is refused', async () => {
    // Act
    const run = await runCliForTest(['--api', closedUrl, 'agency', 'list']);

    // Assess
    expect(run).toEqual({
      exitCode: 1,
      stdout: '',
      stderr:
        `error: cannot reach the API at ${closedUrl} (ECONNREFUSED)\n` +
        'hint: start the local sandbox with "npm start", or point --api (or CLETS_API_URL) at a running API.\n',
    });
  });

  it('stops an import at an unreachable API and reports the rows not sent', async () => {
    // Act
    const run = await runCliForTest([
      '--api',
      closedUrl,
      'agency',
      'import',
      projectPaths.resolve('test/integration/cli/fixtures/two-agencies.csv'),
    ]);

    // Assess
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('line 2: CA0190000 failed: cannot reach the API');
    expect(run.stdout).toContain('line 3: CA0370000 failed: not sent: the import stopped');
    expect(run.stderr).toContain('hint: start the local sandbox with "npm start"');
  });

  it('says where a token comes from when the API refuses it', async () => {
    // Prepare
    api.answer(() => ({ status: 401, body: { message: 'Unauthorized' } }));

    // Act: API Gateway's JWT authorizer answers { message } only.
    const run = await runCliForTest(['--api', api.url, 'audits', 'list']);

    // Assess
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toBe(
      'error: Unauthorized\n' +
        'hint: pass --token <token> or set CLETS_API_TOKEN: the sandbox prints its token when it starts; in AWS use a Cognito ID or access token.\n',
    );
  });

  it('never prints the token, whatever happens', async () => {
    // Prepare
    const outcomes = [
      () => ({ status: 200, body: { items: [agencyAnswer('CA0190000')] } }),
      () => apiError(401, 'Unauthorized', 'Send the token the sandbox printed at start.'),
      () => apiError(500, 'InternalError', 'The request failed unexpectedly.'),
      () => ({ status: 200, body: 'not the shape the CLI expects' }),
    ];
    const printed: string[] = [];
    api.requests.length = 0;

    // Act
    for (const outcome of outcomes) {
      api.answer(outcome);
      for (const json of [[], ['--json']]) {
        const run = await runCliForTest([...json, 'agency', 'list'], {
          env: { CLETS_API_URL: api.url, CLETS_API_TOKEN: SECRET },
        });
        printed.push(run.stdout, run.stderr);
      }
    }
    const refused = await runCliForTest(['--token', `${SECRET} x`, '--api', api.url, 'agency', 'list']);
    printed.push(refused.stdout, refused.stderr);

    // Assess
    expect(api.requests.every((request) => request.authorization === `Bearer ${SECRET}`)).toBe(true);
    expect(printed.join('\n')).not.toContain(SECRET);
  });
});
