import type { TestProject } from 'vitest/node';
import type { LocalEnginesConfig } from '../../sandbox/engine-config.js';
import { startLocalEngines } from '../../sandbox/local-engines.js';
import { synthesizeSandboxResources } from '../../sandbox/synthesize-resources.js';
import type { SandboxResourceDefinitions } from '../../sandbox/template-resources.js';
import {
  type SandboxWorkflowDefinitions,
  synthesizeSandboxWorkflows,
} from '../../sandbox/workflows/synthesize-workflows.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's shared engines (in memory, ephemeral ports). Read it with `injectedLocalEngines()`. */
    localEngines: LocalEnginesConfig;
    /** What the template asks for, so a test can start its own engines or sandbox without synthesizing again. */
    sandboxResources: SandboxResourceDefinitions;
    /** The state machines, functions and schedule read from the same synth, for tests that start a sandbox. */
    sandboxWorkflows: SandboxWorkflowDefinitions;
  }
}

/**
 * Vitest global setup: synthesizes the stack once and starts one pair of local engines for the whole run, so
 * integration tests need neither AWS nor a synth of their own. Tests share the table and bucket, so each test
 * writes under keys of its own (e.g. a random id in the partition key).
 */
export default async function startLocalEnginesForTheRun(project: TestProject): Promise<() => Promise<void>> {
  // Both read the one synth of this process.
  const [resources, workflows] = await Promise.all([
    synthesizeSandboxResources(),
    synthesizeSandboxWorkflows(),
  ]);
  const engines = await startLocalEngines({ resources });
  project.provide('localEngines', engines.config);
  project.provide('sandboxResources', resources);
  project.provide('sandboxWorkflows', workflows);
  return () => engines.stop();
}
