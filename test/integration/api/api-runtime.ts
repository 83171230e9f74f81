import type { Audit } from '../../../functions/domain/schemas/audit.js';
import { agencyIdOf } from '../../../functions/services/agencies.js';
import { bindTestRuntime, fakeWorkflows } from '../../support/test-runtime.js';
import { connectTestTable, type TestTable } from '../../support/test-table.js';

export { fakeWorkflows };

/** The admin API's clock in these tests: 10 June 2026, 09:00 in California. */
export const NOW = new Date('2026-06-10T16:00:00.000Z');

/** Binds the run's dynalite table, a fixed clock and fake workflows, as the sandbox binds its own. */
export async function bindApiTestRuntime(): Promise<{
  table: TestTable;
  workflows: ReturnType<typeof fakeWorkflows>;
}> {
  const table = await connectTestTable();
  const workflows = fakeWorkflows();
  bindTestRuntime(table, { now: NOW, workflows });
  return { table, workflows };
}

/**
 * Everything the admin API can write about one agency: its profile, enrollments, trail and audits (with their
 * trails). Taken before and after a refused request, it shows that nothing was written.
 */
export async function agencyFootprint(table: TestTable, ori: string) {
  const { agencies, audits, trail } = table.repository;
  const agencyAudits = await audits.listAgencyAudits(ori, { limit: 100 });
  return {
    agency: await agencies.getAgency(ori),
    enrollments: (await agencies.listEnrollments(ori, { limit: 100 })).items,
    agencyTrail: await trail.readAll(agencyIdOf(ori)),
    audits: agencyAudits.items,
    auditTrails: await Promise.all(agencyAudits.items.map((audit: Audit) => trail.readAll(audit.auditId))),
  };
}
