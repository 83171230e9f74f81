import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../../sandbox/start-sandbox.js';
import { injectedSandboxResources, injectedSandboxWorkflows } from '../../setup/local-engines.js';
import { runCliForTest } from '../../unit/cli/cli-test-io.js';

const HEADER = 'ori,name,county,agencyType,tacName,tacEmail,lasoName,lasoEmail,headName,headEmail';

describe('CLI: end to end against a real sandbox', () => {
  let sandbox: Sandbox;
  let folder: string;
  const cli = (...argv: string[]) =>
    runCliForTest(argv, {
      env: { CLETS_API_URL: sandbox.frontDoor.url, CLETS_API_TOKEN: sandbox.adminToken },
    });

  beforeAll(async () => {
    // A sandbox of its own: in memory, on ephemeral ports, from the template the global setup synthesized.
    sandbox = await startSandbox({
      resources: injectedSandboxResources(),
      workflows: injectedSandboxWorkflows(),
    });
    folder = await mkdtemp(join(tmpdir(), 'clets-cli-e2e-'));
  });

  afterAll(async () => {
    await sandbox?.stop();
    await rm(folder, { recursive: true, force: true });
  });

  it('imports a CSV with one bad row, then agency list shows the good rows', async () => {
    // Prepare
    const file = join(folder, 'agencies.csv');
    await writeFile(
      file,
      [
        `\uFEFF${HEADER}`,
        'CA0190000,"Sheriff, County of Los Angeles",los angeles,criminal-justice-agency,Pat Lee,pat@lasd.example.gov,Sam Ortiz,sam@lasd.example.gov,Alex Kim,alex@lasd.example.gov',
        'CA0370000,San Diego Police Department,San Diego,criminal-justice-agency,Jo Park,jo@sdpd.example.gov,Lu Chen,not-an-email,Di Ruiz,di@sdpd.example.gov',
        'CA0380000,San Francisco Police Department,San Francisco,criminal-justice-agency,Ana Ruiz,ana@sfpd.example.gov,Ben Ode,ben@sfpd.example.gov,Cy Lam,cy@sfpd.example.gov',
        '',
      ].join('\r\n'),
    );

    // Act
    const imported = await cli('agency', 'import', file);
    const listed = await cli('agency', 'list');

    // Assess
    expect(imported.exitCode).toBe(1);
    expect(imported.stdout).toBe(
      'line 3: lasoEmail: must be an email address such as tac@agency.ca.gov\n\n' +
        'agencies.csv: created 2, skipped 0, invalid 1, failed 0.\n',
    );
    expect(listed.exitCode).toBe(0);
    expect(listed.stdout.split('\n')).toEqual([
      'ORI        NAME                             COUNTY         TYPE                     TAC',
      'CA0190000  Sheriff, County of Los Angeles   Los Angeles    criminal-justice-agency  Pat Lee <pat@lasd.example.gov>',
      'CA0380000  San Francisco Police Department  San Francisco  criminal-justice-agency  Ana Ruiz <ana@sfpd.example.gov>',
      '2 agencies',
      '',
    ]);
  });
});
