import { describe, expect, it } from 'vitest';
import { fetchThatMustNotBeCalled, runCliForTest } from './cli-test-io.js';

const COMMANDS = [
  [],
  ['agency'],
  ['agency', 'add'],
  ['agency', 'import'],
  ['agency', 'list'],
  ['agency', 'show'],
  ['enroll'],
  ['schedule'],
  ['schedule', 'run'],
  ['audits'],
  ['audits', 'list'],
  ['audits', 'show'],
  ['audits', 'cancel'],
  ['audits', 'close'],
  ['findings'],
  ['findings', 'add'],
  ['findings', 'list'],
  ['tasks'],
  ['tasks', 'list'],
  ['tasks', 'show'],
  ['tasks', 'add'],
  ['tasks', 'accept-plan'],
  ['tasks', 'revise'],
  ['tasks', 'verify'],
  ['tasks', 'close'],
  ['tasks', 'cancel'],
  ['clock'],
  ['clock', 'show'],
  ['clock', 'advance'],
  ['outbox'],
  ['outbox', 'list'],
];

/** Answers every request with an empty page, and keeps the requests' URLs and headers. */
function recordingFetch() {
  const requests: { url: string; headers: Headers }[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    requests.push({ url: String(input), headers: new Headers(init?.headers) });
    return new Response(JSON.stringify({ items: [] }), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  };
  return { fetch, requests };
}

describe('CLI: argument parsing', () => {
  it.each(COMMANDS.map((path) => [path.join(' ') || '(root)', path]))(
    'prints help for %s with --help, exit code 0',
    async (_name, path) => {
      // Act
      const run = await runCliForTest([...path, '--help'], { fetch: fetchThatMustNotBeCalled });

      // Assess
      expect(run.exitCode).toBe(0);
      expect(run.stdout).toMatch(
        new RegExp(`^Usage: clets-audit${path.length > 0 ? ` ${path.join(' ')}` : ''} `),
      );
      expect(run.stderr).toBe('');
    },
  );

  it('documents the CSV columns in agency import --help', async () => {
    const run = await runCliForTest(['agency', 'import', '--help']);
    expect(run.stdout).toContain('tacName, tacEmail');
    expect(run.stdout).toContain('alternateName, alternateEmail');
  });

  it.each([
    [['frobnicate'], "error: unknown command 'frobnicate'"],
    [['agency', 'remove'], "error: unknown command 'remove'"],
    [['agency', 'list', '--colour'], "error: unknown option '--colour'"],
    [['audits', 'list', '--overdu'], "error: unknown option '--overdu'\n(Did you mean --overdue?)"],
    [['agency', 'show'], "error: missing required argument 'ori'"],
    [['agency', 'show', 'CA0190000', 'CA0370000'], 'error: too many arguments'],
    [
      ['enroll', 'CA0190000', 'account-review'],
      "error: required option '--anchor <YYYY-MM-DD>' not specified",
    ],
    [['audits', 'cancel', 'aud_1'], "error: required option '--reason <text>' not specified"],
    [['audits', 'close', 'aud_1'], "error: required option '--reason <text>' not specified"],
    [['tasks', 'revise', 'aud_1', 'tsk_1'], "error: required option '--reason <text>' not specified"],
    [['tasks', 'cancel', 'aud_1', 'tsk_1'], "error: required option '--reason <text>' not specified"],
    [['tasks', 'add', 'aud_1', 'fnd_1'], "error: required option '--owner <role>' not specified"],
    [['tasks', 'show', 'aud_1'], "error: missing required argument 'taskId'"],
    [['tasks', 'decide', 'aud_1', 'tsk_1'], "error: unknown command 'decide'"],
    [['agency', 'list', '--limit'], "error: option '--limit <n>' argument missing"],
  ])('refuses %j with a clear error and exit code 2, sending nothing', async (argv, message) => {
    // Act
    const run = await runCliForTest(argv, { fetch: fetchThatMustNotBeCalled });

    // Assess
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain('(add --help for usage)');
    expect(run.stdout).toBe('');
  });

  it('shows the commands and exits 2 when a command group is given without a command', async () => {
    // Act
    const run = await runCliForTest(['audits'], { fetch: fetchThatMustNotBeCalled });

    // Assess
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/^Usage: clets-audit audits/);
    expect(run.stderr).toContain('cancel [options] <auditId>');
  });

  it('reads global options before or after the command', async () => {
    // Prepare
    const { fetch, requests } = recordingFetch();

    // Act
    const run = await runCliForTest(
      ['agency', 'list', '--json', '--api', 'https://api.example.gov/prod', '--limit', '5'],
      {
        fetch,
        env: { CLETS_API_TOKEN: 'token-from-env' },
      },
    );

    // Assess
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ items: [] });
    expect(requests.map((request) => request.url)).toEqual(['https://api.example.gov/prod/agencies?limit=5']);
    expect(requests[0]?.headers.get('authorization')).toBe('Bearer token-from-env');
  });

  it('refuses bad --api settings before sending anything', async () => {
    // Act
    const run = await runCliForTest(['--api', 'ftp://example.gov', 'agency', 'list'], {
      fetch: fetchThatMustNotBeCalled,
    });

    // Assess
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('--api: must use https');
  });
});
