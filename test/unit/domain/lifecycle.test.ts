import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AUDIT_LIFECYCLE,
  type AuditCommand,
  allowedActions,
  applyReviewDecision,
  EVIDENCE_REQUEST_LIFECYCLE,
  type EvidenceRequestCommand,
  FINDING_LIFECYCLE,
  type FindingCommand,
  IllegalTransitionError,
  type Lifecycle,
  NOTIFICATION_LIFECYCLE,
  type NotificationCommand,
  REMEDIATION_TASK_LIFECYCLE,
  type RemediationTaskCommand,
  runTransition,
  TrailEventDraftSchema,
  TransitionPreconditionError,
  transitionAudit,
  transitionEvidenceRequest,
  transitionFinding,
  transitionNotification,
  transitionRemediationTask,
  unwrapTransition,
} from '../../../functions/domain/index.js';
import {
  ADMIN,
  AGENCY,
  REVIEWER,
  SYSTEM,
  sampleAudit,
  sampleFinding,
  sampleNotification,
  sampleRequest,
  sampleTask,
} from './fixtures.js';

const NUM_RUNS = 300;
const LATER = '2026-05-10T18:30:00.000Z';

describe('Function: transitionAudit', () => {
  it('opens a scheduled audit and returns the trail event to record', () => {
    const result = transitionAudit(sampleAudit(), { action: 'open' }, { at: new Date(LATER), actor: SYSTEM });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.entity).toMatchObject({ status: 'open', openedAt: LATER, updatedAt: LATER, version: 0 });
    expect(result.event).toEqual({
      type: 'audit.opened',
      at: LATER,
      actor: SYSTEM,
      subject: { type: 'audit', id: 'aud_CA0190000_account-review_2026' },
      streamId: 'aud_CA0190000_account-review_2026',
      payload: { action: 'open', from: 'scheduled', to: 'open' },
    });
    expect(TrailEventDraftSchema.safeParse(result.event).success).toBe(true);
  });

  it('walks the whole path to closed through review and remediation', () => {
    let audit = sampleAudit();
    const steps: AuditCommand[] = [
      { action: 'open' },
      { action: 'start-collecting' },
      { action: 'submit-for-review' },
      { action: 'return-to-collecting', reason: 'Scan report flagged' },
      { action: 'submit-for-review' },
      { action: 'require-remediation' },
      { action: 'close' },
    ];
    for (const command of steps)
      audit = unwrapTransition(transitionAudit(audit, command, { at: LATER, actor: ADMIN })).entity;
    expect(audit).toMatchObject({ status: 'closed', closedAt: LATER, reviewStartedAt: LATER });
  });

  it('rejects closing a scheduled audit with an error naming the transition', () => {
    const result = transitionAudit(sampleAudit(), { action: 'close' }, { at: LATER, actor: ADMIN });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toBeInstanceOf(IllegalTransitionError);
    expect(result.error).toMatchObject({
      name: 'IllegalTransitionError',
      entity: 'audit',
      from: 'scheduled',
      action: 'close',
      allowedActions: ['open', 'cancel', 'record-failure'],
    });
    expect(result.error.message).toBe(
      "Illegal audit transition: cannot 'close' audit aud_CA0190000_account-review_2026 while it is 'scheduled'. Allowed actions from 'scheduled': open, cancel, record-failure.",
    );
    expect(() => unwrapTransition(result)).toThrow(IllegalTransitionError);
  });

  it('rejects every action on a closed audit and says the status is final', () => {
    const result = transitionAudit(
      sampleAudit({ status: 'closed' }),
      { action: 'open' },
      { at: LATER, actor: ADMIN },
    );
    expect(!result.ok && result.error.message).toMatch(/none \(final status\)/);
  });

  it('requires a reason to cancel and records it', () => {
    const blank = transitionAudit(
      sampleAudit(),
      { action: 'cancel', reason: '  ' },
      { at: LATER, actor: ADMIN },
    );
    expect(!blank.ok && blank.error).toBeInstanceOf(TransitionPreconditionError);
    expect(!blank.ok && blank.error.message).toMatch(/reason must not be empty/);
    const done = unwrapTransition(
      transitionAudit(
        sampleAudit(),
        { action: 'cancel', reason: ' Agency merged ' },
        { at: LATER, actor: ADMIN },
      ),
    );
    expect(done.entity).toMatchObject({
      status: 'cancelled',
      cancelReason: 'Agency merged',
      cancelledAt: LATER,
    });
    expect(done.event.payload).toMatchObject({ reason: 'Agency merged' });
  });

  it('treats an unknown action from the outside world as illegal', () => {
    const result = runTransition(AUDIT_LIFECYCLE, sampleAudit(), { action: 'toString' } as never, {
      at: LATER,
      actor: ADMIN,
    });
    expect(!result.ok && result.error).toBeInstanceOf(IllegalTransitionError);
  });
});

describe('Function: transitionEvidenceRequest / applyReviewDecision', () => {
  it('runs submit → flag → resubmit → accept, keeping the current evidence and submission count', () => {
    const ctx = { at: LATER, actor: AGENCY };
    let request = unwrapTransition(
      transitionEvidenceRequest(sampleRequest(), { action: 'submit', evidenceId: 'evd_1' }, ctx),
    ).entity;
    expect(request).toMatchObject({
      status: 'submitted',
      currentEvidenceId: 'evd_1',
      submissionCount: 1,
      submittedAt: LATER,
    });

    const flagged = unwrapTransition(
      applyReviewDecision(request, {
        decision: 'flag',
        evidenceId: 'evd_1',
        reviewer: REVIEWER,
        decidedAt: LATER,
        reason: 'Unsigned',
      }),
    );
    expect(flagged.entity).toMatchObject({ status: 'flagged', flagReason: 'Unsigned', decidedAt: LATER });
    expect(flagged.event).toMatchObject({
      type: 'evidence-request.flagged',
      actor: REVIEWER,
      payload: { reason: 'Unsigned' },
    });

    request = unwrapTransition(
      transitionEvidenceRequest(flagged.entity, { action: 'resubmit', evidenceId: 'evd_2' }, ctx),
    ).entity;
    expect(request).toMatchObject({ status: 'resubmitted', submissionCount: 2, flagReason: undefined });

    const accepted = unwrapTransition(
      applyReviewDecision(request, {
        decision: 'accept',
        evidenceId: 'evd_2',
        reviewer: REVIEWER,
        decidedAt: LATER,
        comment: 'Thanks',
      }),
    );
    expect(accepted.entity.status).toBe('accepted');
    expect(accepted.event.payload).toMatchObject({ evidenceId: 'evd_2', comment: 'Thanks' });
  });

  it('refuses a decision about evidence that is not the one under review', () => {
    const request = sampleRequest({ status: 'resubmitted', currentEvidenceId: 'evd_2', submissionCount: 2 });
    const result = applyReviewDecision(request, {
      decision: 'accept',
      evidenceId: 'evd_1',
      reviewer: REVIEWER,
      decidedAt: LATER,
    });
    expect(!result.ok && result.error).toBeInstanceOf(TransitionPreconditionError);
    expect(!result.ok && result.error.message).toMatch(/evidence under review is 'evd_2'/);
    const none = applyReviewDecision(sampleRequest({ status: 'submitted' }), {
      decision: 'accept',
      evidenceId: 'evd_1',
      reviewer: REVIEWER,
      decidedAt: LATER,
    });
    expect(!none.ok && none.error.message).toMatch(/is 'none'/);
  });

  it('refuses a flag without a reason, and a submit without an evidence id', () => {
    const flag = transitionEvidenceRequest(
      sampleRequest({ status: 'submitted', currentEvidenceId: 'evd_1' }),
      { action: 'flag', evidenceId: 'evd_1', reason: '' },
      { at: LATER, actor: REVIEWER },
    );
    expect(!flag.ok && flag.error.message).toMatch(/reason must not be empty/);
    const submit = transitionEvidenceRequest(
      sampleRequest(),
      { action: 'submit', evidenceId: ' ' },
      { at: LATER, actor: AGENCY },
    );
    expect(!submit.ok && submit.error.message).toMatch(/evidenceId must not be empty/);
  });

  it('rejects accepting evidence that was never submitted', () => {
    const result = transitionEvidenceRequest(
      sampleRequest(),
      { action: 'accept', evidenceId: 'evd_1' },
      { at: LATER, actor: REVIEWER },
    );
    expect(!result.ok && result.error).toMatchObject({
      entity: 'evidence-request',
      from: 'requested',
      action: 'accept',
    });
  });
});

describe('Function: transitionFinding', () => {
  it('goes open → remediation → verified → (reopen) → verified → closed', () => {
    const ctx = { at: LATER, actor: REVIEWER };
    let finding = sampleFinding();
    const steps: FindingCommand[] = [
      { action: 'start-remediation' },
      { action: 'verify' },
      { action: 'reopen', reason: 'Still one stale account' },
      { action: 'verify' },
      { action: 'close' },
    ];
    for (const command of steps) finding = unwrapTransition(transitionFinding(finding, command, ctx)).entity;
    expect(finding).toMatchObject({ status: 'closed', verifiedAt: LATER, closedAt: LATER });
  });

  it('withdraws with a reason and rejects closing an open finding', () => {
    const ctx = { at: LATER, actor: REVIEWER };
    const withdrawn = unwrapTransition(
      transitionFinding(sampleFinding(), { action: 'withdraw', reason: 'Raised in error' }, ctx),
    );
    expect(withdrawn.entity).toMatchObject({ status: 'withdrawn', withdrawnReason: 'Raised in error' });
    expect(withdrawn.event.payload).toMatchObject({ reason: 'Raised in error' });
    const close = transitionFinding(sampleFinding(), { action: 'close' }, ctx);
    expect(!close.ok && close.error).toBeInstanceOf(IllegalTransitionError);
  });
});

describe('Function: transitionRemediationTask', () => {
  it('runs the corrective action plan loop with a revision request', () => {
    let task = sampleTask();
    const plan = { summary: 'Disable stale accounts weekly', targetDate: '2026-05-30' };
    task = unwrapTransition(
      transitionRemediationTask(task, { action: 'submit-plan', plan }, { at: LATER, actor: AGENCY }),
    ).entity;
    expect(task.plan).toEqual({ ...plan, steps: [], submittedAt: LATER, submittedBy: AGENCY });

    const revision = unwrapTransition(
      transitionRemediationTask(
        task,
        { action: 'request-revision', reason: 'Add an owner' },
        { at: LATER, actor: REVIEWER },
      ),
    );
    expect(revision.entity.revisionRequests).toEqual([{ reason: 'Add an owner', at: LATER, by: REVIEWER }]);

    const commands: [RemediationTaskCommand, typeof AGENCY][] = [
      [{ action: 'submit-plan', plan: { ...plan, steps: ['TAC runs report'] } }, AGENCY],
      [{ action: 'accept-plan' }, REVIEWER],
      [{ action: 'verify', evidenceIds: ['evd_9'] }, REVIEWER],
      [{ action: 'close' }, REVIEWER],
    ];
    task = revision.entity;
    for (const [command, actor] of commands)
      task = unwrapTransition(transitionRemediationTask(task, command, { at: LATER, actor })).entity;
    expect(task).toMatchObject({
      status: 'closed',
      verificationEvidenceIds: ['evd_9'],
      verifiedAt: LATER,
      closedAt: LATER,
    });
  });

  it('checks the plan, the verification evidence and the cancel reason', () => {
    const ctx = { at: LATER, actor: AGENCY };
    const badDate = transitionRemediationTask(
      sampleTask(),
      { action: 'submit-plan', plan: { summary: 'x', targetDate: 'soon' } },
      ctx,
    );
    expect(!badDate.ok && badDate.error.message).toMatch(/plan\.targetDate must be a calendar date/);
    const noSummary = transitionRemediationTask(
      sampleTask(),
      { action: 'submit-plan', plan: { summary: ' ', targetDate: '2026-06-01' } },
      ctx,
    );
    expect(!noSummary.ok && noSummary.error.message).toMatch(/plan\.summary must not be empty/);
    const noEvidence = transitionRemediationTask(
      sampleTask({ status: 'plan-accepted' }),
      { action: 'verify', evidenceIds: [] },
      ctx,
    );
    expect(!noEvidence.ok && noEvidence.error.message).toMatch(/evidenceIds must list at least one/);
    const cancelled = unwrapTransition(
      transitionRemediationTask(sampleTask(), { action: 'cancel', reason: 'Finding withdrawn' }, ctx),
    );
    expect(cancelled.entity).toMatchObject({ status: 'cancelled', cancelReason: 'Finding withdrawn' });
    expect(cancelled.event.payload).toMatchObject({ reason: 'Finding withdrawn' });
  });

  it('rejects verifying a plan that was never accepted', () => {
    const result = transitionRemediationTask(
      sampleTask({ status: 'plan-submitted' }),
      { action: 'verify', evidenceIds: ['evd_1'] },
      { at: LATER, actor: REVIEWER },
    );
    expect(!result.ok && result.error).toMatchObject({
      from: 'plan-submitted',
      action: 'verify',
      allowedActions: ['request-revision', 'accept-plan', 'cancel'],
    });
  });
});

describe('Function: transitionNotification', () => {
  it('records SES acceptance, delivery and a later complaint', () => {
    const ctx = { at: LATER, actor: SYSTEM };
    const sent = unwrapTransition(
      transitionNotification(sampleNotification(), { action: 'mark-sent', sesMessageId: 'ses-1' }, ctx),
    );
    expect(sent.entity).toMatchObject({ status: 'sent', sesMessageId: 'ses-1', sentAt: LATER });
    expect(sent.event.payload).toMatchObject({ sesMessageId: 'ses-1', stepKey: 'reminder-7d' });
    const delivered = unwrapTransition(
      transitionNotification(sent.entity, { action: 'mark-delivered' }, ctx),
    ).entity;
    expect(delivered).toMatchObject({ status: 'delivered', deliveredAt: LATER });
    const complained = unwrapTransition(
      transitionNotification(delivered, { action: 'mark-complained', detail: 'abuse' }, ctx),
    ).entity;
    expect(complained.deliveryEvents.map((event) => event.status)).toEqual([
      'sent',
      'delivered',
      'complained',
    ]);
    expect(complained.deliveryEvents.at(-1)).toEqual({ status: 'complained', at: LATER, detail: 'abuse' });
  });

  it('records bounces and failures, and rejects a repeated delivery event', () => {
    const ctx = { at: LATER, actor: SYSTEM };
    const bounced = unwrapTransition(
      transitionNotification(
        sampleNotification({ status: 'sent', sesMessageId: 'ses-1' }),
        { action: 'mark-bounced' },
        ctx,
      ),
    );
    expect(bounced.entity.status).toBe('bounced');
    const failed = unwrapTransition(
      transitionNotification(sampleNotification(), { action: 'mark-failed', reason: 'Throttled' }, ctx),
    );
    expect(failed.entity.deliveryEvents).toEqual([{ status: 'failed', at: LATER, detail: 'Throttled' }]);
    const noId = transitionNotification(sampleNotification(), { action: 'mark-sent', sesMessageId: '' }, ctx);
    expect(!noId.ok && noId.error).toBeInstanceOf(TransitionPreconditionError);
    const again = transitionNotification(
      sampleNotification({ status: 'delivered' }),
      { action: 'mark-delivered' },
      ctx,
    );
    expect(!again.ok && again.error).toBeInstanceOf(IllegalTransitionError);
    const orphan = unwrapTransition(
      transitionNotification(
        sampleNotification({ auditId: undefined }),
        { action: 'mark-failed', reason: 'x' },
        ctx,
      ),
    );
    expect(orphan.event.streamId).toBe(sampleNotification().subjectId);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Property: for any sequence of commands, a command succeeds exactly when the table allows it from the current
// status; a rejected command names the transition and leaves the entity as it was.

function checkLifecycle<
  S extends string,
  E extends { status: S; updatedAt: string },
  C extends { action: string },
>(
  lifecycle: Lifecycle<S, E, C>,
  initial: E,
  commandArb: fc.Arbitrary<C>,
  prepare: (entity: E, command: C) => C = (_entity, command) => command,
) {
  fc.assert(
    fc.property(fc.array(commandArb, { maxLength: 25 }), (commands) => {
      let entity = initial;
      for (const raw of commands) {
        const command = prepare(entity, raw);
        const allowed = allowedActions(lifecycle, entity.status).includes(command.action);
        const result = runTransition(lifecycle, entity, command, { at: LATER, actor: ADMIN });
        expect(result.ok).toBe(allowed);
        if (result.ok) {
          const spec = (lifecycle.transitions as Record<string, { to: S; event: string }>)[command.action];
          expect(result.entity.status).toBe(spec?.to);
          expect(result.event.type).toBe(spec?.event);
          expect(result.event.payload).toMatchObject({ from: entity.status, to: spec?.to });
          entity = result.entity;
        } else {
          expect(result.error).toBeInstanceOf(IllegalTransitionError);
          expect(result.error).toMatchObject({ from: entity.status, action: command.action });
        }
      }
    }),
    { numRuns: NUM_RUNS },
  );
}

describe('Property: illegal transitions are rejected', () => {
  it('audit', () => {
    checkLifecycle(
      AUDIT_LIFECYCLE,
      sampleAudit(),
      fc.constantFrom<AuditCommand>(
        { action: 'open' },
        { action: 'start-collecting' },
        { action: 'submit-for-review' },
        { action: 'return-to-collecting', reason: 'more needed' },
        { action: 'require-remediation' },
        { action: 'close' },
        { action: 'cancel', reason: 'duplicate' },
      ),
    );
  });

  it('evidence request', () => {
    checkLifecycle(
      EVIDENCE_REQUEST_LIFECYCLE,
      sampleRequest(),
      fc.constantFrom<EvidenceRequestCommand>(
        { action: 'submit', evidenceId: 'evd_new' },
        { action: 'accept', evidenceId: '' },
        { action: 'flag', evidenceId: '', reason: 'blurry' },
        { action: 'resubmit', evidenceId: 'evd_newer' },
      ),
      // Decisions always refer to the evidence under review, so only the status decides legality.
      (request, command) =>
        command.action === 'accept' || command.action === 'flag'
          ? { ...command, evidenceId: request.currentEvidenceId ?? 'evd_none' }
          : command,
    );
  });

  it('finding', () => {
    checkLifecycle(
      FINDING_LIFECYCLE,
      sampleFinding(),
      fc.constantFrom<FindingCommand>(
        { action: 'start-remediation' },
        { action: 'verify' },
        { action: 'reopen', reason: 'regressed' },
        { action: 'close' },
        { action: 'withdraw', reason: 'error' },
      ),
    );
  });

  it('remediation task', () => {
    checkLifecycle(
      REMEDIATION_TASK_LIFECYCLE,
      sampleTask(),
      fc.constantFrom<RemediationTaskCommand>(
        { action: 'submit-plan', plan: { summary: 'Fix it', targetDate: '2026-06-01' } },
        { action: 'request-revision', reason: 'More detail' },
        { action: 'accept-plan' },
        { action: 'verify', evidenceIds: ['evd_1'] },
        { action: 'close' },
        { action: 'cancel', reason: 'Superseded' },
      ),
    );
  });

  it('notification delivery', () => {
    checkLifecycle(
      NOTIFICATION_LIFECYCLE,
      sampleNotification(),
      fc.constantFrom<NotificationCommand>(
        { action: 'mark-sent', sesMessageId: 'ses-1' },
        { action: 'mark-delivered' },
        { action: 'mark-bounced' },
        { action: 'mark-complained' },
        { action: 'mark-failed', reason: 'refused' },
      ),
    );
  });
});
