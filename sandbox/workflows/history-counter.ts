import type { StatePlan } from './prepare-for-engine.js';

/** The fields of the engine's event log entries that the counts need. */
export interface EngineEvent {
  readonly type: string;
  readonly state?: { readonly name: string; readonly type: string };
}

export interface HistoryCounts {
  /** Billed transitions: one per state entered, plus one per retry (AWS bills each retry as a transition). */
  readonly stateTransitions: number;
  /** An estimate of the execution's AWS history length (the quota is 25,000 events). */
  readonly historyEvents: number;
}

/**
 * History events AWS writes for one attempt of a task, by what the task calls: TaskScheduled and TaskStarted,
 * plus TaskSubmitted when Step Functions hands the work off and waits (callbacks, sns:publish).
 */
const attemptEvents: Record<string, number> = {
  lambdaInvoke: 2,
  lambdaFunction: 2, // LambdaFunctionScheduled, LambdaFunctionStarted
  lambdaCallback: 3,
  snsPublish: 3,
  virtualWait: 0, // a Wait state: only WaitStateEntered and WaitStateExited
};

/**
 * Turns the engine's event log into AWS-style counts, event by event. The engine logs states entered, exited,
 * failed, retried and caught, and Map iterations; AWS's history has more events per state, so each engine event
 * is weighed as follows (an approximation; AWS does not document every sequence):
 *
 * | engine event                | AWS history events counted                                                |
 * |-----------------------------|---------------------------------------------------------------------------|
 * | ExecutionStarted            | 1 ExecutionStarted                                                        |
 * | ExecutionSucceeded / Failed | 1 ExecutionSucceeded / ExecutionFailed                                    |
 * | ExecutionAborted            | 1 ExecutionTimedOut / ExecutionAborted (the runner aborts on timeouts)    |
 * | StateEntered                | 1 <Type>StateEntered, plus for a Task its attempt (TaskScheduled,         |
 * |                             | TaskStarted, and TaskSubmitted for callbacks and sns), for Map/Parallel 1 |
 * |                             | MapStateStarted / ParallelStateStarted                                    |
 * | StateExited                 | 1 <Type>StateExited, plus 1 TaskSucceeded / MapStateSucceeded /           |
 * |                             | ParallelStateSucceeded                                                    |
 * | StateFailed                 | 1 TaskFailed / TaskTimedOut / MapStateFailed (0 for a Fail state, whose   |
 * |                             | failure is the ExecutionFailed event)                                     |
 * | StateRetried                | the task's attempt events again (TaskScheduled, TaskStarted, ...)         |
 * | StateCaught                 | 1 <Type>StateExited                                                       |
 * | MapIterationStarted / ...   | 1 each for MapIterationStarted, MapIterationSucceeded, MapIterationFailed |
 *
 * Transitions count StateEntered and StateRetried events.
 */
export class HistoryCounter {
  private transitions = 0;
  private events = 0;

  constructor(private readonly states: ReadonlyMap<string, StatePlan>) {}

  get counts(): HistoryCounts {
    return { stateTransitions: this.transitions, historyEvents: this.events };
  }

  record(event: EngineEvent): void {
    const plan = event.state ? this.states.get(event.state.name) : undefined;
    const type = plan?.type ?? event.state?.type;
    const attempt = plan?.taskKind ? (attemptEvents[plan.taskKind] ?? 2) : 0;
    switch (event.type) {
      case 'ExecutionStarted':
      case 'ExecutionSucceeded':
      case 'ExecutionFailed':
      case 'ExecutionAborted':
      case 'MapIterationStarted':
      case 'MapIterationSucceeded':
      case 'MapIterationFailed':
        this.events += 1;
        return;
      case 'StateEntered':
        this.transitions += 1;
        this.events += 1 + attempt + (type === 'Map' || type === 'Parallel' ? 1 : 0);
        return;
      case 'StateExited':
        this.events += 1 + (type === 'Task' || type === 'Map' || type === 'Parallel' ? 1 : 0);
        return;
      case 'StateFailed':
        this.events += type === 'Fail' ? 0 : 1;
        return;
      case 'StateRetried':
        this.transitions += 1;
        this.events += attempt;
        return;
      case 'StateCaught':
        this.events += 1;
        return;
      default:
        // ParallelBranch* events have no AWS counterpart.
        return;
    }
  }
}
