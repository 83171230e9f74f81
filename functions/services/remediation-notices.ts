import type { StoredRemediationTask } from '../adapters/dynamodb/audit-repository.js';
import { agencyOwes, taskReference } from '../domain/lifecycle/remediation-phase.js';
import type { NoticeStep } from '../domain/notices/notice-schedule.js';
import type { Agency } from '../domain/schemas/agency.js';
import type { Audit } from '../domain/schemas/audit.js';
import type { Actor } from '../domain/schemas/common.js';
import type { Finding, RemediationTask } from '../domain/schemas/finding.js';
import {
  agencyContactsData,
  auditFactsData,
  contactEmailsData,
  dueInText,
  linkData,
  oneLine,
  overdueByText,
  roleLabel,
} from './notice-data.js';
import { type NoticeRequest, recipientAddresses, recordAndSendNotice } from './notices.js';
import { issueUploadLink } from './upload-links.js';

/*
 * The remediation phase's emails. Each carries, where the agency has something to do, a fresh upload link for
 * the task's owner role that stays valid past the task's due date. Every email is a notice of its own,
 * idempotent per audit and step key (task-<finding>-<task>-...), so a retried step sends nothing twice.
 */

const remediationActor: Actor = { type: 'system', id: 'remediation' };

/** A link for the task's owner role, valid past the latest due date among the tasks it is sent about. */
const issueTaskLink = (
  audit: Audit,
  role: RemediationTask['ownerRole'],
  tasks: readonly StoredRemediationTask[],
) => {
  // The audit's own due date is among them: a link never expires before the audit's would.
  const latest = [audit.dueAt, ...tasks.map((task) => task.dueAt)].sort().at(-1) as string;
  return async () =>
    linkData(
      await issueUploadLink({ ...audit, dueAt: latest }, role, 'remediation', remediationActor),
      audit.timeZone,
    );
};

const findingOf = (findings: readonly Finding[], task: RemediationTask): Finding => {
  const finding = findings.find((candidate) => candidate.findingId === task.findingId);
  if (!finding) throw new Error(`Task ${task.taskId} has no finding ${task.findingId}`);
  return finding;
};

const taskDueFacts = (audit: Audit, task: RemediationTask) => ({
  dueDate: task.dueDate,
  timeZone: audit.timeZone,
});

/**
 * Tells a role which findings need its corrective action: one email per role listing its tasks, with a link.
 * `stepKey` names the occasion (remediation-<role> when the phase opens, task-<ref>-opened for a later task).
 */
export async function sendRemediationRequired(input: {
  audit: Audit;
  agency: Agency | undefined;
  role: RemediationTask['ownerRole'];
  tasks: readonly StoredRemediationTask[];
  findings: readonly Finding[];
  stepKey: string;
  now: Date;
}): Promise<void> {
  const { audit, agency, role, tasks } = input;
  const recipients = agency ? recipientAddresses(agency, [role]) : [];
  if (tasks.length === 0 || recipients.length === 0) return;
  const lines = tasks.map((task) => {
    const finding = findingOf(input.findings, task);
    return {
      findingId: finding.findingId,
      title: oneLine(finding.title, 200),
      severity: finding.severity,
      // The email shows the start of a long description; the portal and the report show all of it.
      description:
        finding.description.length > 4000 ? `${finding.description.slice(0, 3999)}…` : finding.description,
      dueDate: task.dueDate,
      repeat: finding.repeatOf !== undefined,
      taskId: task.taskId,
    };
  });
  await recordAndSendNotice({
    audit,
    kind: 'remediation',
    stepKey: input.stepKey,
    recipients,
    scheduledFor: input.now.toISOString(),
    template: 'remediation-required',
    data: {
      ...auditFactsData(audit, agency),
      ...contactEmailsData(),
      findingCount: lines.length,
      findings: lines,
    },
    issueLink: issueTaskLink(audit, role, tasks),
  });
}

interface TaskNoticeContext {
  readonly audit: Audit;
  readonly agency: Agency | undefined;
  readonly task: StoredRemediationTask;
  readonly finding: Finding;
  readonly now: Date;
}

const taskFacts = ({ task, finding }: TaskNoticeContext) => ({
  taskId: task.taskId,
  findingTitle: oneLine(finding.title, 200),
});

async function sendToOwner(
  context: TaskNoticeContext,
  stepKey: string,
  content: Pick<NoticeRequest, 'template' | 'data' | 'issueLink'>,
): Promise<void> {
  const { audit, agency, task } = context;
  const recipients = agency ? recipientAddresses(agency, [task.ownerRole]) : [];
  if (recipients.length === 0) return;
  await recordAndSendNotice({
    audit,
    kind: 'remediation',
    stepKey,
    recipients,
    scheduledFor: context.now.toISOString(),
    ...content,
  } as NoticeRequest);
}

/** The reviewer asked for a revised plan: the reason, and a link to answer it. */
export function sendPlanRevisionRequested(context: TaskNoticeContext, reason: string): Promise<void> {
  const { audit, agency, task, finding } = context;
  return sendToOwner(context, `task-${taskReference(task.taskId)}-revision-${task.revisionRequests.length}`, {
    template: 'plan-revision-requested',
    data: {
      ...auditFactsData(audit, agency),
      ...contactEmailsData(),
      ...taskFacts(context),
      severity: finding.severity,
      taskDueDate: task.dueDate,
      reason,
    },
    issueLink: issueTaskLink(audit, task.ownerRole, [task]),
  });
}

/** The plan was accepted: the agency now fixes and uploads verification evidence through the link. */
export function sendPlanAccepted(context: TaskNoticeContext): Promise<void> {
  const { audit, agency, task } = context;
  return sendToOwner(context, `task-${taskReference(task.taskId)}-plan-accepted`, {
    template: 'plan-accepted',
    data: {
      ...auditFactsData(audit, agency),
      ...contactEmailsData(),
      ...taskFacts(context),
      taskDueDate: task.dueDate,
      planTargetDate: task.plan?.targetDate ?? task.dueDate,
    },
    issueLink: issueTaskLink(audit, task.ownerRole, [task]),
  });
}

/** The fix was verified and the task closed. */
export function sendTaskClosed(context: TaskNoticeContext): Promise<void> {
  const { audit, agency, task } = context;
  return sendToOwner(context, `task-${taskReference(task.taskId)}-closed`, {
    template: 'task-closed',
    data: { ...auditFactsData(audit, agency), ...contactEmailsData(), ...taskFacts(context) },
  });
}

const STAGES = { reminder: 'reminder', due: 'due', overdue: 'overdue' } as const;

/**
 * One step of a task's notice schedule. The owner role (and any agency role the step names) gets the task
 * notice while the agency owes something; escalations go to the agency head and the administrators, also only
 * while the agency has the next move. The administrators' overdue-audit step is left to the daily digest, which
 * lists every overdue task.
 */
export async function sendTaskScheduleStep(context: TaskNoticeContext, step: NoticeStep): Promise<void> {
  const { audit, agency, task, finding, now } = context;
  const owed = agencyOwes(task);
  const stepKey = `task-${taskReference(task.taskId)}-${step.key}`;
  const facts = auditFactsData(audit, agency);
  if (step.kind === 'reminder' || step.kind === 'due' || step.kind === 'overdue') {
    if (!owed) return;
    const roles = step.recipients.filter((role) => role !== 'administrator');
    const recipients = agency ? recipientAddresses(agency, roles) : [];
    if (recipients.length === 0) return;
    await recordAndSendNotice({
      audit,
      kind: step.kind,
      stepKey,
      recipients,
      scheduledFor: step.sendAt,
      template: 'task-notice',
      data: {
        ...facts,
        ...contactEmailsData(),
        ...taskFacts(context),
        stage: STAGES[step.kind],
        timing:
          step.kind === 'overdue'
            ? `${overdueByText(taskDueFacts(audit, task), now)} ago`
            : step.kind === 'due'
              ? 'today'
              : `in ${dueInText(taskDueFacts(audit, task), now)}`,
        severity: finding.severity,
        taskDueDate: task.dueDate,
        owed,
      },
      issueLink: issueTaskLink(audit, task.ownerRole, [task]),
    });
    return;
  }
  // While the reviewer has the next move, nobody at the agency is late: the digest still lists the task.
  if (step.kind !== 'escalation' || !owed) return;
  const overdueBy = overdueByText(taskDueFacts(audit, task), now);
  const escalationFacts = {
    ...taskFacts(context),
    severity: finding.severity,
    ownerRole: roleLabel(task.ownerRole),
    taskDueDate: task.dueDate,
    overdueBy,
    owed,
  };
  const agencyRoles = step.recipients.filter((role) => role !== 'administrator');
  const agencyRecipients = agency ? recipientAddresses(agency, agencyRoles) : [];
  if (agencyRecipients.length > 0) {
    await recordAndSendNotice({
      audit,
      kind: 'escalation',
      stepKey,
      recipients: agencyRecipients,
      scheduledFor: step.sendAt,
      template: 'task-escalation-agency-head',
      data: { ...facts, ...contactEmailsData(), ...escalationFacts },
      issueLink: issueTaskLink(audit, task.ownerRole, [task]),
    });
  }
  if (step.recipients.includes('administrator') && agency) {
    const administrators = recipientAddresses(agency, ['administrator']);
    if (administrators.length === 0) return;
    await recordAndSendNotice({
      audit,
      kind: 'escalation',
      stepKey: `${stepKey}-administrators`,
      recipients: administrators,
      scheduledFor: step.sendAt,
      template: 'task-escalation-administrators',
      data: { ...facts, ...agencyContactsData(agency), ...escalationFacts },
    });
  }
}
