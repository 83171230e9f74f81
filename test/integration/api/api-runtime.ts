import { vi } from 'vitest';
import { bindRuntime } from '../../../functions/adapters/runtime/runtime.js';
import type { WorkflowClient } from '../../../functions/adapters/runtime/workflow-client.js';
import type { Audit } from '../../../functions/domain/schemas/audit.js';
import { agencyIdOf } from '../../../functions/services/agencies.js';
import { connectTestTable, type TestTable } from '../../support/test-table.js';

/** The admin API's clock in these tests: 10 June 2026, 09:00 in California. */
export const NOW = new Date('2026-06-10T16:00:00.000Z');

/** Step Functions stand-in: records what the API asked of the workflows. */
export function fakeWorkflows() {
  return {
    startAuditLifecycle: vi.fn<WorkflowClient['startAuditLifecycle']>(async () => ({ started: true })),
    startScheduleRun: vi.fn<WorkflowClient['startScheduleRun']>(async () => ({
      executionName: 'manual-run-1',
    })),
    sendTaskSuccess: vi.fn<WorkflowClient['sendTaskSuccess']>(async () => undefined),
    sendTaskFailure: vi.fn<WorkflowClient['sendTaskFailure']>(async () => undefined),
  };
}

/** Binds the run's dynalite table, a fixed clock and fake workflows, as the sandbox binds its own. */
export async function bindApiTestRuntime(): Promise<{
  table: TestTable;
  workflows: ReturnType<typeof fakeWorkflows>;
}> {
  const table = await connectTestTable();
  const workflows = fakeWorkflows();
  bindRuntime({
    repository: table.repository,
    clock: { now: () => NOW },
    workflows,
    mailer: { send: vi.fn(async () => ({ messageId: 'unused' })) },
    settings: {
      stage: 'test',
      timeZone: 'America/Los_Angeles',
      adminEmails: ['cjis-admin@example.gov'],
      uploadLinkLifetimeDays: 30,
      maxUploadBytes: 1024 * 1024,
      publicBaseUrl: 'https://audits.example.gov',
    },
  });
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
