import PostalMime from 'postal-mime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repository } from '../../../functions/adapters/runtime/bindings.js';
import { type Sandbox, startSandbox } from '../../../sandbox/start-sandbox.js';
import { injectedSandboxResources, injectedSandboxWorkflows } from '../../setup/local-engines.js';
import { fixtureOri, registerFixtureAgency, seedAudit } from '../../support/digest-fixtures.js';

/** Tuesday 2026-03-03, 10:00 in Los Angeles (PST), after that day's 07:00 digest time. */
const START = new Date('2026-03-03T18:00:00.000Z');
const DAY = 86_400_000;
const ORI = fixtureOri('S', 1);

/*
 * The digest's state machine, taken from the synthesized template, started by the sandbox's stand-in for
 * EventBridge Scheduler at 07:00 virtual time, with the real handler, emailing the outbox.
 */
describe('Sandbox: the daily digest at 07:00 virtual time', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startSandbox({
      resources: injectedSandboxResources(),
      workflows: injectedSandboxWorkflows(),
      clockStart: START,
    });
    // An audit overdue since last Friday, so every morning has something to report.
    await registerFixtureAgency(repository(), ORI, 'Sandbox Police Department');
    await seedAudit(repository(), {
      ori: ORI,
      agencyName: 'Sandbox Police Department',
      periodKey: '2026',
      status: 'collecting',
      dueDate: '2026-02-27',
      requests: [{ requirementId: 'review-signoff' }],
    });
  });

  afterAll(async () => {
    await sandbox?.stop();
  });

  it('sends two digests to the administrators when two virtual days pass, each at 07:00', async () => {
    // Act
    await sandbox.workflows.clock.advance(2 * DAY);

    // Assess
    const { runner, outbox, dailySchedules } = sandbox.workflows;
    expect(
      runner
        .listExecutions({ stateMachine: 'dailyDigest' })
        .map((execution) => [execution.name, execution.status]),
    ).toEqual([
      ['digest-2026-03-04', 'SUCCEEDED'],
      ['digest-2026-03-05', 'SUCCEEDED'],
    ]);
    const digests = outbox.list().filter((message) => message.template === 'daily-digest');
    expect(digests.map((message) => [message.sentAt, message.to])).toEqual([
      ['2026-03-05T15:00:00.000Z', ['cjis-admin@example.gov']],
      ['2026-03-04T15:00:00.000Z', ['cjis-admin@example.gov']],
    ]);
    expect(digests[0]?.subject).toMatch(/^Daily digest for 2026-03-05: 1 overdue, 0 due this week/);
    const eml = await outbox.readMessage(digests[0]?.id ?? '');
    const parsed = await PostalMime.parse(eml ?? '');
    expect(parsed.text).toContain(`Sandbox Police Department (ORI ${ORI})`);
    expect(dailySchedules.dailyDigest.next()?.toISOString()).toBe('2026-03-06T15:00:00.000Z');
    expect(runner.alarms).toEqual([]);
  });
});
