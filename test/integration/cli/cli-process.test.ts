import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { projectPaths } from '../../../lib/project-paths.js';

const run = promisify(execFile);

/** Runs a command in the project folder and resolves with its exit code and output, whatever the code. */
async function runProcess(command: string, args: string[]) {
  try {
    const { stdout, stderr } = await run(command, args, {
      cwd: projectPaths.resolve('.'),
      env: { ...process.env, CLETS_API_URL: undefined, CLETS_API_TOKEN: undefined },
    });
    return { exitCode: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { exitCode: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('CLI: as a process', () => {
  it('runs bin/cli.ts with npx tsx: help exits 0, an unknown command exits 2', async () => {
    // Act
    const [help, unknown] = await Promise.all([
      runProcess('npx', ['tsx', 'bin/cli.ts', '--help']),
      runProcess('npx', ['tsx', 'bin/cli.ts', 'agency', 'frob']),
    ]);

    // Assess
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toMatch(/^Usage: clets-audit \[options\] \[command\]/);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain("error: unknown command 'frob'");
  });

  it('runs through the package.json bin launcher (bin/clets-audit.js)', async () => {
    // Act: Node runs the launcher, which loads the TypeScript entry through tsx.
    const result = await runProcess(process.execPath, [
      'bin/clets-audit.js',
      'clock',
      'advance',
      '--days',
      'x',
    ]);

    // Assess
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('--days: must be a number of days more than 0 and at most 400');
  });
});
