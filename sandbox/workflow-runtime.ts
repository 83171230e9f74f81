import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createRepository } from '../functions/adapters/dynamodb/repository.js';
import { bindRuntime, resetRuntime } from '../functions/adapters/runtime/runtime.js';
import { DEFAULT_TIME_ZONE } from '../functions/domain/calendar/time-zones.js';
import { environmentNames } from '../functions/shared/environment-names.js';
import { type DailySchedule, startDailySchedule } from './daily-schedule.js';
import { LOCAL_REGION } from './engine-config.js';
import { Outbox } from './outbox.js';
import { VirtualClock } from './virtual-clock.js';
import { catalogHandlerResolver } from './workflows/catalog-handlers.js';
import { LocalWorkflowRunner, type ResolveFunction } from './workflows/local-workflow-runner.js';
import {
  DAILY_WORKFLOWS,
  type DailyWorkflowName,
  type SandboxWorkflowDefinitions,
} from './workflows/synthesize-workflows.js';

export interface WorkflowRuntimeOptions {
  readonly workflows: SandboxWorkflowDefinitions;
  /** The table the handlers' repository works on. */
  readonly documentClient: DynamoDBDocumentClient;
  readonly tableName: string;
  /** Where the outbox keeps its .eml files; a temporary folder (removed at stop) when absent. */
  readonly outboxDirectory?: string;
  /** Where virtual time starts; the real time by default. */
  readonly clockStart?: Date;
  /** Stand-in handlers by function name (tests); the catalog's handler modules otherwise. */
  readonly resolveFunction?: ResolveFunction;
  readonly log?: (line: string) => void;
}

export interface WorkflowRuntime {
  readonly clock: VirtualClock;
  readonly outbox: Outbox;
  readonly runner: LocalWorkflowRunner;
  /** The daily starts of scheduling (06:00) and of the administrators' digest (07:00), on the virtual clock. */
  readonly dailySchedules: Readonly<Record<DailyWorkflowName, DailySchedule>>;
  /** The zone of the daily schedule and of the handlers' settings. */
  readonly timeZone: string;
  /** The From address of the outbox: the deployment's sender. */
  readonly senderAddress: string;
  /** Aborts the executions, stops the schedule, forgets the runtime bindings. */
  stop(): Promise<void>;
}

/**
 * The part of the sandbox that stands in for Step Functions, EventBridge Scheduler and SES: the virtual clock,
 * the local workflow runner over the synthesized state machines, the daily schedule and the outbox, bound as
 * the handlers' runtime so that the handlers run here unchanged.
 */
export async function startWorkflowRuntime(options: WorkflowRuntimeOptions): Promise<WorkflowRuntime> {
  const { workflows } = options;
  const environment = workflows.functionEnvironment;
  const timeZone =
    workflows.dailySchedules.scheduleAudits.timeZone ??
    environment[environmentNames.timeZone] ??
    DEFAULT_TIME_ZONE;
  const senderAddress = environment[environmentNames.senderAddress] ?? 'audit-notices@example.gov';

  let runner: LocalWorkflowRunner | undefined;
  const clock = new VirtualClock({
    start: options.clockStart,
    settle: () => runner?.whenIdle() ?? Promise.resolve(),
  });
  const temporaryOutbox =
    options.outboxDirectory === undefined ? await mkdtemp(join(tmpdir(), 'clets-outbox-')) : undefined;
  const outbox = await Outbox.open({
    directory: options.outboxDirectory ?? (temporaryOutbox as string),
    from: senderAddress,
    clock,
  });
  runner = new LocalWorkflowRunner({
    stateMachines: workflows.stateMachines,
    resolveFunction: options.resolveFunction ?? catalogHandlerResolver(workflows.functions),
    clock,
    region: LOCAL_REGION,
    log: options.log,
  });
  bindRuntime({
    clock,
    workflows: runner,
    mailer: outbox,
    repository: createRepository(options.documentClient, options.tableName),
  });

  const started = runner;
  // One execution per local day, named by it: a second start for the same day is a no-op, as in AWS.
  const executionPrefix: Record<DailyWorkflowName, string> = {
    scheduleAudits: 'daily',
    dailyDigest: 'digest',
  };
  const timerLabel: Record<DailyWorkflowName, string> = {
    scheduleAudits: 'daily schedule',
    dailyDigest: 'daily digest',
  };
  const dailySchedules = Object.fromEntries(
    DAILY_WORKFLOWS.map((workflow) => {
      const schedule = workflows.dailySchedules[workflow];
      return [
        workflow,
        startDailySchedule({
          clock,
          timeZone: schedule.timeZone,
          at: { hour: schedule.hour, minute: schedule.minute },
          label: timerLabel[workflow],
          run: (date) =>
            started.startExecution(workflow, `${executionPrefix[workflow]}-${date}`, schedule.input),
        }),
      ];
    }),
  ) as Record<DailyWorkflowName, DailySchedule>;

  return {
    clock,
    outbox,
    runner,
    dailySchedules,
    timeZone,
    senderAddress,
    async stop() {
      for (const schedule of Object.values(dailySchedules)) schedule.stop();
      await started.stop();
      resetRuntime();
      if (temporaryOutbox) await rm(temporaryOutbox, { recursive: true, force: true });
    },
  };
}
