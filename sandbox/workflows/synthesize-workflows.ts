import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import type { CfnSchedule } from 'aws-cdk-lib/aws-scheduler';
import type { CfnStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { type FunctionName, functionCatalog } from '../../lib/function-catalog.js';
import { LOCAL_REGION } from '../engine-config.js';
import { type SynthesizedStack, synthesizeSandboxStack } from '../synthesize-resources.js';
import type { AslDefinition, JsonValue } from './asl-definition.js';
import {
  resolveDefinitionString,
  resolveTemplateString,
  type TemplateContext,
} from './resolve-definition-string.js';
import { UnresolvableDefinitionError } from './workflow-errors.js';

/** The handler behind a function of the template, from the function catalog. */
export interface WorkflowFunction {
  readonly catalogName: string;
  /** Relative to the project root. */
  readonly entry: string;
  readonly handlerExport: string;
}

/** An EventBridge Scheduler schedule that starts a workflow every day: a wall time in a zone. */
export interface DailyScheduleDefinition {
  readonly hour: number;
  readonly minute: number;
  readonly timeZone: string;
  /** The execution input the schedule's target sends. */
  readonly input: JsonValue;
}

export type WorkflowName = 'auditLifecycle' | 'scheduleAudits' | 'dailyDigest';

/** The workflows EventBridge Scheduler starts every day. */
export type DailyWorkflowName = 'scheduleAudits' | 'dailyDigest';
export const DAILY_WORKFLOWS: readonly DailyWorkflowName[] = ['scheduleAudits', 'dailyDigest'];

/**
 * What the local runner needs, read from the synthesized template: plain JSON (so a vitest global setup could
 * hand it to workers), with every CloudFormation reference resolved to a local ARN.
 */
export interface SandboxWorkflowDefinitions {
  readonly stateMachines: Readonly<Record<WorkflowName, AslDefinition>>;
  /** By the name the definitions call each function: its logical id (the ARN ends in it). */
  readonly functions: Readonly<Record<string, WorkflowFunction>>;
  /** Each daily workflow's schedule (scheduling at 06:00, the digest at 07:00, in the deployment's zone). */
  readonly dailySchedules: Readonly<Record<DailyWorkflowName, DailyScheduleDefinition>>;
  /**
   * The deployment settings the stack writes into its functions' environment (time zone, administrators,
   * sender, link lifetime...), literal values only: the sandbox gives its handlers the same.
   */
  readonly functionEnvironment: Readonly<Record<string, string>>;
}

interface TemplateResource {
  readonly Type?: string;
  readonly Properties?: Record<string, unknown>;
}

const DAILY_CRON = /^cron\((\d{1,2}) (\d{1,2}) \* \* \? \*\)$/;

function resourceOf(synthesized: SynthesizedStack, logicalId: string, type: string): TemplateResource {
  const resource = (synthesized.template.Resources as Record<string, TemplateResource> | undefined)?.[
    logicalId
  ];
  if (resource?.Type !== type) {
    throw new UnresolvableDefinitionError(
      `The synthesized template has no ${type} with logical id ${logicalId}.`,
    );
  }
  return resource;
}

function readDailySchedule(
  synthesized: SynthesizedStack,
  context: TemplateContext,
  workflow: DailyWorkflowName,
): DailyScheduleDefinition {
  const { stack } = synthesized;
  const schedule = stack.workflows[workflow].schedule.node.defaultChild as CfnSchedule;
  const properties =
    resourceOf(synthesized, stack.getLogicalId(schedule), 'AWS::Scheduler::Schedule').Properties ?? {};
  const cron = DAILY_CRON.exec(String(properties.ScheduleExpression ?? ''));
  if (!cron) {
    throw new UnresolvableDefinitionError(
      `The ${workflow} schedule is ${String(properties.ScheduleExpression)}; the sandbox runs only a daily ` +
        'cron(M H * * ? *) schedule.',
    );
  }
  const target = (properties.Target ?? {}) as { Input?: unknown };
  return {
    minute: Number(cron[1]),
    hour: Number(cron[2]),
    timeZone: String(properties.ScheduleExpressionTimezone ?? 'UTC'),
    input:
      target.Input === undefined
        ? {}
        : (JSON.parse(resolveTemplateString(target.Input, context)) as JsonValue),
  };
}

/** Reads the state machines, the functions they call and the daily schedules from a synthesized stack. */
export function readSandboxWorkflows(
  synthesized: SynthesizedStack,
  region = LOCAL_REGION,
): SandboxWorkflowDefinitions {
  const { stack, template } = synthesized;
  const resources = (template.Resources ?? {}) as Record<string, TemplateResource>;
  const context: TemplateContext = {
    region,
    stackName: stack.stackName,
    resourceTypes: Object.fromEntries(
      Object.entries(resources).map(([id, resource]) => [id, resource.Type ?? '']),
    ),
  };
  const definitionOf = (name: WorkflowName) => {
    const cfn = stack.workflows[name].stateMachine.node.defaultChild as CfnStateMachine;
    const resource = resourceOf(synthesized, stack.getLogicalId(cfn), 'AWS::StepFunctions::StateMachine');
    return resolveDefinitionString(resource.Properties?.DefinitionString, context);
  };

  const functions: Record<string, WorkflowFunction> = {};
  const functionEnvironment: Record<string, string> = {};
  for (const [catalogName, fn] of Object.entries(stack.functions)) {
    const logicalId = stack.getLogicalId(fn.node.defaultChild as CfnFunction);
    const { entry, handlerExport } = functionCatalog[catalogName as FunctionName];
    functions[logicalId] = { catalogName, entry, handlerExport };
    const variables = (
      resources[logicalId]?.Properties?.Environment as { Variables?: Record<string, unknown> }
    )?.Variables;
    for (const [name, value] of Object.entries(variables ?? {})) {
      // References (table name, state machine ARNs) differ locally; the sandbox sets those itself.
      if (typeof value === 'string') functionEnvironment[name] = value;
    }
  }
  return {
    stateMachines: {
      auditLifecycle: definitionOf('auditLifecycle'),
      scheduleAudits: definitionOf('scheduleAudits'),
      dailyDigest: definitionOf('dailyDigest'),
    },
    functions,
    dailySchedules: {
      scheduleAudits: readDailySchedule(synthesized, context, 'scheduleAudits'),
      dailyDigest: readDailySchedule(synthesized, context, 'dailyDigest'),
    },
    functionEnvironment,
  };
}

/** Synthesizes the stack (once per process, shared with the table and bucket) and reads its workflows. */
export async function synthesizeSandboxWorkflows(): Promise<SandboxWorkflowDefinitions> {
  return readSandboxWorkflows(await synthesizeSandboxStack());
}
