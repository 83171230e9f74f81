import type { StoredRemediationTask } from '../../functions/adapters/dynamodb/audit-repository.js';
import type { Repository } from '../../functions/adapters/dynamodb/repository.js';
import { endOfLocalDay } from '../../functions/domain/calendar/time-zones.js';
import { raiseFinding } from '../../functions/domain/lifecycle/finding.js';
import {
  openRemediationTask,
  type RemediationTaskCommand,
  transitionRemediationTask,
} from '../../functions/domain/lifecycle/remediation-task.js';
import { unwrapTransition } from '../../functions/domain/lifecycle/state-machine.js';
import type { Audit } from '../../functions/domain/schemas/audit.js';
import type { Actor } from '../../functions/domain/schemas/common.js';
import type { EvidenceRequest } from '../../functions/domain/schemas/evidence.js';
import type { Finding, Severity } from '../../functions/domain/schemas/finding.js';
import { registerAgency } from '../../functions/services/agencies.js';
import { issueUploadLink } from '../../functions/services/upload-links.js';
import { auditFixture, eventFixture, requestFixture, systemActor } from './audit-fixtures.js';
import { uniqueOri } from './test-table.js';

/*
 * An audit in review with findings and remediation tasks, built the way the system builds them (the domain's
 * lifecycle functions, the repository), and a TAC upload link as the agency receives it. Bound runtime required
 * (registerAgency and issueUploadLink use it).
 */

const reviewer: Actor = { type: 'reviewer', id: 'jane.doe@doj.ca.gov' };
const agencyActor: Actor = { type: 'agency-contact', id: 'link-fixture', role: 'tac' };

export type FixtureTaskStatus = 'awaiting-plan' | 'plan-submitted' | 'revision-requested' | 'plan-accepted';

export interface FixtureTask {
  readonly status: FixtureTaskStatus;
  readonly title?: string;
  readonly description?: string;
  readonly severity?: Severity;
  /** The finding repeats one of the previous audit. */
  readonly repeat?: boolean;
  /** The requirement the finding is about; null for a finding about no requirement. Default: review-signoff. */
  readonly requirementId?: string | null;
  readonly revisionReason?: string;
}

export interface RemediationScenario {
  readonly ori: string;
  readonly agencyName: string;
  readonly audit: Audit;
  readonly requests: EvidenceRequest[];
  readonly findings: Finding[];
  readonly tasks: StoredRemediationTask[];
  readonly token: string;
  readonly linkRef: string;
}

/** The commands that take a fresh task to a status, as the agency and the reviewer would. */
function commandsTo(status: FixtureTaskStatus, revisionReason: string): RemediationTaskCommand[] {
  const plan = {
    summary: 'Disable shared logins and retrain the operators.',
    steps: ['List shared accounts', 'Disable them'],
    targetDate: '2027-03-31',
  };
  switch (status) {
    case 'awaiting-plan':
      return [];
    case 'plan-submitted':
      return [{ action: 'submit-plan', plan }];
    case 'revision-requested':
      return [
        { action: 'submit-plan', plan },
        { action: 'request-revision', reason: revisionReason },
      ];
    case 'plan-accepted':
      return [{ action: 'submit-plan', plan }, { action: 'accept-plan' }];
  }
}

export async function auditWithRemediationTasks(
  repository: Repository,
  options: {
    readonly now: Date;
    readonly auditStatus?: Audit['status'];
    readonly tasks: readonly FixtureTask[];
    readonly agencyName?: string;
    /** Each request's status (the review is usually done by the time tasks exist). */
    readonly requestStatus?: EvidenceRequest['status'];
    readonly requests?: readonly Partial<EvidenceRequest>[];
  },
): Promise<RemediationScenario> {
  const ori = uniqueOri();
  const agencyName = options.agencyName ?? `Remediation Test Agency ${ori}`;
  await registerAgency(
    {
      ori,
      name: agencyName,
      county: 'Fresno',
      agencyType: 'criminal-justice-agency',
      contacts: [
        { role: 'tac', name: 'Terry', email: `tac-${ori.toLowerCase()}@example.gov` },
        { role: 'laso', name: 'Lee', email: `laso-${ori.toLowerCase()}@example.gov` },
        { role: 'agency-head', name: 'Avery', email: `head-${ori.toLowerCase()}@example.gov` },
      ],
    },
    systemActor,
  );
  const { audits } = repository;
  const fixture = auditFixture(ori, {
    status: options.auditStatus ?? 'in-review',
    openedAt: '2027-01-30T08:00:00.000Z',
  });
  const { audit } = await audits.createAudit(fixture, eventFixture(fixture.auditId, 'audit.opened'));
  const requests: EvidenceRequest[] = [];
  for (const [index, overrides] of (options.requests ?? [{}]).entries()) {
    const requirement = overrides.requirementId ?? (index === 0 ? 'review-signoff' : `requirement-${index}`);
    const { request } = await audits.createEvidenceRequest(
      { ...requestFixture(audit, requirement), status: options.requestStatus ?? 'accepted', ...overrides },
      eventFixture(audit.auditId, 'evidence-request.created', `req-${requirement}`),
    );
    requests.push(request);
  }
  const { token, link } = await issueUploadLink(audit, 'tac', 'remediation', systemActor);

  const findings: Finding[] = [];
  const tasks: StoredRemediationTask[] = [];
  for (const [index, spec] of options.tasks.entries()) {
    const requirementId = spec.requirementId === undefined ? 'review-signoff' : spec.requirementId;
    const raised = raiseFinding(
      {
        auditId: audit.auditId,
        ori,
        sequence: index + 1,
        severity: spec.severity ?? 'high',
        title: spec.title ?? `Finding ${index + 1}`,
        description: spec.description ?? 'Two operators share one login.',
        ...(requirementId ? { requirementId } : {}),
      },
      { at: '2027-02-01T18:00:00.000Z', actor: reviewer },
      { timeZone: audit.timeZone },
    );
    const finding = {
      ...raised.finding,
      ...(spec.repeat
        ? {
            repeatOf: {
              findingId: `fnd_${ori}_account-review_2024_001`,
              auditId: `aud_${ori}_account-review_2024`,
            },
          }
        : {}),
    };
    const { finding: stored } = await audits.createFinding(finding, raised.event);
    findings.push(stored);
    const opened = openRemediationTask(
      stored,
      { ownerRole: 'tac' },
      { at: '2027-02-01T18:05:00.000Z', actor: reviewer },
    );
    let { task } = await audits.createRemediationTask(
      { ...opened.task, dueAt: endOfLocalDay(opened.task.dueDate, audit.timeZone).toISOString() },
      opened.event,
    );
    for (const command of commandsTo(spec.status, spec.revisionReason ?? 'Say who retrains the operators.')) {
      const actor = command.action === 'submit-plan' ? agencyActor : reviewer;
      const { entity, event } = unwrapTransition(
        transitionRemediationTask(task, command, { at: '2027-02-02T18:00:00.000Z', actor }),
      );
      task = await audits.saveRemediationTask(task, { ...entity, dueAt: task.dueAt }, event);
    }
    tasks.push(task);
  }
  return { ori, agencyName, audit, requests, findings, tasks, token, linkRef: link.linkRef };
}
