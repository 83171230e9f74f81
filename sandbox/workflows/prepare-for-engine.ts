import { type AslDefinition, type AslState, forEachState, type JsonValue } from './asl-definition.js';
import { type TaskResourceKind, taskResourceKind, VIRTUAL_WAIT_RESOURCE } from './task-resources.js';
import { UnsupportedDefinitionError } from './workflow-errors.js';

/**
 * The engine (aws-local-stepfunctions) measures every timeout and wait with real-time setTimeout, and gives a
 * Task without TimeoutSeconds a real 60-second limit. The runner keeps time on the virtual clock instead, so it
 * takes all of that out of the definition it hands the engine and records here what it must enforce itself.
 */

/**
 * Engine-side limit put on every Task: the largest delay setTimeout accepts (about 24.8 days; a larger one fires
 * at once). The runner's own timers decide when a callback times out; this only stops the engine's 60-second
 * default from failing a callback that waits for a person. Cleared as soon as the task settles.
 */
export const ENGINE_TASK_TIMEOUT_SECONDS = 2_147_483;

/** Keys of the Parameters the runner wraps around a callback task's own, to learn its timeout. */
export const CALLBACK_PARAMETERS = { payload: 'payload', timeoutSeconds: 'timeoutSeconds' } as const;

export type CallbackTimeout =
  | { readonly kind: 'seconds'; readonly seconds: number }
  /** Evaluated by the engine for the runner, against the state's input (see the wrapping below). */
  | { readonly kind: 'path' }
  | { readonly kind: 'none' };

export interface StatePlan {
  readonly name: string;
  /** The type in the synthesized definition: a Wait stays a Wait here although the engine runs a Task. */
  readonly type: string;
  readonly taskKind?: TaskResourceKind;
  /** A Task's Resource as synthesized. */
  readonly resource?: string;
  readonly callbackTimeout?: CallbackTimeout;
}

export interface PreparedDefinition {
  /** What the engine runs: no timeouts of its own, Wait states turned into virtual-clock tasks. */
  readonly engineDefinition: AslDefinition;
  /** Every state by name, nested ones included (names are unique across a state machine). */
  readonly states: ReadonlyMap<string, StatePlan>;
  /** The top-level TimeoutSeconds, enforced by the runner on the virtual clock. */
  readonly executionTimeoutSeconds: number | undefined;
  /** Every state with a Retry field, retried without pause (see the runner's notes on retries). */
  readonly retryIntervalOverrides: Readonly<Record<string, number>>;
}

function withoutFields(state: AslState, fields: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(state).filter(([field]) => !fields.includes(field)));
}

const TIMEOUT_FIELDS = ['TimeoutSeconds', 'TimeoutSecondsPath', 'HeartbeatSeconds', 'HeartbeatSecondsPath'];
const WAIT_FIELDS = ['Seconds', 'Timestamp', 'SecondsPath', 'TimestampPath'];

/** A Wait becomes a Task that hands the runner its input and its wait, and returns the input unchanged. */
function virtualWaitTask(name: string, state: AslState): Record<string, unknown> {
  let wait: Record<string, JsonValue>;
  if (state.Seconds !== undefined) wait = { seconds: state.Seconds };
  else if (state.Timestamp !== undefined) wait = { timestamp: state.Timestamp };
  else if (state.SecondsPath !== undefined) wait = { 'seconds.$': state.SecondsPath };
  else if (state.TimestampPath !== undefined) wait = { 'timestamp.$': state.TimestampPath };
  else
    throw new UnsupportedDefinitionError(
      `Wait state "${name}" says neither how long nor until when to wait.`,
    );
  return {
    ...withoutFields(state, WAIT_FIELDS),
    Type: 'Task',
    Resource: VIRTUAL_WAIT_RESOURCE,
    Parameters: { 'input.$': '$', ...wait },
    TimeoutSeconds: ENGINE_TASK_TIMEOUT_SECONDS,
  };
}

function callbackTimeoutOf(name: string, state: AslState): CallbackTimeout {
  if (state.TimeoutSeconds !== undefined) return { kind: 'seconds', seconds: state.TimeoutSeconds };
  if (state.TimeoutSecondsPath === undefined) return { kind: 'none' };
  // The engine evaluates Parameters against the input after InputPath, while AWS reads TimeoutSecondsPath from
  // the raw input; the two agree only without an InputPath.
  if (state.InputPath !== undefined) {
    throw new UnsupportedDefinitionError(
      `Callback task "${name}" has both InputPath and TimeoutSecondsPath; the local runner reads the timeout ` +
        'through Parameters and cannot see the raw input then. Drop the InputPath (select inside Parameters instead).',
    );
  }
  return { kind: 'path' };
}

/**
 * A callback task's own Parameters go one level down, beside its timeout, so that the engine resolves the
 * TimeoutSecondsPath for the runner in the same step (the runner unwraps both before calling the handler).
 */
function callbackTask(state: AslState, timeout: CallbackTimeout): Record<string, unknown> {
  const payload: Record<string, JsonValue> =
    state.Parameters === undefined
      ? { [`${CALLBACK_PARAMETERS.payload}.$`]: '$' }
      : { [CALLBACK_PARAMETERS.payload]: state.Parameters };
  const timeoutParameter: Record<string, JsonValue> =
    timeout.kind === 'path' && state.TimeoutSecondsPath !== undefined
      ? { [`${CALLBACK_PARAMETERS.timeoutSeconds}.$`]: state.TimeoutSecondsPath }
      : {};
  return {
    ...withoutFields(state, TIMEOUT_FIELDS),
    Parameters: { ...payload, ...timeoutParameter },
    TimeoutSeconds: ENGINE_TASK_TIMEOUT_SECONDS,
  };
}

function prepareState(name: string, state: AslState, plans: Map<string, StatePlan>): Record<string, unknown> {
  if (plans.has(name)) {
    throw new UnsupportedDefinitionError(
      `Two states are named "${name}". State names must be unique across a state machine, nested ones included.`,
    );
  }
  if (state.Type === 'Wait') {
    plans.set(name, { name, type: 'Wait', taskKind: 'virtualWait' });
    return virtualWaitTask(name, state);
  }
  if (state.Type === 'Task') {
    const resource = state.Resource ?? '';
    const kind = taskResourceKind(resource);
    if (!kind || kind === 'virtualWait') {
      throw new UnsupportedDefinitionError(
        `Task state "${name}" uses ${resource || 'no Resource'}, which the local runner does not emulate. It runs ` +
          'lambda:invoke, lambda:invoke.waitForTaskToken, Lambda function ARNs and sns:publish.',
      );
    }
    if (kind === 'lambdaCallback') {
      const callbackTimeout = callbackTimeoutOf(name, state);
      plans.set(name, { name, type: 'Task', taskKind: kind, resource, callbackTimeout });
      return callbackTask(state, callbackTimeout);
    }
    plans.set(name, { name, type: 'Task', taskKind: kind, resource });
    // A request-response task finishes without the clock moving, so its TimeoutSeconds can never fire locally.
    return { ...withoutFields(state, TIMEOUT_FIELDS), TimeoutSeconds: ENGINE_TASK_TIMEOUT_SECONDS };
  }
  plans.set(name, { name, type: state.Type });
  const prepared: Record<string, unknown> = { ...state };
  if (state.ItemProcessor) prepared.ItemProcessor = prepareNested(state.ItemProcessor, plans);
  if (state.Iterator) prepared.Iterator = prepareNested(state.Iterator, plans);
  if (state.Branches) prepared.Branches = state.Branches.map((branch) => prepareNested(branch, plans));
  return prepared;
}

function prepareNested(definition: AslDefinition, plans: Map<string, StatePlan>): AslDefinition {
  const { TimeoutSeconds: _ignored, ...rest } = definition;
  const states = Object.fromEntries(
    Object.entries(definition.States).map(([name, state]) => [name, prepareState(name, state, plans)]),
  );
  return { ...rest, States: states as Record<string, AslState> };
}

/** Rewrites a synthesized definition for the engine and records what the runner enforces itself. */
export function prepareForEngine(definition: AslDefinition): PreparedDefinition {
  const plans = new Map<string, StatePlan>();
  const engineDefinition = prepareNested(structuredClone(definition), plans);
  const retryIntervalOverrides: Record<string, number> = {};
  forEachState(definition, (name, state) => {
    if (state.Retry && state.Retry.length > 0) retryIntervalOverrides[name] = 0;
  });
  return {
    engineDefinition,
    states: plans,
    executionTimeoutSeconds: definition.TimeoutSeconds,
    retryIntervalOverrides,
  };
}
