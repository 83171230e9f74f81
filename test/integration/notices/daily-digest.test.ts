import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRepository, type Repository } from '../../../functions/adapters/dynamodb/repository.js';
import type { Mailer, OutgoingEmail } from '../../../functions/adapters/runtime/mailer.js';
import { bindRuntime, resetRuntime } from '../../../functions/adapters/runtime/runtime.js';
import { notificationId } from '../../../functions/domain/ids.js';
import { planDueOccurrences } from '../../../functions/domain/planning/plan-due-occurrences.js';
import { parseNoticeTemplateData } from '../../../functions/notices/render-notice.js';
import { cancelAudit } from '../../../functions/services/audit-lifecycle.js';
import {
  buildDailyDigest,
  DIGEST_STEP_KEY,
  digestScheduledFor,
  digestSubjectId,
  sendDailyDigest,
} from '../../../functions/services/daily-digest.js';
import { createAndStartAudit } from '../../../functions/services/scheduling.js';
import { dynamoDbClientConfig } from '../../../sandbox/engine-config.js';
import { type LocalEngines, startLocalEngines } from '../../../sandbox/local-engines.js';
import { injectedSandboxResources } from '../../setup/local-engines.js';
import {
  fixtureOri,
  registerFixtureAgency,
  seedAudit,
  seedRemediationTask,
  writeIdleAgencies,
} from '../../support/digest-fixtures.js';
import { countItemsRead, type ItemsReadCounter } from '../../support/dynamodb-read-counter.js';
import { fakeWorkflows, testSettings } from '../../support/test-runtime.js';

/** Wednesday 10 March 2027, 07:00 in Los Angeles (PST): the digest's morning. */
const WEDNESDAY_7AM = new Date('2027-03-10T15:00:00.000Z');
const ADMINS = ['cjis-admin@example.gov', 'audit-lead@example.gov'];
const administrator = { type: 'administrator' as const, id: 'test-admin' };
const noWait = { maxAttempts: 6, baseDelayMs: 1, maxDelayMs: 5 };

const ALPHA = fixtureOri('T', 1);
const BRAVO = fixtureOri('T', 2);
const CHARLIE = fixtureOri('T', 3);
const DELTA = fixtureOri('T', 4);
const ECHO = fixtureOri('T', 5);

interface Table {
  readonly engines: LocalEngines;
  readonly repository: Repository;
  readonly reads: ItemsReadCounter;
  readonly client: DynamoDBDocumentClient;
}

/** A table of its own (the due index must hold this file's open work only), with every item read counted. */
async function startOwnTable(): Promise<Table> {
  const engines = await startLocalEngines({ resources: injectedSandboxResources() });
  const raw = new DynamoDBClient(dynamoDbClientConfig(engines.config));
  const reads = countItemsRead(raw);
  const client = DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } });
  return {
    engines,
    client,
    reads,
    repository: createRepository(client, engines.config.dynamodb.tableName, noWait),
  };
}

function recordingMailer() {
  const sent: OutgoingEmail[] = [];
  const mailer: Mailer = {
    send: vi.fn(async (email: OutgoingEmail) => {
      sent.push(email);
      return { messageId: `message-${sent.length}` };
    }),
  };
  return { mailer, sent };
}

function bindDigestRuntime(table: Table, now: Date, mailer: Mailer) {
  bindRuntime({
    repository: table.repository,
    clock: { now: () => now },
    workflows: fakeWorkflows(),
    mailer,
    settings: { ...testSettings, adminEmails: ADMINS },
  });
}

describe('Service: daily digest, over a seeded mix of open work', () => {
  let table: Table;

  beforeAll(async () => {
    table = await startOwnTable();
    bindDigestRuntime(table, WEDNESDAY_7AM, recordingMailer().mailer);
    const { repository } = table;
    await registerFixtureAgency(repository, ALPHA, 'Alpha Police Department');
    await registerFixtureAgency(repository, BRAVO, 'Bravo County Sheriff');
    await registerFixtureAgency(repository, CHARLIE, 'Charlie Police Department');
    await registerFixtureAgency(repository, DELTA, 'Delta Sheriff’s Office');
    await registerFixtureAgency(repository, ECHO, 'Echo Police Department');

    // Due this week (Friday), two items still owed.
    await seedAudit(repository, {
      ori: ALPHA,
      agencyName: 'Alpha Police Department',
      periodKey: '2027',
      status: 'collecting',
      dueDate: '2027-03-12',
      requests: [{ requirementId: 'review-signoff' }, { requirementId: 'account-changes' }],
    });
    // Excluded: closed last year, and due in two months.
    await seedAudit(repository, {
      ori: ALPHA,
      agencyName: 'Alpha Police Department',
      periodKey: '2026',
      status: 'closed',
      dueDate: '2026-03-02',
      requests: [{ requirementId: 'review-signoff', status: 'accepted' }],
    });
    await seedAudit(repository, {
      ori: ALPHA,
      agencyName: 'Alpha Police Department',
      programId: 'audit-log-review',
      periodKey: '2027-q2',
      status: 'open',
      dueDate: '2027-05-10',
      requests: [{ requirementId: 'log-review-record' }],
    });
    // Overdue in two agencies; one of Bravo's items was flagged by the reviewer.
    await seedAudit(repository, {
      ori: BRAVO,
      agencyName: 'Bravo County Sheriff',
      periodKey: '2027',
      status: 'collecting',
      dueDate: '2027-03-05',
      requests: [
        { requirementId: 'review-signoff' },
        {
          requirementId: 'account-changes',
          status: 'flagged',
          flagReason: 'The list stops in January',
          decidedAt: '2027-03-08T18:00:00.000Z',
        },
      ],
    });
    await seedAudit(repository, {
      ori: CHARLIE,
      agencyName: 'Charlie Police Department',
      periodKey: '2027',
      status: 'open',
      dueDate: '2027-03-01',
      requests: [{ requirementId: 'review-signoff' }, { requirementId: 'account-changes' }],
    });
    // Charlie's last audit found a gap: its corrective action plan was due two days ago.
    const inRemediation = await seedAudit(repository, {
      ori: CHARLIE,
      agencyName: 'Charlie Police Department',
      programId: 'vulnerability-scanning',
      periodKey: '2026',
      status: 'remediation',
      dueDate: '2026-11-02',
      requests: [{ requirementId: 'scan-report', status: 'accepted' }],
    });
    await seedRemediationTask(repository, inRemediation, '2027-03-08');
    // Delta (older data: no name on its items) has a flagged item in review, due next month.
    await seedAudit(repository, {
      ori: DELTA,
      periodKey: '2027',
      status: 'in-review',
      dueDate: '2027-04-09',
      requests: [
        { requirementId: 'review-signoff', status: 'submitted' },
        { requirementId: 'account-changes', status: 'flagged', decidedAt: '2027-03-09T20:00:00.000Z' },
      ],
    });
    // Echo's overdue audit was cancelled: nobody owes its items any more.
    const cancelled = await seedAudit(repository, {
      ori: ECHO,
      agencyName: 'Echo Police Department',
      periodKey: '2027',
      status: 'open',
      dueDate: '2027-03-01',
      requests: [
        { requirementId: 'review-signoff' },
        { requirementId: 'account-changes', status: 'flagged' },
      ],
    });
    await cancelAudit(cancelled.auditId, 'Enrolled by mistake', administrator);

    // A thousand agencies with nothing open (a profile, an enrollment, last cycle's closed audit each).
    await writeIdleAgencies(
      table.client,
      table.engines.config.dynamodb.tableName,
      Array.from({ length: 1_000 }, (_unused, index) => fixtureOri('I', index)),
    );
  });

  afterAll(async () => {
    resetRuntime();
    await table?.engines.stop();
  });

  it('lists what is due this week, what is overdue by agency, the flagged evidence and the overdue remediation', async () => {
    // Act
    const { digest } = await buildDailyDigest(WEDNESDAY_7AM, 'America/Los_Angeles');

    // Assess
    expect(digest.date).toBe('2027-03-10');
    expect(digest.dueThisWeek).toEqual([
      expect.objectContaining({
        ori: ALPHA,
        agencyName: 'Alpha Police Department',
        programId: 'account-review',
        status: 'collecting',
        dueDate: '2027-03-12',
        daysOverdue: 0,
        outstanding: [
          expect.objectContaining({ requirementId: 'account-changes', status: 'requested' }),
          expect.objectContaining({ requirementId: 'review-signoff', status: 'requested' }),
        ],
      }),
    ]);
    expect(
      digest.overdueByAgency.map((group) => ({
        agency: `${group.ori} ${group.agencyName}`,
        audits: group.audits.map((line) => [line.auditId, line.daysOverdue, line.outstanding.length]),
      })),
    ).toEqual([
      {
        agency: `${CHARLIE} Charlie Police Department`,
        audits: [[`aud_${CHARLIE}_account-review_2027`, 9, 2]],
      },
      {
        agency: `${BRAVO} Bravo County Sheriff`,
        audits: [[`aud_${BRAVO}_account-review_2027`, 5, 2]],
      },
    ]);
    expect(digest.flaggedWaiting).toEqual([
      expect.objectContaining({
        ori: BRAVO,
        requirementId: 'account-changes',
        flagReason: 'The list stops in January',
        flaggedOn: '2027-03-08',
        daysOverdue: 5,
      }),
      expect.objectContaining({
        ori: DELTA,
        agencyName: 'Delta Sheriff’s Office',
        requirementId: 'account-changes',
        flaggedOn: '2027-03-09',
        dueDate: '2027-04-09',
        daysOverdue: 0,
      }),
    ]);
    expect(digest.overdueRemediation).toEqual([
      expect.objectContaining({
        ori: CHARLIE,
        programId: 'vulnerability-scanning',
        status: 'awaiting-plan',
        dueDate: '2027-03-08',
        daysOverdue: 2,
      }),
    ]);
    expect(digest.totals).toEqual({
      openItems: 11,
      dueThisWeek: 1,
      overdueAudits: 2,
      agenciesOverdue: 2,
      flaggedWaiting: 2,
      overdueRemediation: 1,
    });
    // The cancelled, the closed and the far-future audits are nowhere.
    const everything = JSON.stringify(digest);
    expect(everything).not.toContain(ECHO);
    expect(everything).not.toContain(`aud_${ALPHA}_account-review_2026`);
    expect(everything).not.toContain('audit-log-review');
  });

  it('reads at most 1.2 items per open item reported, with a thousand agencies that have nothing open', async () => {
    // Prepare
    table.reads.reset();

    // Act
    const { digest, itemsRead } = await buildDailyDigest(WEDNESDAY_7AM, 'America/Los_Angeles');

    // Assess: the engine's own count (Query ScannedCount, BatchGetItem keys) agrees with the service's
    const counted = table.reads.byCommand();
    expect(counted).toEqual({ QueryCommand: 11, BatchGetItemCommand: 1 });
    expect(itemsRead).toEqual({ dueIndex: 10, flaggedCollection: 1, agencies: 1, total: 12 });
    expect(table.reads.total() / digest.totals.openItems).toBeLessThanOrEqual(1.2);
  });

  it('sends the day’s digest once to the administrators, even when the step runs again', async () => {
    // Prepare
    const { mailer, sent } = recordingMailer();
    bindDigestRuntime(table, WEDNESDAY_7AM, mailer);

    // Act
    const first = await sendDailyDigest();
    const retried = await sendDailyDigest();

    // Assess
    expect(first).toMatchObject({ date: '2027-03-10', sent: true, alreadySent: false, recipients: 2 });
    expect(retried).toMatchObject({ sent: true, alreadySent: true, itemsRead: { total: 0 } });
    expect(sent).toHaveLength(1);
    const [email] = sent;
    expect(email?.to).toEqual(ADMINS);
    expect(email?.template).toBe('daily-digest');
    const data = parseNoticeTemplateData('daily-digest', email?.data);
    expect(data.totals).toEqual({ dueThisWeek: 1, overdue: 2, flaggedWaiting: 2, overdueRemediation: 1 });
    expect(data.overdueByAgency.map((group) => group.ori)).toEqual([CHARLIE, BRAVO]);
    const notice = await table.repository.audits.findNotification({
      notificationId: notificationId(digestSubjectId('2027-03-10'), DIGEST_STEP_KEY),
      scheduledFor: digestScheduledFor('2027-03-10', 'America/Los_Angeles'),
    });
    expect(notice).toMatchObject({
      kind: 'digest',
      status: 'sent',
      sesMessageId: 'message-1',
      recipients: ADMINS.map((email) => ({ role: 'administrator', email })),
    });
    expect(notice?.subject).toMatch(/^Daily digest for 2027-03-10: 2 overdue, 1 due this week/);
  });

  it('sends once when the first attempt failed after recording the notice', async () => {
    // Prepare: Thursday; SES refuses the first attempt
    const thursday = new Date(WEDNESDAY_7AM.getTime() + 86_400_000);
    const { mailer, sent } = recordingMailer();
    const failing: Mailer = {
      send: vi.fn(async () => {
        throw Object.assign(new Error('SES is throttling'), { name: 'TooManyRequestsException' });
      }),
    };
    bindDigestRuntime(table, thursday, failing);

    // Act
    await expect(sendDailyDigest()).rejects.toThrow('SES is throttling');
    bindDigestRuntime(table, thursday, mailer);
    const retried = await sendDailyDigest();
    const again = await sendDailyDigest();

    // Assess
    expect(retried).toMatchObject({ date: '2027-03-11', sent: true, alreadySent: false });
    expect(again).toMatchObject({ sent: true, alreadySent: true });
    expect(sent).toHaveLength(1);
  });
});

describe('Service: scheduling names the agency on its open work', () => {
  let table: Table;

  beforeAll(async () => {
    table = await startOwnTable();
  });

  afterAll(async () => {
    resetRuntime();
    await table?.engines.stop();
  });

  it('copies the agency’s name onto the audit and its requests, so the digest reads no agency item', async () => {
    // Prepare: an agency enrolled in the account review due 2027-03-12
    bindDigestRuntime(table, new Date('2027-02-20T16:00:00.000Z'), recordingMailer().mailer);
    const ori = fixtureOri('N', 1);
    await registerFixtureAgency(table.repository, ori, 'Named Police Department');
    const [occurrence] = planDueOccurrences(
      [
        {
          ori,
          programId: 'account-review',
          anchorDate: '2027-03-12',
          timeZone: 'America/Los_Angeles',
          status: 'active',
        },
      ],
      '2027-01-01T00:00:00Z',
      '2027-12-31T00:00:00Z',
    );
    if (!occurrence) throw new Error('the enrollment planned no occurrence');

    // Act
    await createAndStartAudit(occurrence, {});
    table.reads.reset();
    const { digest, itemsRead } = await buildDailyDigest(WEDNESDAY_7AM, 'America/Los_Angeles');

    // Assess
    const bundle = await table.repository.audits.getAuditBundle(occurrence.occurrenceId);
    expect(bundle?.audit.agencyName).toBe('Named Police Department');
    expect(bundle?.requests.map((request) => request.agencyName)).toEqual(
      bundle?.requests.map(() => 'Named Police Department'),
    );
    expect(digest.dueThisWeek.map((line) => `${line.ori} ${line.agencyName}`)).toEqual([
      `${ori} Named Police Department`,
    ]);
    expect(itemsRead.agencies).toBe(0);
    expect(table.reads.byCommand().BatchGetItemCommand).toBeUndefined();
  });
});

describe('Service: daily digest on a day with nothing open', () => {
  let table: Table;

  beforeAll(async () => {
    table = await startOwnTable();
  });

  afterAll(async () => {
    resetRuntime();
    await table?.engines.stop();
  });

  beforeEach(() => {
    resetRuntime();
  });

  it('skips a quiet Tuesday and sends the all-clear on Monday', async () => {
    // Prepare
    const monday = new Date('2027-03-15T14:00:00.000Z'); // 07:00 PDT
    const tuesday = new Date('2027-03-16T14:00:00.000Z');
    const { mailer, sent } = recordingMailer();

    // Act
    bindDigestRuntime(table, tuesday, mailer);
    const quiet = await sendDailyDigest();
    bindDigestRuntime(table, monday, mailer);
    const allClear = await sendDailyDigest();

    // Assess
    expect(quiet).toMatchObject({ date: '2027-03-16', sent: false, openItems: 0 });
    expect(quiet.skipped).toMatch(/Mondays/);
    expect(allClear).toMatchObject({ date: '2027-03-15', sent: true, allClear: true, openItems: 0 });
    expect(sent).toHaveLength(1);
    expect(parseNoticeTemplateData('daily-digest', sent[0]?.data).totals).toEqual({
      dueThisWeek: 0,
      overdue: 0,
      flaggedWaiting: 0,
      overdueRemediation: 0,
    });
  });
});
