import { describe, expect, it } from 'vitest';
import { resolveApiTarget } from '../../../cli/api/api-target.js';
import { CliUsageError } from '../../../cli/cli-errors.js';

function issuesOf(run: () => unknown): readonly string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof CliUsageError) return error.issues;
    throw error;
  }
  throw new Error('expected the settings to be refused');
}

describe('CLI: API settings', () => {
  it('takes the options first, then the environment, then the local sandbox', () => {
    const env = { CLETS_API_URL: 'https://api.example.gov/prod/', CLETS_API_TOKEN: 'from-env' };
    expect(resolveApiTarget({}, {})).toEqual({ baseUrl: 'http://127.0.0.1:4280', token: undefined });
    expect(resolveApiTarget({}, env)).toEqual({ baseUrl: 'https://api.example.gov/prod', token: 'from-env' });
    expect(resolveApiTarget({ api: 'http://localhost:5000', token: 'from-option' }, env)).toEqual({
      baseUrl: 'http://localhost:5000',
      token: 'from-option',
    });
  });

  it('refuses plain http beyond the loopback interface, where the token would travel in clear text', () => {
    expect(issuesOf(() => resolveApiTarget({ api: 'http://api.example.gov' }, {}))).toEqual([
      '--api: must use https, except for the local sandbox on 127.0.0.1 or localhost',
    ]);
    expect(issuesOf(() => resolveApiTarget({}, { CLETS_API_URL: 'not a url' }))).toEqual([
      expect.stringMatching(/^CLETS_API_URL: must be an http\(s\) URL/),
    ]);
  });

  it('refuses a token with spaces or control characters without echoing it', () => {
    // Act
    const issues = issuesOf(() => resolveApiTarget({ token: 'secret value\r\nX-Evil: 1' }, {}));

    // Assess
    expect(issues).toEqual([
      '--token: must be a single word of printable characters (a bearer token or a JWT)',
    ]);
    expect(issues.join('\n')).not.toContain('secret');
  });
});
