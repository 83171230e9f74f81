import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createRepository } from '../../functions/adapters/dynamodb/repository.js';
import type { OutgoingEmail } from '../../functions/adapters/runtime/mailer.js';
import { bindRuntime, resetRuntime } from '../../functions/adapters/runtime/runtime.js';
import { buildDailyDigest, sendDailyDigest } from '../../functions/services/daily-digest.js';
import { dynamoDbClientConfig } from '../../sandbox/engine-config.js';
import { startLocalEngines } from '../../sandbox/local-engines.js';
import { DIGEST_ZONE, fixtureOri, writeIdleAgencies } from '../../test/support/digest-fixtures.js';
import { countItemsRead } from '../../test/support/dynamodb-read-counter.js';
import { fakeWorkflows, testSettings } from '../../test/support/test-runtime.js';
import type { Benchmark, BenchmarkContext, BenchmarkOutcome } from '../benchmark.js';
import { median } from '../statistics.js';
import { renderTextTable } from '../text-table.js';
import { seedAgenciesWithOpenWork } from './digest-seed.js';

/** Issue 7, part 7: items read per digest at most 1.2× the open items it reports, whatever the idle agencies. */
export const DIGEST_TARGETS = { readsPerReportedItem: 1.2 } as const;

/** 10% of 10,000 agencies have open work; the rest of each row's agencies have nothing open. */
const AGENCIES_WITH_OPEN_WORK = 1_000;
/** Agencies with nothing open, row by row: 2,000, 10,000 (the figure) and 50,000 agencies in all. */
const IDLE_AGENCY_ROWS = [1_000, 9_000, 49_000] as const;
const HEADLINE_IDLE = 9_000;
const BUILDS_PER_ROW = 3;
/** Wednesday 10 March 2027, 07:00 in Los Angeles: the digest's morning. */
const AS_OF = new Date('2027-03-10T15:00:00.000Z');

export interface DigestRow {
  readonly agencies: number;
  readonly agenciesWithNothingOpen: number;
  readonly openItemsReported: number;
  /** Counted by the engine: Query ScannedCount plus BatchGetItem keys, for one build. */
  readonly itemsRead: number;
  readonly itemsReadByCommand: Readonly<Record<string, number>>;
  readonly readsPerReportedItem: number;
  readonly buildMilliseconds: { readonly median: number; readonly runs: readonly number[] };
  readonly idleSeedMilliseconds: number;
}

async function runDigestBenchmark(context: BenchmarkContext): Promise<BenchmarkOutcome> {
  const started = performance.now();
  // In-memory table on an ephemeral loopback port, created from the synthesized template.
  const engines = await startLocalEngines();
  const raw = new DynamoDBClient(dynamoDbClientConfig(engines.config));
  const reads = countItemsRead(raw);
  const client = DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } });
  const tableName = engines.config.dynamodb.tableName;
  const repository = createRepository(client, tableName);
  const sent: OutgoingEmail[] = [];
  bindRuntime({
    repository,
    clock: { now: () => AS_OF },
    workflows: fakeWorkflows(),
    mailer: {
      send: async (email) => {
        sent.push(email);
        return { messageId: `bench-${sent.length}` };
      },
    },
    settings: { ...testSettings, timeZone: DIGEST_ZONE },
  });
  try {
    const seeded = await seedAgenciesWithOpenWork(repository, AS_OF, AGENCIES_WITH_OPEN_WORK);
    context.print(
      `Seeded ${seeded.agencies.toLocaleString('en-US')} agencies with open work (${seeded.openItems.toLocaleString('en-US')} open items, ${seeded.openItemsDueLater.toLocaleString('en-US')} of them due after the week; ${seeded.unnamedAgencies} agencies' items without a name snapshot) in ${(seeded.milliseconds / 1000).toFixed(1)} s.`,
    );

    const rows: DigestRow[] = [];
    let idle = 0;
    let notices: { first: number; retried: number } | undefined;
    for (const target of IDLE_AGENCY_ROWS) {
      // Each row adds idle agencies to the same table, up to its count.
      const seedStarted = performance.now();
      const oris = Array.from({ length: target - idle }, (_unused, index) => fixtureOri('I', idle + index));
      await writeIdleAgencies(client, tableName, oris);
      idle = target;
      const idleSeedMilliseconds = performance.now() - seedStarted;

      const runs: number[] = [];
      let itemsRead = 0;
      let itemsReadByCommand: Record<string, number> = {};
      let openItemsReported = 0;
      for (let run = 0; run < BUILDS_PER_ROW; run++) {
        reads.reset();
        const buildStarted = performance.now();
        const { digest } = await buildDailyDigest(AS_OF, DIGEST_ZONE);
        runs.push(performance.now() - buildStarted);
        itemsRead = reads.total();
        itemsReadByCommand = { ...reads.byCommand() };
        openItemsReported = digest.totals.openItems;
      }
      rows.push({
        agencies: AGENCIES_WITH_OPEN_WORK + idle,
        agenciesWithNothingOpen: idle,
        openItemsReported,
        itemsRead,
        itemsReadByCommand,
        readsPerReportedItem: itemsRead / openItemsReported,
        buildMilliseconds: { median: median(runs), runs },
        idleSeedMilliseconds,
      });

      if (idle === HEADLINE_IDLE) {
        // The step itself, twice: the second run (a retried step) finds the day's notice and sends nothing.
        const before = sent.length;
        await sendDailyDigest();
        const afterFirst = sent.length;
        await sendDailyDigest();
        notices = { first: afterFirst - before, retried: sent.length - afterFirst };
      }
    }

    const headline = rows.find((row) => row.agenciesWithNothingOpen === HEADLINE_IDLE);
    const withinRatio = rows.every((row) => row.readsPerReportedItem <= DIGEST_TARGETS.readsPerReportedItem);
    const flat = rows.every((row) => row.itemsRead === rows[0]?.itemsRead);
    const sentOnce = notices?.first === 1 && notices.retried === 0;
    const fmt = (value: number) => value.toLocaleString('en-US');
    for (const line of renderTextTable(
      [
        { heading: 'agencies', align: 'right' },
        { heading: 'with nothing open', align: 'right' },
        { heading: 'open items reported', align: 'right' },
        { heading: 'DynamoDB items read', align: 'right' },
        { heading: 'read/reported', align: 'right' },
        { heading: 'build (median of 3)', align: 'right' },
        { heading: 'idle agencies written', align: 'right' },
      ],
      rows.map((row) => [
        fmt(row.agencies),
        fmt(row.agenciesWithNothingOpen),
        fmt(row.openItemsReported),
        fmt(row.itemsRead),
        `${row.readsPerReportedItem.toFixed(3)}${row.readsPerReportedItem <= DIGEST_TARGETS.readsPerReportedItem ? '' : ' OVER'}`,
        `${row.buildMilliseconds.median.toFixed(0)} ms`,
        `${(row.idleSeedMilliseconds / 1000).toFixed(1)} s`,
      ]),
    )) {
      context.print(line);
    }
    if (headline) {
      context.print(
        `At ${fmt(headline.agencies)} agencies (${fmt(AGENCIES_WITH_OPEN_WORK)} with open work): items read by command ${JSON.stringify(headline.itemsReadByCommand)}; target read/reported ≤ ${DIGEST_TARGETS.readsPerReportedItem}: ${withinRatio ? 'within target' : 'OVER'}; reads ${flat ? 'do not change' : 'CHANGE'} with the agencies that have nothing open.`,
      );
    }
    context.print(
      `Notices sent per digest run: ${notices?.first ?? 0} (to ${testSettings.adminEmails.length} administrator address); a retried run sent ${notices?.retried ?? 0}. ${((performance.now() - started) / 1000).toFixed(1)} s wall time including seeding.`,
    );
    return {
      withinTarget: withinRatio && flat && sentOnce,
      figures: {
        targets: DIGEST_TARGETS,
        seeded,
        rows,
        notices,
        wallSeconds: (performance.now() - started) / 1000,
      },
    };
  } finally {
    resetRuntime();
    raw.destroy();
    await engines.stop();
  }
}

export const digestBenchmark: Benchmark = {
  name: 'digest',
  title:
    'Daily digest at 10,000 agencies (10% with open work): DynamoDB items read per open item reported, build time, notices sent',
  run: runDigestBenchmark,
};
