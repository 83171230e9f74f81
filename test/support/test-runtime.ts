import { vi } from 'vitest';
import { bindRuntime, type Runtime } from '../../functions/adapters/runtime/runtime.js';
import type { RuntimeSettings } from '../../functions/adapters/runtime/settings.js';
import type { WorkflowClient } from '../../functions/adapters/runtime/workflow-client.js';
import { DEFAULT_SEVERITY_POLICY } from '../../functions/domain/remediation/severity-policy.js';
import type { TestTable } from './test-table.js';

/** Step Functions stand-in: records what the code asked of the workflows. */
export function fakeWorkflows() {
  return {
    startAuditLifecycle: vi.fn<WorkflowClient['startAuditLifecycle']>(async () => ({ started: true })),
    continueAuditLifecycle: vi.fn<WorkflowClient['continueAuditLifecycle']>(async () => ({ started: true })),
    startScheduleRun: vi.fn<WorkflowClient['startScheduleRun']>(async () => ({
      executionName: 'manual-run-1',
    })),
    sendTaskSuccess: vi.fn<WorkflowClient['sendTaskSuccess']>(async () => undefined),
    sendTaskFailure: vi.fn<WorkflowClient['sendTaskFailure']>(async () => undefined),
  };
}

export const testSettings: RuntimeSettings = {
  stage: 'test',
  timeZone: 'America/Los_Angeles',
  adminEmails: ['cjis-admin@example.gov'],
  uploadLinkLifetimeDays: 30,
  maxUploadBytes: 1024 * 1024,
  publicBaseUrl: 'https://audits.example.gov',
  severityPolicy: DEFAULT_SEVERITY_POLICY,
};

/**
 * Binds what handlers and services use, as the sandbox binds its own: the run's test table, a fixed clock,
 * fake workflows, a mailer that sends nothing, and test settings (override any of them).
 */
export function bindTestRuntime(
  table: TestTable,
  options: { now: Date; workflows: WorkflowClient; settings?: Partial<RuntimeSettings> } & Partial<
    Pick<Runtime, 'evidenceStore'>
  >,
): void {
  bindRuntime({
    repository: table.repository,
    clock: { now: () => options.now },
    workflows: options.workflows,
    mailer: { send: vi.fn(async () => ({ messageId: 'unused' })) },
    settings: { ...testSettings, ...options.settings },
    ...(options.evidenceStore ? { evidenceStore: options.evidenceStore } : {}),
  });
}
