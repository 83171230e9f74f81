import {
  auditId as buildAuditId,
  evidenceId,
  evidenceRequestId,
  notificationId,
} from '../../functions/domain/ids.js';
import { transitionAudit } from '../../functions/domain/lifecycle/audit.js';
import { transitionEvidenceRequest } from '../../functions/domain/lifecycle/evidence-request.js';
import { raiseFinding, transitionFinding } from '../../functions/domain/lifecycle/finding.js';
import { transitionNotification } from '../../functions/domain/lifecycle/notification-delivery.js';
import {
  openRemediationTask,
  transitionRemediationTask,
} from '../../functions/domain/lifecycle/remediation-task.js';
import { type TransitionResult, unwrapTransition } from '../../functions/domain/lifecycle/state-machine.js';
import { type Audit, AuditSchema } from '../../functions/domain/schemas/audit.js';
import type { Actor } from '../../functions/domain/schemas/common.js';
import {
  type Evidence,
  type EvidenceRequest,
  EvidenceRequestSchema,
  EvidenceSchema,
} from '../../functions/domain/schemas/evidence.js';
import {
  type Finding,
  FindingSchema,
  type RemediationTask,
  RemediationTaskSchema,
} from '../../functions/domain/schemas/finding.js';
import {
  type NoticeKind,
  type NotificationRecord,
  NotificationRecordSchema,
} from '../../functions/domain/schemas/notification.js';
import {
  type TrailEvent,
  type TrailEventDraft,
  TrailEventSchema,
} from '../../functions/domain/schemas/trail-event.js';
import { type UploadRejection, UploadRejectionSchema } from '../../functions/domain/schemas/upload-link.js';
import { appendTrailEvent, sha256Hex } from '../../functions/domain/trail/hash-chain.js';
import type { CloseOutReportInput } from '../../functions/reports/build-close-out-report.js';

/*
 * A closed audit built the way the system builds one: entities through the domain's lifecycle functions, every
 * change sealed into the trail with the real hash chain, every entity checked with its domain schema. Used by
 * the report tests (3 requests, with hostile text in names and descriptions) and the report benchmark (200).
 */

export interface CloseOutAuditShape {
  readonly requests: number;
  /** Every nth request (1-based) has its first file flagged and a corrected one accepted. */
  readonly flagEvery: number;
  /** Reminder notices per request (each one queued, sent and delivered in the trail). */
  readonly remindersPerRequest: number;
  /** Agency, file and finding text full of markup, quotes and spreadsheet formulas. */
  readonly hostileText: boolean;
}

export const SMALL_AUDIT: CloseOutAuditShape = {
  requests: 3,
  flagEvery: 2,
  remindersPerRequest: 1,
  hostileText: true,
};

const ORI = 'CA0190000';
const PROGRAM = 'account-review';
const reviewer: Actor = { type: 'reviewer', id: 'jane.doe@doj.ca.gov' };
const workflow: Actor = { type: 'system', id: 'audit-lifecycle' };
const intake: Actor = { type: 'system', id: 'evidence-intake' };
const notices: Actor = { type: 'system', id: 'notices' };
const agencyContact: Actor = { type: 'agency-contact', id: 'lnk-4f2a9c', role: 'tac' };

export const HOSTILE = {
  agencyName: 'Kern <script>alert("x")</script> & "Sons" Police',
  description: 'Signed review, "all" accounts\nincluding <b>admins</b> & contractors',
  fileNames: ['=HYPERLINK("http://evil.example","x").pdf', '+cmd.pdf', '-2+3.pdf', '@SUM(A1).pdf'],
  findingTitle: '=1+1 <img src=x onerror=alert(1)>',
  findingDescription: 'Accounts "stale" & <unreviewed>, see list;\nsecond line',
} as const;

/** Instants one step apart, from a fixed start: the fixture never reads the clock. */
class FixtureClock {
  private ms = Date.parse('2026-03-02T17:00:00.000Z');
  next(minutes = 7): string {
    this.ms += minutes * 60_000;
    return new Date(this.ms).toISOString();
  }
}

class Trail {
  readonly events: TrailEvent[] = [];
  record(draft: TrailEventDraft): void {
    this.events.push(appendTrailEvent(this.events.at(-1) ?? null, draft));
  }
}

function take<E>(result: TransitionResult<E>, trail: Trail): E {
  const { entity, event } = unwrapTransition(result);
  trail.record(event);
  return entity;
}

export function buildCloseOutAudit(shape: CloseOutAuditShape = SMALL_AUDIT): CloseOutReportInput {
  const clock = new FixtureClock();
  const trail = new Trail();
  const id = buildAuditId(ORI, PROGRAM, '2026');
  const agencyName = shape.hostileText ? HOSTILE.agencyName : 'Kern County Sheriff';
  const draft = (type: string, subject: TrailEventDraft['subject'], actor: Actor, payload = {}) => ({
    type,
    at: clock.next(1),
    actor,
    subject,
    streamId: id,
    payload,
  });

  const createdAt = clock.next();
  let audit: Audit = {
    auditId: id,
    ori: ORI,
    agencyName,
    programId: PROGRAM,
    periodKey: '2026',
    catalogVersion: '2026.1.0',
    status: 'scheduled',
    nominalDate: '2026-06-01',
    dueDate: '2026-06-01',
    dueAt: '2026-06-02T06:59:59.999Z',
    opensAt: '2026-03-02T08:00:00.000Z',
    timeZone: 'America/Los_Angeles',
    responsibleRole: 'tac',
    createdAt,
    updatedAt: createdAt,
    version: 0,
  };
  trail.record({ ...draft('audit.scheduled', { type: 'audit', id }, workflow), at: createdAt });

  let requests: EvidenceRequest[] = Array.from({ length: shape.requests }, (_, index) => {
    const requirementId = `item-${String(index + 1).padStart(3, '0')}`;
    const request: EvidenceRequest = {
      requestId: evidenceRequestId(id, requirementId),
      auditId: id,
      ori: ORI,
      agencyName,
      programId: PROGRAM,
      requirementId,
      description: shape.hostileText && index === 0 ? HOSTILE.description : `Evidence item ${index + 1}`,
      acceptedContentTypes: ['application/pdf'],
      status: 'requested',
      dueDate: audit.dueDate,
      dueAt: audit.dueAt,
      submissionCount: 0,
      createdAt,
      updatedAt: createdAt,
      version: 0,
    };
    trail.record(
      draft('evidence-request.created', { type: 'evidence-request', id: request.requestId }, workflow),
    );
    return request;
  });

  const noticeRecords: NotificationRecord[] = [];
  /** A notice through its delivery states, each change in the trail. */
  const notify = (
    subjectId: string,
    kind: NoticeKind,
    stepKey: string,
    outcome: 'delivered' | 'bounced' | 'failed' | 'complained',
  ) => {
    const at = clock.next(1);
    let notice: NotificationRecord = {
      notificationId: notificationId(subjectId, stepKey),
      subjectId,
      auditId: id,
      ori: ORI,
      kind,
      stepKey,
      recipients: [{ role: 'tac', email: 'tac@kern.example.gov' }],
      subject: `${kind} for ${subjectId}`,
      scheduledFor: at,
      status: 'queued',
      deliveryEvents: [],
      createdAt: at,
      updatedAt: at,
      version: 0,
    };
    trail.record(
      draft('notification.queued', { type: 'notification', id: notice.notificationId }, notices, { kind }),
    );
    const context = () => ({ at: clock.next(1), actor: notices });
    if (outcome === 'failed') {
      notice = take(
        transitionNotification(
          notice,
          { action: 'mark-failed', reason: 'SES refused: throttled' },
          context(),
        ),
        trail,
      );
    } else {
      const messageId = `ses-${sha256Hex(notice.notificationId).slice(0, 20)}`;
      notice = take(
        transitionNotification(notice, { action: 'mark-sent', sesMessageId: messageId }, context()),
        trail,
      );
      if (outcome === 'bounced') {
        notice = take(
          transitionNotification(notice, { action: 'mark-bounced', detail: 'mailbox full' }, context()),
          trail,
        );
      } else {
        notice = take(transitionNotification(notice, { action: 'mark-delivered' }, context()), trail);
        if (outcome === 'complained') {
          notice = take(transitionNotification(notice, { action: 'mark-complained' }, context()), trail);
        }
      }
    }
    noticeRecords.push(notice);
  };

  audit = take(transitionAudit(audit, { action: 'open' }, { at: clock.next(), actor: workflow }), trail);
  notify(id, 'upload-link', 'audit-opened-tac', 'delivered');

  const evidence: Evidence[] = [];
  const rejections: UploadRejection[] = [];
  let fileCount = 0;
  const receive = (request: EvidenceRequest, submission: number): Evidence => {
    const sha256 = sha256Hex(`${request.requestId}#${submission}`);
    const receivedAt = clock.next(3);
    const names = HOSTILE.fileNames;
    const fileName = shape.hostileText
      ? (names[fileCount % names.length] ?? 'file.pdf')
      : `${request.requirementId}-v${submission}.pdf`;
    fileCount += 1;
    const item: Evidence = {
      evidenceId: evidenceId(request.requestId, sha256),
      requestId: request.requestId,
      auditId: id,
      ori: ORI,
      requirementId: request.requirementId,
      fileName,
      contentType: 'application/pdf',
      sizeBytes: 10_000 + ((fileCount * 7919) % 90_000),
      sha256,
      objectKey: `evidence/${id}/${request.requestId}/${sha256.slice(0, 16)}`,
      objectVersion: `v${sha256.slice(16, 48)}`,
      receivedAt,
      effectiveDate: receivedAt.slice(0, 10),
      uploadedBy: agencyContact,
    };
    evidence.push(item);
    trail.record({
      ...draft('evidence.received', { type: 'evidence', id: item.evidenceId }, intake, {
        requestId: request.requestId,
        sha256,
        sizeBytes: item.sizeBytes,
      }),
      at: receivedAt,
    });
    return item;
  };

  // The first request's first upload is refused at ingest (its hash did not match the declaration).
  const first = requests[0];
  if (first) {
    const at = clock.next();
    const declared = sha256Hex('declared');
    const rejection: UploadRejection = {
      rejectionId: sha256Hex(`rejection-${first.requestId}`).slice(0, 32),
      auditId: id,
      requestId: first.requestId,
      ori: ORI,
      objectKey: `evidence/${id}/${first.requestId}/refused`,
      objectVersion: 'v-refused-1',
      fileName: shape.hostileText ? '<b>bad</b>.pdf' : 'scan.pdf',
      reasons: ['sha256 does not match the declared sha256'],
      declaredSha256: declared,
      actualSha256: sha256Hex('actual'),
      at,
    };
    rejections.push(rejection);
    trail.record({
      ...draft('evidence.rejected', { type: 'evidence-request', id: first.requestId }, intake, {
        reasons: rejection.reasons,
      }),
      at,
    });
    notify(first.requestId, 'upload-rejected', 'rejected-1', 'delivered');
  }

  requests = requests.map((request, index) => {
    const file = receive(request, 1);
    if (index === 0)
      audit = take(
        transitionAudit(audit, { action: 'start-collecting' }, { at: clock.next(), actor: workflow }),
        trail,
      );
    for (let reminder = 1; reminder <= shape.remindersPerRequest; reminder++) {
      notify(request.requestId, 'reminder', `reminder-${reminder}`, 'delivered');
    }
    const submitted = take(
      transitionEvidenceRequest(
        request,
        { action: 'submit', evidenceId: file.evidenceId },
        { at: file.receivedAt, actor: intake },
      ),
      trail,
    );
    notify(request.requestId, 'evidence-receipt', 'receipt-1', 'delivered');
    return submitted;
  });

  audit = take(
    transitionAudit(audit, { action: 'submit-for-review' }, { at: clock.next(), actor: workflow }),
    trail,
  );

  requests = requests.map((request, index) => {
    let current = request;
    const review = () => {
      trail.record(
        draft(
          'evidence.download-issued',
          { type: 'evidence', id: current.currentEvidenceId ?? '' },
          reviewer,
        ),
      );
    };
    review();
    if ((index + 1) % shape.flagEvery === 0) {
      current = take(
        transitionEvidenceRequest(
          current,
          {
            action: 'flag',
            evidenceId: current.currentEvidenceId ?? '',
            reason: 'Unsigned: the "signature" page is missing',
          },
          { at: clock.next(), actor: reviewer },
        ),
        trail,
      );
      notify(current.requestId, 'evidence-flagged', 'flagged-1', index === 1 ? 'bounced' : 'delivered');
      const corrected = receive(current, 2);
      current = take(
        transitionEvidenceRequest(
          current,
          { action: 'resubmit', evidenceId: corrected.evidenceId },
          { at: corrected.receivedAt, actor: intake },
        ),
        trail,
      );
      review();
    }
    return take(
      transitionEvidenceRequest(
        current,
        {
          action: 'accept',
          evidenceId: current.currentEvidenceId ?? '',
          comment: 'Checked against the roster',
        },
        { at: clock.next(), actor: reviewer },
      ),
      trail,
    );
  });

  // Two findings, each with a corrective-action task; the first plan is sent back once.
  const findings: Finding[] = [];
  const tasks: RemediationTask[] = [];
  const raised = [
    {
      severity: 'high' as const,
      title: shape.hostileText ? HOSTILE.findingTitle : 'Stale accounts',
      description: shape.hostileText ? HOSTILE.findingDescription : 'Accounts not reviewed in 12 months.',
      requirementId: requests[0]?.requirementId,
    },
    { severity: 'medium' as const, title: 'Late log review', description: 'Log review done 10 days late.' },
  ];
  const context = () => ({ at: clock.next(), actor: reviewer });
  const agency = () => ({ at: clock.next(), actor: agencyContact });
  const opened = raised.map((input, index) => {
    const made = raiseFinding(
      {
        auditId: id,
        ori: ORI,
        sequence: index + 1,
        severity: input.severity,
        title: input.title,
        description: input.description,
        ...(input.requirementId ? { requirementId: input.requirementId } : {}),
      },
      context(),
    );
    trail.record(made.event);
    const task = openRemediationTask(made.finding, { ownerRole: 'laso' }, context());
    trail.record(task.event);
    const finding = take(transitionFinding(made.finding, { action: 'start-remediation' }, context()), trail);
    return { finding, task: task.task };
  });
  audit = take(transitionAudit(audit, { action: 'require-remediation' }, context()), trail);
  for (const [index, item] of opened.entries()) {
    let { finding, task } = item;
    const plan = {
      summary: 'Disable stale accounts, then review monthly',
      steps: ['Export list', 'Disable'],
      targetDate: '2026-05-01',
    };
    task = take(transitionRemediationTask(task, { action: 'submit-plan', plan }, agency()), trail);
    if (index === 0) {
      task = take(
        transitionRemediationTask(
          task,
          { action: 'request-revision', reason: 'Name who disables them' },
          context(),
        ),
        trail,
      );
      const revised = { ...plan, summary: 'The LASO disables stale accounts' };
      task = take(transitionRemediationTask(task, { action: 'submit-plan', plan: revised }, agency()), trail);
    }
    task = take(transitionRemediationTask(task, { action: 'accept-plan' }, context()), trail);
    notify(task.taskId, 'remediation', 'plan-accepted', index === 0 ? 'failed' : 'complained');
    const proof = evidence[index]?.evidenceId ?? 'none';
    task = take(
      transitionRemediationTask(task, { action: 'verify', evidenceIds: [proof] }, context()),
      trail,
    );
    task = take(transitionRemediationTask(task, { action: 'close' }, context()), trail);
    finding = take(transitionFinding(finding, { action: 'verify' }, context()), trail);
    finding = take(transitionFinding(finding, { action: 'close' }, context()), trail);
    findings.push(finding);
    tasks.push(task);
  }
  audit = take(transitionAudit(audit, { action: 'close' }, { at: clock.next(), actor: workflow }), trail);

  return {
    bundle: {
      audit: AuditSchema.parse(audit),
      requests: requests.map((request) => EvidenceRequestSchema.parse(request)),
      evidence: evidence.map((item) => EvidenceSchema.parse(item)),
      findings: findings.map((finding) => FindingSchema.parse(finding)),
      tasks: tasks.map((task) => RemediationTaskSchema.parse(task)),
      notices: noticeRecords.map((notice) => NotificationRecordSchema.parse(notice)),
      rejections: rejections.map((rejection) => UploadRejectionSchema.parse(rejection)),
    },
    agency: { ori: ORI, name: agencyName },
    trail: trail.events.map((event) => TrailEventSchema.parse(event)),
    generatedAt: clock.next(60),
    programTitle: 'User account review',
  };
}
