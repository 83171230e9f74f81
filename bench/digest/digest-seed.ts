import type { Repository } from '../../functions/adapters/dynamodb/repository.js';
import { addDays, type LocalDate } from '../../functions/domain/calendar/local-date.js';
import { localDateAt } from '../../functions/domain/calendar/time-zones.js';
import {
  DIGEST_ZONE,
  fixtureOri,
  registerFixtureAgency,
  type SeededRequest,
  seedAudit,
  seedRemediationTask,
} from '../../test/support/digest-fixtures.js';
import { runPool } from '../ingest/worker-pool.js';

/*
 * The open work of the agencies that have some, in a mix an administrator would recognise. Every tenth agency
 * falls in each of ten shapes (by its index), so the mix is the same at any scale and the run is repeatable.
 */

export interface SeededOpenWork {
  readonly agencies: number;
  /** Agencies whose items carry no name snapshot (older data): the digest reads their agency item. */
  readonly unnamedAgencies: number;
  /** Open items in the due index, whether or not due within the week. */
  readonly openItems: number;
  /** Of those, the ones due after the digest's week (the digest neither reads nor reports them). */
  readonly openItemsDueLater: number;
  readonly milliseconds: number;
}

const requirements = (count: number, flaggedAt?: number): SeededRequest[] =>
  Array.from({ length: count }, (_unused, index) => ({
    requirementId: `item-${index + 1}`,
    ...(index === flaggedAt
      ? {
          status: 'flagged' as const,
          flagReason: 'The signature page is missing',
          decidedAt: '2027-03-05T19:00:00.000Z',
        }
      : {}),
  }));

/**
 * Seeds `count` agencies with open work around `asOf` (through the repository, with trail events, as the
 * product writes it), `concurrency` agencies at a time. Shapes by index % 10:
 *   0-2  an audit overdue 1-20 days, collecting, 1-4 items owed (every third with one flagged)
 *   3-4  an audit due within the week, opened, 1-3 items owed
 *   5    an audit in review with one item flagged, due in 10-30 days (the flagged collection, not the week)
 *   6    last cycle's audit in remediation, its corrective action plan overdue 1-10 days
 *   7    an overdue audit with 2 items owed, and a corrective action plan due within the week
 *   8    an audit opened for next month, 2 items owed (in the due index, past the week: never read)
 *   9    an audit overdue 1-20 days, collecting, 2-5 items owed
 * Every twentieth agency's items carry no name snapshot.
 */
export async function seedAgenciesWithOpenWork(
  repository: Repository,
  asOf: Date,
  count: number,
  concurrency = 16,
): Promise<SeededOpenWork> {
  const started = performance.now();
  const today = localDateAt(asOf, DIGEST_ZONE);
  const day = (offset: number): LocalDate => addDays(today, offset);
  const counts = await runPool(
    Array.from({ length: count }, (_unused, index) => index),
    concurrency,
    async (index) => {
      const ori = fixtureOri('A', index);
      const name = `Bench Agency ${index + 1}`;
      await registerFixtureAgency(repository, ori, name);
      const named = index % 20 === 0 ? {} : { agencyName: name };
      const base = { ori, ...named, periodKey: '2027' };
      switch (index % 10) {
        case 0:
        case 1:
        case 2: {
          const owed = 1 + (index % 4);
          await seedAudit(repository, {
            ...base,
            status: 'collecting',
            dueDate: day(-(1 + (index % 20))),
            requests: requirements(owed, index % 3 === 0 ? 0 : undefined),
          });
          return { items: 1 + owed, later: 0 };
        }
        case 3:
        case 4: {
          const owed = 1 + (index % 3);
          await seedAudit(repository, {
            ...base,
            status: 'open',
            dueDate: day(1 + (index % 6)),
            requests: requirements(owed),
          });
          return { items: 1 + owed, later: 0 };
        }
        case 5:
          await seedAudit(repository, {
            ...base,
            status: 'in-review',
            dueDate: day(10 + (index % 21)),
            requests: [{ requirementId: 'item-1', status: 'accepted' }, ...requirements(2, 1).slice(1)],
          });
          // Past the week in the due index, but listed in the flagged collection.
          return { items: 1, later: 0 };
        case 6: {
          const audit = await seedAudit(repository, {
            ...base,
            periodKey: '2026',
            status: 'remediation',
            dueDate: day(-120),
            requests: [{ requirementId: 'item-1', status: 'accepted' }],
          });
          await seedRemediationTask(repository, audit, day(-(1 + (index % 10))));
          return { items: 1, later: 0 };
        }
        case 7: {
          await seedAudit(repository, {
            ...base,
            status: 'open',
            dueDate: day(-3),
            requests: requirements(2),
          });
          const audit = await seedAudit(repository, {
            ...base,
            periodKey: '2026',
            status: 'remediation',
            dueDate: day(-90),
            requests: [{ requirementId: 'item-1', status: 'accepted' }],
          });
          await seedRemediationTask(repository, audit, day(4), 'plan-submitted');
          return { items: 4, later: 0 };
        }
        case 8:
          await seedAudit(repository, {
            ...base,
            status: 'open',
            dueDate: day(30 + (index % 30)),
            requests: requirements(2),
          });
          return { items: 3, later: 3 };
        default: {
          const owed = 2 + (index % 4);
          await seedAudit(repository, {
            ...base,
            status: 'collecting',
            dueDate: day(-(1 + (index % 20))),
            requests: requirements(owed),
          });
          return { items: 1 + owed, later: 0 };
        }
      }
    },
  );
  return {
    agencies: count,
    unnamedAgencies: Math.ceil(count / 20),
    openItems: counts.reduce((sum, entry) => sum + entry.items, 0),
    openItemsDueLater: counts.reduce((sum, entry) => sum + entry.later, 0),
    milliseconds: performance.now() - started,
  };
}
