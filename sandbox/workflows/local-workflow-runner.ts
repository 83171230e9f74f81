import { randomUUID } from 'node:crypto';
import { ExecutionError, type RunOptions, StateMachine } from 'aws-local-stepfunctions';
import {
  FOLLOW_UP_FIELD,
  type FollowUpInput,
  type LifecycleInput,
  type WorkflowClient,
} from '../../functions/adapters/runtime/workflow-client.js';
import type { AslDefinition, JsonValue } from './asl-definition.js';
import { type EngineEvent, HistoryCounter } from './history-counter.js';
import { executionEndedError, type ParkedTaskSummary, ParkedTasks, type TimerQueue } from './parked-tasks.js';
import { CALLBACK_PARAMETERS, type PreparedDefinition, prepareForEngine } from './prepare-for-engine.js';
import { functionNameFromArn } from './task-resources.js';
import { UnknownFunctionError, UnknownStateMachineError } from './workflow-errors.js';

/** A Lambda handler as the runner calls it: one JSON event in, a JSON-serializable result out. */
export type LambdaHandler = (event: JsonValue) => unknown;

/** Finds the handler of a function by its name (the logical id in the synthesized template). */
export type ResolveFunction = (functionName: string) => LambdaHandler | Promise<LambdaHandler>;

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

export interface ExecutionSummary {
  readonly stateMachine: string;
  readonly name: string;
  readonly status: ExecutionStatus;
  /** Virtual time. */
  readonly startDate: string;
  readonly stopDate: string | undefined;
  readonly stateTransitions: number;
  readonly historyEvents: number;
}

export interface ExecutionDescription extends ExecutionSummary {
  readonly input: JsonValue;
  readonly output: JsonValue | undefined;
  readonly error: string | undefined;
  readonly cause: string | undefined;
  /** Callback tasks and Wait states the execution is parked in (no tokens). */
  readonly parked: readonly Omit<ParkedTaskSummary, 'executionKey'>[];
}

/** A message the failure path published to the alarm topic; in AWS it would reach the administrators. */
export interface PublishedAlarm {
  readonly topicArn: string;
  readonly subject: string | undefined;
  readonly message: JsonValue;
  readonly publishedAt: string;
  readonly executionName: string;
  readonly stateName: string;
}

export interface LocalWorkflowRunnerOptions {
  /** The definitions to run, by the name used to start them (e.g. `auditLifecycle`, `scheduleAudits`). */
  readonly stateMachines: Readonly<Record<string, AslDefinition>>;
  readonly resolveFunction: ResolveFunction;
  /** The virtual clock: "now" for start and stop dates, and the timers for timeouts and waits. */
  readonly clock: TimerQueue;
  /** Which state machines the WorkflowClient methods start. */
  readonly workflowNames?: { readonly auditLifecycle: string; readonly scheduleAudits: string };
  /** Where ends of executions are reported (status and error name only, never payloads or causes). */
  readonly log?: (line: string) => void;
  /** For the context object's ARNs. */
  readonly region?: string;
}

interface ExecutionRecord {
  readonly key: string;
  readonly stateMachine: string;
  readonly name: string;
  readonly input: JsonValue;
  readonly startDate: Date;
  readonly counter: HistoryCounter;
  status: ExecutionStatus;
  stopDate: Date | undefined;
  output: JsonValue | undefined;
  error: string | undefined;
  cause: string | undefined;
  abort: () => void;
  timeoutTimer: { cancel(): void } | undefined;
}

type EngineTaskHandlers = NonNullable<NonNullable<RunOptions['overrides']>['taskResourceLocalHandlers']>;

const ACCOUNT_ID = '123456789012';
/** What `$$.Task.Token` resolves to inside the engine; replaced by a fresh token for each callback. */
const TOKEN_PLACEHOLDER = 'sandbox-task-token-placeholder';
/** AWS execution names: 1 to 80 characters, none of them whitespace, brackets, wildcards or punctuation. */
const EXECUTION_NAME = /^[^\s<>{}[\]?*"#%\\^|~`$&,;:/\p{Cc}]{1,80}$/u;

/** A JSON round trip, as Lambda does on the way in and out: no shared objects, no Dates, no undefined. */
function jsonCopy(value: unknown): JsonValue {
  const text = JSON.stringify(value);
  return text === undefined ? null : (JSON.parse(text) as JsonValue);
}

function replaceToken(value: JsonValue, token: string): JsonValue {
  if (value === TOKEN_PLACEHOLDER) return token;
  if (Array.isArray(value)) return value.map((item) => replaceToken(item, token));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, replaceToken(item, token)]));
  }
  return value;
}

/** A handler's error as Step Functions sees a Lambda failure: Error is its name, Cause the Lambda error JSON. */
function lambdaFailure(error: unknown): Error {
  const name = error instanceof Error ? error.name : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  return Object.assign(new Error(JSON.stringify({ errorType: name, errorMessage: message })), { name });
}

function namedError(name: string, message: string): Error {
  return Object.assign(new Error(message), { name });
}

const asObject = (value: JsonValue): Record<string, JsonValue> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {};

/**
 * Runs the product's state machines on this machine with aws-local-stepfunctions, standing in for Step
 * Functions: it implements the WorkflowClient the handlers use, emulates what the engine lacks (callback tasks
 * with task tokens, timeouts and Wait states on the virtual clock, the alarm topic), and keeps each execution's
 * status and AWS-style counts.
 *
 * Retries run without pause: a Retry exists for transient faults, and making it wait on the virtual clock would
 * stall the workflow until someone advances time. Virtual time does not move during a retry.
 */
export class LocalWorkflowRunner implements WorkflowClient {
  private readonly prepared = new Map<string, PreparedDefinition>();
  /** One engine instance per state machine: construction validates the definition (about 0.3 s), runs are cheap. */
  private readonly machines = new Map<string, StateMachine>();
  private readonly executions = new Map<string, ExecutionRecord>();
  private readonly parked: ParkedTasks;
  private readonly publishedAlarms: PublishedAlarm[] = [];
  private readonly workflowNames: { readonly auditLifecycle: string; readonly scheduleAudits: string };
  private readonly region: string;
  /** Handler invocations (and module loads) under way: the runner is busy while any runs. */
  private inFlight = 0;
  /** Bumped by anything that shows progress, so whenIdle can tell a quiet event loop from a busy one. */
  private progress = 0;
  private progressWaiters: (() => void)[] = [];

  constructor(private readonly options: LocalWorkflowRunnerOptions) {
    for (const [name, definition] of Object.entries(options.stateMachines)) {
      const prepared = prepareForEngine(definition);
      this.prepared.set(name, prepared);
      // Resource ARNs are the runner's to interpret, and JSONPaths are checked by the CDK at synth. A definition
      // the engine rejects fails here, at sandbox start, not at the first run.
      this.machines.set(
        name,
        new StateMachine(prepared.engineDefinition as never, {
          validationOptions: { checkArn: false, checkPaths: false },
        }),
      );
    }
    this.workflowNames = options.workflowNames ?? {
      auditLifecycle: 'auditLifecycle',
      scheduleAudits: 'scheduleAudits',
    };
    this.region = options.region ?? 'us-east-1';
    this.parked = new ParkedTasks(options.clock, () => this.madeProgress());
  }

  get stateMachineNames(): string[] {
    return [...this.prepared.keys()];
  }

  /**
   * Starts an execution unless one with this name already exists for the state machine (running or ended), in
   * which case it answers `started: false`, as a retried StartExecution effectively does in AWS.
   */
  startExecution(stateMachine: string, name: string, input: unknown): { started: boolean; name: string } {
    const prepared = this.prepared.get(stateMachine);
    const machine = this.machines.get(stateMachine);
    if (!prepared || !machine) {
      throw new UnknownStateMachineError(
        `No state machine "${stateMachine}" in this sandbox; it has ${this.stateMachineNames.join(', ') || 'none'}.`,
      );
    }
    if (!EXECUTION_NAME.test(name)) {
      throw namedError(
        'InvalidName',
        `Execution name "${name}" is not valid: 1 to 80 characters, no whitespace, brackets, wildcards or punctuation.`,
      );
    }
    const key = `${stateMachine}/${name}`;
    if (this.executions.has(key)) return { started: false, name };

    const jsonInput = jsonCopy(input ?? {});
    const record: ExecutionRecord = {
      key,
      stateMachine,
      name,
      input: jsonInput,
      startDate: this.options.clock.now(),
      counter: new HistoryCounter(prepared.states),
      status: 'RUNNING',
      stopDate: undefined,
      output: undefined,
      error: undefined,
      cause: undefined,
      abort: () => {},
      timeoutTimer: undefined,
    };
    this.executions.set(key, record);
    this.madeProgress();

    const stateMachineArn = `arn:aws:states:${this.region}:${ACCOUNT_ID}:stateMachine:${stateMachine}`;
    const run = machine.run(jsonInput as never, {
      noThrowOnAbort: true,
      overrides: {
        taskResourceLocalHandlers: this.taskHandlers(record, prepared),
        retryIntervalOverrides: { ...prepared.retryIntervalOverrides },
      },
      context: {
        Execution: {
          Id: `arn:aws:states:${this.region}:${ACCOUNT_ID}:execution:${stateMachine}:${name}`,
          Name: name,
          RoleArn: `arn:aws:iam::${ACCOUNT_ID}:role/sandbox`,
        },
        StateMachine: { Id: stateMachineArn, Name: stateMachine },
        Task: { Token: TOKEN_PLACEHOLDER },
      },
    });
    record.abort = run.abort;
    if (prepared.executionTimeoutSeconds !== undefined) {
      const deadline = new Date(record.startDate.getTime() + prepared.executionTimeoutSeconds * 1000);
      record.timeoutTimer = this.options.clock.setTimer(deadline, `execution timeout ${name}`, () =>
        this.stopRecord(record, 'TIMED_OUT', 'States.Timeout', 'The execution ran past its TimeoutSeconds.'),
      );
    }
    void this.countEvents(record, run.eventLogs as AsyncGenerator<EngineEvent>);
    run.result.then(
      (output) => {
        // An aborted run resolves with null; its status was set by whoever stopped it.
        if (record.status === 'RUNNING') this.finish(record, 'SUCCEEDED', { output: output as JsonValue });
      },
      (error: unknown) => {
        if (record.status !== 'RUNNING') return;
        const failure = error instanceof ExecutionError && error.cause instanceof Error ? error.cause : error;
        this.finish(record, 'FAILED', {
          error: failure instanceof Error ? failure.name : 'States.Runtime',
          cause: failure instanceof Error ? failure.message : String(failure),
        });
      },
    );
    return { started: true, name };
  }

  /** Stops a running execution (AWS StopExecution): status ABORTED, parked tasks released. */
  stopExecution(
    stateMachine: string,
    name: string,
    error = 'Aborted',
    cause = 'Stopped by the sandbox.',
  ): boolean {
    const record = this.executions.get(`${stateMachine}/${name}`);
    if (record?.status !== 'RUNNING') return false;
    this.stopRecord(record, 'ABORTED', error, cause);
    return true;
  }

  async startAuditLifecycle(input: LifecycleInput): Promise<{ started: boolean }> {
    const { started } = this.startExecution(this.workflowNames.auditLifecycle, input.auditId, {
      auditId: input.auditId,
    });
    return { started };
  }

  async continueAuditLifecycle(input: FollowUpInput): Promise<{ started: boolean }> {
    const { started } = this.startExecution(this.workflowNames.auditLifecycle, input.executionName, {
      auditId: input.auditId,
      [FOLLOW_UP_FIELD]: { phase: 'remediation' },
    });
    return { started };
  }

  async startScheduleRun(requestedBy: string): Promise<{ executionName: string }> {
    const executionName = `manual-${randomUUID()}`;
    this.startExecution(this.workflowNames.scheduleAudits, executionName, { trigger: 'manual', requestedBy });
    return { executionName };
  }

  async sendTaskSuccess(taskToken: string, output: Record<string, unknown>): Promise<void> {
    this.parked.succeed(taskToken, jsonCopy(output));
  }

  async sendTaskFailure(taskToken: string, error: string, cause: string): Promise<void> {
    this.parked.fail(taskToken, namedError(error, cause));
  }

  listExecutions(filter: { stateMachine?: string; status?: ExecutionStatus } = {}): ExecutionSummary[] {
    return [...this.executions.values()]
      .filter((record) => filter.stateMachine === undefined || record.stateMachine === filter.stateMachine)
      .filter((record) => filter.status === undefined || record.status === filter.status)
      .map((record) => this.summary(record));
  }

  /** The execution with this name; give the state machine when two machines could share the name. */
  describeExecution(name: string, stateMachine?: string): ExecutionDescription | undefined {
    const record = [...this.executions.values()].find(
      (candidate) =>
        candidate.name === name && (stateMachine === undefined || candidate.stateMachine === stateMachine),
    );
    if (!record) return undefined;
    return {
      ...this.summary(record),
      input: record.input,
      output: record.output,
      error: record.error,
      cause: record.cause,
      parked: this.parked.list(record.key).map(({ executionKey: _key, ...task }) => task),
    };
  }

  /** Messages published to SNS topics (the alarm topic), oldest first. */
  get alarms(): readonly PublishedAlarm[] {
    return this.publishedAlarms;
  }

  /** Every parked task (no tokens): what the clock or an outside answer would release. */
  parkedTasks(): ParkedTaskSummary[] {
    return this.parked.list();
  }

  /**
   * Resolves once no execution can make progress without the clock moving or a callback answer: no handler
   * runs, and two turns of the event loop passed without any engine event. The engine itself sets no timers
   * (the runner took them out), so a quiet event loop means every execution is parked or ended.
   */
  async whenIdle(): Promise<void> {
    let quietTurns = 0;
    while (quietTurns < 2) {
      if (this.inFlight > 0) {
        await new Promise<void>((resolve) => this.progressWaiters.push(resolve));
        quietTurns = 0;
        continue;
      }
      const before = this.progress;
      await new Promise<void>((resolve) => setImmediate(resolve));
      quietTurns = this.inFlight === 0 && this.progress === before ? quietTurns + 1 : 0;
    }
  }

  /** Aborts every running execution and releases its parked tasks, so nothing keeps the process alive. */
  async stop(): Promise<void> {
    for (const record of this.executions.values()) {
      if (record.status === 'RUNNING') this.stopRecord(record, 'ABORTED', 'Aborted', 'The sandbox stopped.');
    }
    await this.whenIdle();
  }

  private taskHandlers(record: ExecutionRecord, prepared: PreparedDefinition): EngineTaskHandlers {
    const handlers: Record<string, (input: JsonValue) => Promise<JsonValue>> = {};
    for (const plan of prepared.states.values()) {
      if (!plan.taskKind) continue;
      const stateName = plan.name;
      const guarded = (act: (input: JsonValue) => Promise<JsonValue>) => async (input: JsonValue) => {
        // A retry or a later Map iteration of an execution that already ended must not call handlers again.
        if (record.status !== 'RUNNING') throw executionEndedError();
        return act(input);
      };
      switch (plan.taskKind) {
        case 'lambdaInvoke':
          handlers[stateName] = guarded(async (input) => {
            const { FunctionName, Payload } = asObject(input);
            const result = await this.invoke(String(FunctionName), Payload ?? null);
            return { Payload: result, StatusCode: 200 };
          });
          break;
        case 'lambdaFunction':
          handlers[stateName] = guarded((input) => this.invoke(plan.resource ?? '', input));
          break;
        case 'lambdaCallback':
          handlers[stateName] = guarded((input) => this.runCallback(record, stateName, input));
          break;
        case 'snsPublish':
          handlers[stateName] = guarded(async (input) => this.publish(record, stateName, input));
          break;
        case 'virtualWait':
          handlers[stateName] = guarded((input) => this.wait(record, stateName, input));
          break;
      }
    }
    // The engine's JSON type and ours describe the same values.
    return handlers as unknown as EngineTaskHandlers;
  }

  private async invoke(functionRef: string, payload: JsonValue): Promise<JsonValue> {
    this.inFlight += 1;
    this.madeProgress();
    try {
      const functionName = functionNameFromArn(functionRef);
      if (!functionName)
        throw new UnknownFunctionError(`"${functionRef}" is not a Lambda function ARN or name.`);
      const handler = await this.options.resolveFunction(functionName);
      try {
        return jsonCopy(await handler(jsonCopy(payload)));
      } catch (error) {
        throw lambdaFailure(error);
      }
    } finally {
      this.inFlight -= 1;
      this.madeProgress();
    }
  }

  /**
   * A callback task: the token is minted before the handler runs, so that an answer sent while the handler is
   * still running (a phase already complete) finds the task waiting; the timeout runs from the same moment, as
   * in AWS, where it covers the whole task.
   */
  private async runCallback(
    record: ExecutionRecord,
    stateName: string,
    input: JsonValue,
  ): Promise<JsonValue> {
    const plan = this.prepared.get(record.stateMachine)?.states.get(stateName);
    const wrapped = asObject(input);
    let timeoutSeconds: number | undefined;
    if (plan?.callbackTimeout?.kind === 'seconds') timeoutSeconds = plan.callbackTimeout.seconds;
    if (plan?.callbackTimeout?.kind === 'path') {
      const value = wrapped[CALLBACK_PARAMETERS.timeoutSeconds];
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
        throw namedError(
          'States.Runtime',
          `The TimeoutSecondsPath of "${stateName}" must select a positive whole number of seconds.`,
        );
      }
      timeoutSeconds = value;
    }
    const timeoutAt =
      timeoutSeconds === undefined
        ? undefined
        : new Date(this.options.clock.now().getTime() + timeoutSeconds * 1000);
    const { token, outcome } = this.parked.parkCallback(record.key, stateName, timeoutAt);
    const { FunctionName, Payload } = asObject(wrapped[CALLBACK_PARAMETERS.payload] ?? null);
    try {
      await this.invoke(String(FunctionName), replaceToken(Payload ?? null, token));
    } catch (error) {
      // The invocation itself failed: the task fails with the handler's error and the token is gone.
      try {
        this.parked.fail(token, error as Error);
      } catch {
        // Already answered or timed out while the handler ran: that outcome stands.
      }
    }
    return outcome;
  }

  private async wait(record: ExecutionRecord, stateName: string, input: JsonValue): Promise<JsonValue> {
    const { input: stateInput, seconds, timestamp } = asObject(input);
    const now = this.options.clock.now().getTime();
    let until: number;
    if (typeof seconds === 'number') until = now + seconds * 1000;
    else if (typeof timestamp === 'string' && !Number.isNaN(Date.parse(timestamp)))
      until = Date.parse(timestamp);
    else {
      throw namedError('States.Runtime', `Wait state "${stateName}" got no valid Seconds or Timestamp.`);
    }
    if (until <= now) return stateInput ?? null;
    return this.parked.parkWait(record.key, stateName, new Date(until), stateInput ?? null);
  }

  private publish(record: ExecutionRecord, stateName: string, input: JsonValue): JsonValue {
    const { TopicArn, Subject, Message } = asObject(input);
    this.publishedAlarms.push({
      topicArn: String(TopicArn),
      subject: typeof Subject === 'string' ? Subject : undefined,
      message: Message ?? null,
      publishedAt: this.options.clock.now().toISOString(),
      executionName: record.name,
      stateName,
    });
    return { MessageId: randomUUID() };
  }

  private async countEvents(record: ExecutionRecord, events: AsyncGenerator<EngineEvent>): Promise<void> {
    for await (const event of events) {
      record.counter.record(event);
      this.madeProgress();
    }
  }

  private stopRecord(record: ExecutionRecord, status: 'TIMED_OUT' | 'ABORTED', error: string, cause: string) {
    this.finish(record, status, { error, cause });
    record.abort();
  }

  private finish(
    record: ExecutionRecord,
    status: Exclude<ExecutionStatus, 'RUNNING'>,
    outcome: { output?: JsonValue; error?: string; cause?: string },
  ): void {
    record.status = status;
    record.stopDate = this.options.clock.now();
    record.output = outcome.output;
    record.error = outcome.error;
    record.cause = outcome.cause;
    record.timeoutTimer?.cancel();
    // Branches of a Map or Parallel may still be parked after another branch failed the execution.
    this.parked.releaseExecution(record.key);
    this.madeProgress();
    // Aborts are deliberate (a stop of the sandbox); failures and timeouts are what someone should look at.
    if (status === 'FAILED' || status === 'TIMED_OUT') {
      this.options.log?.(`workflow ${record.stateMachine} ${record.name}: ${status} (${outcome.error})`);
    }
  }

  private summary(record: ExecutionRecord): ExecutionSummary {
    return {
      stateMachine: record.stateMachine,
      name: record.name,
      status: record.status,
      startDate: record.startDate.toISOString(),
      stopDate: record.stopDate?.toISOString(),
      ...record.counter.counts,
    };
  }

  private madeProgress(): void {
    this.progress += 1;
    const waiters = this.progressWaiters;
    this.progressWaiters = [];
    for (const wake of waiters) wake();
  }
}
