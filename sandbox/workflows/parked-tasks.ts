import { randomBytes } from 'node:crypto';
import type { JsonValue } from './asl-definition.js';
import { TaskTokenInvalidError } from './workflow-errors.js';

/** What the runner needs from a clock: the time, and timers that fire when virtual time reaches them. */
export interface TimerQueue {
  now(): Date;
  setTimer(at: Date, label: string, fire: () => void): { cancel(): void };
}

/** Why a parked task is released without an answer: its execution ended, so the engine must not go on. */
export function executionEndedError(): Error {
  // The engine retries and catches any error unless it says otherwise (its RuntimeError contract).
  return Object.assign(new Error('The execution ended while this task was waiting.'), {
    name: 'ExecutionEnded',
    isRetryable: false,
    isCatchable: false,
  });
}

/** The error Step Functions gives a task whose timeout elapsed; Catch blocks match it by name. */
export function statesTimeoutError(): Error {
  return Object.assign(new Error('The task timed out.'), { name: 'States.Timeout' });
}

/** A task parked until something outside the engine happens: a callback answer, or the virtual clock. */
interface ParkedTask {
  readonly executionKey: string;
  readonly stateName: string;
  readonly kind: 'callback' | 'wait';
  readonly until: Date | undefined;
  readonly resolve: (output: JsonValue) => void;
  readonly reject: (error: Error) => void;
  timer: { cancel(): void } | undefined;
}

export interface ParkedTaskSummary {
  readonly executionKey: string;
  readonly stateName: string;
  readonly kind: 'callback' | 'wait';
  /** When the clock releases it: the callback's timeout or the wait's end; absent for a callback without one. */
  readonly until: string | undefined;
}

/**
 * Tasks waiting on the world: callback tasks, by task token, and Wait states, on the virtual clock. Tokens are
 * 256 random bits, like upload links: whoever holds one can complete the task, so they are never logged.
 */
export class ParkedTasks {
  private readonly byId = new Map<string, ParkedTask>();
  private waitSequence = 0;

  constructor(
    private readonly clock: TimerQueue,
    private readonly onChange: () => void,
  ) {}

  /** Parks a callback task; `timeoutAt` rejects it with States.Timeout. Returns its token and its outcome. */
  parkCallback(
    executionKey: string,
    stateName: string,
    timeoutAt: Date | undefined,
  ): { token: string; outcome: Promise<JsonValue> } {
    const token = randomBytes(32).toString('base64url');
    const outcome = this.park(token, { executionKey, stateName, kind: 'callback', until: timeoutAt }, () =>
      this.settle(token, (task) => task.reject(statesTimeoutError())),
    );
    return { token, outcome };
  }

  /** Parks a Wait state until the virtual clock reaches `until`. */
  parkWait(executionKey: string, stateName: string, until: Date, input: JsonValue): Promise<JsonValue> {
    const id = `wait:${++this.waitSequence}`;
    return this.park(id, { executionKey, stateName, kind: 'wait', until }, () =>
      this.settle(id, (task) => task.resolve(input)),
    );
  }

  succeed(token: string, output: JsonValue): void {
    if (!this.settle(token, (task) => task.resolve(output), 'callback')) throw new TaskTokenInvalidError();
  }

  fail(token: string, error: Error): void {
    if (!this.settle(token, (task) => task.reject(error), 'callback')) throw new TaskTokenInvalidError();
  }

  /** Releases every task of an execution that ended, so the engine's pending promises settle. */
  releaseExecution(executionKey: string): void {
    for (const [id, task] of [...this.byId]) {
      if (task.executionKey === executionKey)
        this.settle(id, (parked) => parked.reject(executionEndedError()));
    }
  }

  list(executionKey?: string): ParkedTaskSummary[] {
    return [...this.byId.values()]
      .filter((task) => executionKey === undefined || task.executionKey === executionKey)
      .map((task) => ({
        executionKey: task.executionKey,
        stateName: task.stateName,
        kind: task.kind,
        until: task.until?.toISOString(),
      }));
  }

  private park(
    id: string,
    task: Omit<ParkedTask, 'resolve' | 'reject' | 'timer'>,
    onTime: () => void,
  ): Promise<JsonValue> {
    const { promise, resolve, reject } = Promise.withResolvers<JsonValue>();
    const parked: ParkedTask = { ...task, resolve, reject, timer: undefined };
    this.byId.set(id, parked);
    if (task.until) parked.timer = this.clock.setTimer(task.until, `${task.kind} ${task.stateName}`, onTime);
    this.onChange();
    return promise;
  }

  private settle(id: string, outcome: (task: ParkedTask) => void, kind?: ParkedTask['kind']): boolean {
    const task = this.byId.get(id);
    if (!task || (kind && task.kind !== kind)) return false;
    this.byId.delete(id);
    task.timer?.cancel();
    outcome(task);
    this.onChange();
    return true;
  }
}
