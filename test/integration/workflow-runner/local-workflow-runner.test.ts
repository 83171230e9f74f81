import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../sandbox/virtual-clock.js';
import type { AslDefinition, JsonValue } from '../../../sandbox/workflows/asl-definition.js';
import { type LambdaHandler, LocalWorkflowRunner } from '../../../sandbox/workflows/local-workflow-runner.js';
import {
  callbackLoop,
  outlivesItsTimeout,
  shardedPlanning,
  singleLambda,
  twoWaits,
} from './hand-written-definitions.js';

const START = new Date('2026-03-02T14:00:00.000Z');
const DAY = 86_400_000;

function namedError(name: string, message: string): Error {
  return Object.assign(new Error(message), { name });
}

/** A runner over hand-written definitions, its handlers given by function name, on a clock of its own. */
function setUp(stateMachines: Record<string, AslDefinition>, handlers: Record<string, LambdaHandler>) {
  let runner: LocalWorkflowRunner | undefined;
  const clock = new VirtualClock({ start: START, settle: () => runner?.whenIdle() ?? Promise.resolve() });
  runner = new LocalWorkflowRunner({
    stateMachines,
    clock,
    resolveFunction: (name) => {
      const handler = handlers[name];
      if (!handler) throw new Error(`no handler ${name}`);
      return handler;
    },
  });
  return { runner, clock };
}

/** Handlers of the callback loop that record what they saw; the wait hands its token to the test. */
function callbackHandlers(waitSeconds = 7 * 86_400) {
  const seen = { tokens: [] as string[], reminders: [] as string[], failures: [] as JsonValue[] };
  let clock: VirtualClock | undefined;
  const handlers: Record<string, LambdaHandler> = {
    PlanNextNotice: () => ({ waitSeconds }),
    WaitForEvidence: (event) => {
      seen.tokens.push((event as { taskToken: string }).taskToken);
      return { parked: true };
    },
    SendReminder: () => {
      seen.reminders.push(clock?.now().toISOString() ?? '');
      return {};
    },
    CloseAudit: () => ({ closed: true }),
    MarkAuditFailed: (event) => {
      seen.failures.push(event);
      return {};
    },
  };
  return { seen, handlers, useClock: (value: VirtualClock) => (clock = value) };
}

describe('Class: LocalWorkflowRunner', () => {
  describe('Lambda tasks', () => {
    it('hands the handler the Payload and wraps its result in the Invoke envelope', async () => {
      // Prepare
      const events: JsonValue[] = [];
      const { runner } = setUp(
        { adder: singleLambda },
        {
          Adder: (event) => {
            events.push(event);
            const { a, b } = event as { a: number; b: number };
            return { sum: a + b, at: new Date(0) };
          },
        },
      );

      // Act
      runner.startExecution('adder', 'add-1', { a: 2, b: 3 });
      await runner.whenIdle();

      // Assess
      expect(events).toEqual([{ a: 2, b: 3 }]);
      const execution = runner.describeExecution('add-1');
      expect(execution).toMatchObject({
        status: 'SUCCEEDED',
        output: { a: 2, b: 3, result: { sum: 5, status: 200 } },
        stateTransitions: 1,
      });
      // ExecutionStarted, TaskStateEntered, TaskScheduled, TaskStarted, TaskSucceeded, TaskStateExited, ExecutionSucceeded
      expect(execution?.historyEvents).toBe(7);
    });

    it('fails the execution with the error name the handler threw and the Lambda error as cause', async () => {
      // Prepare
      const { runner } = setUp(
        { adder: singleLambda },
        {
          Adder: () => {
            throw namedError('InvalidWorkflowEventError', 'a: must be a number');
          },
        },
      );

      // Act
      runner.startExecution('adder', 'add-bad', { a: 'x' });
      await runner.whenIdle();

      // Assess
      const execution = runner.describeExecution('add-bad');
      expect(execution?.status).toBe('FAILED');
      expect(execution?.error).toBe('InvalidWorkflowEventError');
      expect(JSON.parse(execution?.cause ?? '')).toEqual({
        errorType: 'InvalidWorkflowEventError',
        errorMessage: 'a: must be a number',
      });
    });
  });

  describe('Method: startExecution', () => {
    it('starts a name once: a second start answers started false and leaves the first alone', async () => {
      // Prepare
      let calls = 0;
      const { runner } = setUp(
        { adder: singleLambda },
        {
          Adder: () => {
            calls += 1;
            return { sum: 0 };
          },
        },
      );

      // Act
      const first = runner.startExecution('adder', 'once', { a: 1, b: 1 });
      const second = runner.startExecution('adder', 'once', { a: 5, b: 5 });
      await runner.whenIdle();
      const third = await runner.startAuditLifecycle({ auditId: 'once' }).catch((error: Error) => error.name);

      // Assess
      expect(first.started).toBe(true);
      expect(second.started).toBe(false);
      expect(calls).toBe(1);
      expect(runner.describeExecution('once')?.input).toEqual({ a: 1, b: 1 });
      // This runner has no auditLifecycle machine: the start names what it does have.
      expect(third).toBe('UnknownStateMachineError');
    });

    it('rejects an execution name AWS would reject', () => {
      // Prepare
      const { runner } = setUp({ adder: singleLambda }, {});

      // Act / Assess
      expect(() => runner.startExecution('adder', 'has space', {})).toThrow(/not valid/);
      expect(() => runner.startExecution('adder', 'x'.repeat(81), {})).toThrow(/not valid/);
    });
  });

  describe('Callback tasks', () => {
    it('completes the task with the SendTaskSuccess output and mints a fresh token per wait', async () => {
      // Prepare
      const { seen, handlers } = callbackHandlers();
      const { runner } = setUp({ lifecycle: callbackLoop }, handlers);

      // Act
      runner.startExecution('lifecycle', 'aud-1', { auditId: 'aud-1' });
      await runner.whenIdle();
      const parked = runner.describeExecution('aud-1');
      const [token] = seen.tokens;
      await runner.sendTaskSuccess(token ?? '', { evidence: 'complete' });
      await runner.whenIdle();

      // Assess
      expect(parked?.status).toBe('RUNNING');
      expect(parked?.parked).toEqual([
        {
          stateName: 'Wait For Evidence',
          kind: 'callback',
          until: new Date(START.getTime() + 7 * DAY).toISOString(),
        },
      ]);
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(runner.describeExecution('aud-1')).toMatchObject({
        status: 'SUCCEEDED',
        output: { auditId: 'aud-1', evidence: { evidence: 'complete' }, close: { closed: true } },
        parked: [],
      });
    });

    it('answers TaskTokenInvalid for an unknown token and for one already answered', async () => {
      // Prepare
      const { seen, handlers } = callbackHandlers();
      const { runner } = setUp({ lifecycle: callbackLoop }, handlers);
      runner.startExecution('lifecycle', 'aud-2', { auditId: 'aud-2' });
      await runner.whenIdle();
      const token = seen.tokens[0] ?? '';
      await runner.sendTaskSuccess(token, {});

      // Act
      const unknown = await runner.sendTaskSuccess('not-a-token', {}).catch((error: Error) => error);
      const again = await runner
        .sendTaskFailure(token, 'AuditCancelled', 'late')
        .catch((error: Error) => error);

      // Assess
      expect(unknown).toMatchObject({ name: 'TaskTokenInvalid' });
      expect(again).toMatchObject({ name: 'TaskTokenInvalid' });
      expect((unknown as Error).message).not.toContain('not-a-token');
    });

    it('routes SendTaskFailure by its error name through Catch, and publishes the alarm', async () => {
      // Prepare
      const { seen, handlers } = callbackHandlers();
      const { runner, clock } = setUp({ lifecycle: callbackLoop }, handlers);
      runner.startExecution('lifecycle', 'aud-3', { auditId: 'aud-3' });
      await runner.whenIdle();

      // Act
      await clock.advance(DAY);
      await runner.sendTaskFailure(seen.tokens[0] ?? '', 'AuditCancelled', 'Withdrawn by the administrator');
      await runner.whenIdle();

      // Assess
      expect(seen.failures).toEqual([
        expect.objectContaining({
          auditId: 'aud-3',
          failure: { Error: 'AuditCancelled', Cause: 'Withdrawn by the administrator' },
        }),
      ]);
      expect(runner.alarms).toEqual([
        {
          topicArn: 'arn:aws:sns:us-gov-west-1:123456789012:Alarms',
          subject: 'Audit workflow failed',
          message: 'Audit aud-3 failed: AuditCancelled',
          publishedAt: new Date(START.getTime() + DAY).toISOString(),
          executionName: 'aud-3',
          stateName: 'Raise Alarm',
        },
      ]);
      expect(runner.describeExecution('aud-3')).toMatchObject({
        status: 'FAILED',
        error: 'AuditWorkflowFailed',
        cause: 'See the alarm.',
      });
    });

    it('times a callback out on the virtual clock at TimeoutSecondsPath, routed by Catch on States.Timeout', async () => {
      // Prepare
      const { seen, handlers, useClock } = callbackHandlers(3 * 86_400);
      const { runner, clock } = setUp({ lifecycle: callbackLoop }, handlers);
      useClock(clock);
      runner.startExecution('lifecycle', 'aud-4', { auditId: 'aud-4' });
      await runner.whenIdle();

      // Act
      const justBefore = await clock.advance(3 * DAY - 1);
      const remindersBefore = seen.reminders.length;
      const through = await clock.advance({ until: new Date(START.getTime() + 7 * DAY) });

      // Assess
      expect(justBefore.fired).toEqual([]);
      expect(remindersBefore).toBe(0);
      // Day 3 and day 6: each timeout sends a reminder, plans again and parks with a fresh token.
      expect(seen.reminders).toEqual([
        new Date(START.getTime() + 3 * DAY).toISOString(),
        new Date(START.getTime() + 6 * DAY).toISOString(),
      ]);
      expect(through.fired.map((timer) => timer.label)).toEqual([
        'callback Wait For Evidence',
        'callback Wait For Evidence',
      ]);
      expect(new Set(seen.tokens).size).toBe(3);
      const old = await runner.sendTaskSuccess(seen.tokens[0] ?? '', {}).catch((error: Error) => error.name);
      expect(old).toBe('TaskTokenInvalid');
      expect(runner.describeExecution('aud-4')?.parked[0]?.until).toBe(
        new Date(START.getTime() + 9 * DAY).toISOString(),
      );
    });

    it('accepts an answer sent while the callback handler is still running', async () => {
      // Prepare: the handler finds the phase already complete and answers its own token.
      const { handlers } = callbackHandlers();
      let runnerRef: LocalWorkflowRunner | undefined;
      handlers.WaitForEvidence = async (event) => {
        await runnerRef?.sendTaskSuccess((event as { taskToken: string }).taskToken, { already: true });
        return {};
      };
      const { runner } = setUp({ lifecycle: callbackLoop }, handlers);
      runnerRef = runner;

      // Act
      runner.startExecution('lifecycle', 'aud-5', { auditId: 'aud-5' });
      await runner.whenIdle();

      // Assess
      expect(runner.describeExecution('aud-5')).toMatchObject({
        status: 'SUCCEEDED',
        output: { evidence: { already: true } },
      });
    });
  });

  describe('Map, Choice and Retry', () => {
    it('plans every shard, retries a throttled shard without waiting, and counts each retry as a transition', async () => {
      // Prepare
      let throttledOnce = false;
      const { runner } = setUp(
        { planning: shardedPlanning },
        {
          PlanWindow: () => ({ window: { from: 'a', to: 'b' }, shards: [0, 1, 2, 3, 4, 5, 6, 7] }),
          PlanShard: (event) => {
            const { shard } = event as { shard: number };
            if (shard === 5 && !throttledOnce) {
              throttledOnce = true;
              throw namedError('Throttled', 'slow down');
            }
            return { shard, planned: shard % 2 };
          },
        },
      );
      const started = Date.now();

      // Act
      runner.startExecution('planning', 'daily-2026-03-02', {});
      await runner.whenIdle();

      // Assess
      const execution = runner.describeExecution('daily-2026-03-02');
      expect(Date.now() - started).toBeLessThan(5_000); // the 30 s retry interval did not run in real time
      expect(execution?.status).toBe('SUCCEEDED');
      expect((execution?.output as { shardResults?: JsonValue[] } | undefined)?.shardResults).toEqual([
        { shard: 'none' },
        { shard: 1, planned: 1 },
        { shard: 'none' },
        { shard: 3, planned: 1 },
        { shard: 'none' },
        { shard: 5, planned: 1 },
        { shard: 'none' },
        { shard: 7, planned: 1 },
      ]);
      // Plan Window + Map + 8 × (Plan Shard, Choice, Pass) + 1 retry.
      expect(execution?.stateTransitions).toBe(2 + 8 * 3 + 1);
    });
  });

  describe('Timeouts and waits on the virtual clock', () => {
    it('times the execution out at its top-level TimeoutSeconds', async () => {
      // Prepare
      const { runner, clock } = setUp({ slow: outlivesItsTimeout }, {});
      runner.startExecution('slow', 'slow-1', {});
      await runner.whenIdle();

      // Act
      const before = runner.describeExecution('slow-1')?.status;
      await clock.advance(2 * 3_600_000);

      // Assess
      expect(before).toBe('RUNNING');
      expect(runner.describeExecution('slow-1')).toMatchObject({
        status: 'TIMED_OUT',
        error: 'States.Timeout',
        stopDate: new Date(START.getTime() + 3_600_000).toISOString(),
        parked: [],
      });
      expect(clock.pendingTimers()).toEqual([]);
    });

    it('runs Wait states on the virtual clock, so a handler after them sees the waited-for time', async () => {
      // Prepare
      let clockRef: VirtualClock | undefined;
      const { runner, clock } = setUp(
        { waits: twoWaits },
        { NoteTheTime: () => ({ at: clockRef?.now().toISOString() }) },
      );
      clockRef = clock;
      const dueAt = new Date(START.getTime() + 2 * DAY).toISOString();

      // Act
      runner.startExecution('waits', 'wait-1', { dueAt });
      await runner.whenIdle();
      await clock.advance(DAY);
      const halfway = runner.describeExecution('wait-1');
      await clock.advance(DAY);

      // Assess
      expect(halfway?.parked).toEqual([{ stateName: 'Wait Until Due', kind: 'wait', until: dueAt }]);
      expect(runner.describeExecution('wait-1')).toMatchObject({
        status: 'SUCCEEDED',
        output: { at: dueAt },
      });
      // Two Wait states count two events each, as in AWS.
      expect(runner.describeExecution('wait-1')?.historyEvents).toBe(1 + 2 + 2 + 5 + 1);
    });
  });

  describe('Method: stop', () => {
    it('aborts running executions and releases their parked tasks', async () => {
      // Prepare
      const { seen, handlers } = callbackHandlers();
      const { runner, clock } = setUp({ lifecycle: callbackLoop }, handlers);
      runner.startExecution('lifecycle', 'aud-6', { auditId: 'aud-6' });
      await runner.whenIdle();

      // Act
      await runner.stop();

      // Assess
      expect(runner.listExecutions()).toEqual([
        expect.objectContaining({ name: 'aud-6', status: 'ABORTED' }),
      ]);
      expect(runner.parkedTasks()).toEqual([]);
      expect(clock.pendingTimers()).toEqual([]);
      const late = await runner.sendTaskSuccess(seen.tokens[0] ?? '', {}).catch((error: Error) => error.name);
      expect(late).toBe('TaskTokenInvalid');
    });
  });
});
