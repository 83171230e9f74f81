import { repository } from '../../functions/adapters/runtime/bindings.js';
import { OBLIGATIONS_CATALOG } from '../../functions/domain/catalog/obligations.js';
import { resolveObligation } from '../../functions/domain/catalog/resolve-obligation.js';
import { scheduleAudit } from '../../functions/domain/lifecycle/audit.js';
import { buildNoticeSchedule } from '../../functions/domain/notices/notice-schedule.js';
import { planDueOccurrences } from '../../functions/domain/planning/plan-due-occurrences.js';
import { registerAgency } from '../../functions/services/agencies.js';
import { completeEvidencePhase, completeReview } from '../../functions/services/audit-lifecycle.js';
import { type Sandbox, startSandbox } from '../../sandbox/start-sandbox.js';

export interface LifecycleRun {
  readonly requests: number;
  readonly noticesRecorded: number;
  readonly status: string;
  readonly stateTransitions: number;
  readonly historyEvents: number;
  readonly wallSeconds: number;
}

const ORI = 'CA0199999';
const DUE_DATE = '2026-09-15';
const REQUESTS = 20;
const system = { type: 'system' as const, id: 'bench' };

/**
 * One full audit lifecycle on the sandbox's engines with the real state machine and handlers: 20 evidence
 * requests, the four reminders of the default notice policy (30, 14, 7 and 1 days before the due date),
 * evidence completed on the last day, review, close. Returns the execution's AWS-style counts.
 */
export async function runFullLifecycle(): Promise<LifecycleRun> {
  const started = performance.now();
  const enrollment = {
    ori: ORI,
    programId: 'account-review',
    anchorDate: DUE_DATE,
    timeZone: 'America/Los_Angeles',
    status: 'active' as const,
  };
  const [occurrence] = planDueOccurrences([enrollment], '2026-01-01T00:00:00Z', '2026-12-31T00:00:00Z');
  if (!occurrence) throw new Error('The bench enrollment planned no occurrence');
  const sandbox: Sandbox = await startSandbox({ clockStart: new Date(occurrence.opensAt) });
  try {
    await registerAgency(
      {
        ori: ORI,
        name: 'Bench Police Department',
        county: 'Fresno',
        agencyType: 'criminal-justice-agency',
        contacts: [
          { role: 'tac', name: 'Terry Coordinator', email: 'tac@bench.example.gov' },
          { role: 'laso', name: 'Lee Security', email: 'laso@bench.example.gov' },
          { role: 'agency-head', name: 'Avery Chief', email: 'chief@bench.example.gov' },
        ],
      },
      system,
    );
    // The catalog's account review asks for 2 items; the bench audit asks for 20 of the same shape.
    const base = resolveObligation(OBLIGATIONS_CATALOG, 'account-review');
    const template = base.evidence[0];
    if (!template) throw new Error('account-review has no evidence requirement');
    const obligation = {
      ...base,
      evidence: Array.from({ length: REQUESTS }, (_unused, index) => ({
        ...template,
        id: `bench-item-${index + 1}`,
      })),
    };
    const { audit, requests, event } = scheduleAudit(occurrence, obligation, {
      at: occurrence.opensAt,
      actor: system,
    });
    const { audits } = repository();
    await audits.createAudit(audit, event);
    for (const request of requests) {
      await audits.createEvidenceRequest(request, {
        ...event,
        type: 'evidence-request.created',
        subject: { type: 'evidence-request', id: request.requestId },
      });
    }
    const { runner, clock } = sandbox.workflows;
    await runner.startAuditLifecycle({ auditId: audit.auditId });
    await runner.whenIdle();

    // Let the four reminders go out, then the agency delivers everything on the last day.
    const schedule = buildNoticeSchedule({
      dueDate: audit.dueDate,
      timeZone: audit.timeZone,
      responsibleRole: audit.responsibleRole,
    });
    const lastReminder = schedule.steps.filter((step) => step.kind === 'reminder').at(-1);
    if (!lastReminder) throw new Error('The notice policy has no reminder');
    await clock.advance({ until: new Date(Date.parse(lastReminder.sendAt) + 3_600_000) });
    for (const request of (await audits.getAuditBundle(audit.auditId))?.requests ?? []) {
      await audits.saveEvidenceRequest(
        request,
        {
          ...request,
          status: 'submitted',
          submissionCount: 1,
          currentEvidenceId: `evd_${request.requirementId}`,
        },
        {
          ...event,
          type: 'evidence-request.submitted',
          at: clock.now().toISOString(),
          subject: { type: 'evidence-request', id: request.requestId },
        },
      );
    }
    await completeEvidencePhase(audit.auditId);
    await runner.whenIdle();
    await completeReview(audit.auditId);
    await runner.whenIdle();

    const execution = runner.describeExecution(audit.auditId);
    const bundle = await audits.getAuditBundle(audit.auditId);
    return {
      requests: bundle?.requests.length ?? 0,
      noticesRecorded: (bundle?.notices ?? []).filter((notice) => notice.kind === 'reminder').length,
      status: execution?.status ?? 'UNKNOWN',
      stateTransitions: execution?.stateTransitions ?? Number.NaN,
      historyEvents: execution?.historyEvents ?? Number.NaN,
      wallSeconds: (performance.now() - started) / 1000,
    };
  } finally {
    await sandbox.stop();
  }
}
