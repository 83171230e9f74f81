import { inject } from 'vitest';
import type { LocalEnginesConfig } from '../../sandbox/engine-config.js';
import type { SandboxResourceDefinitions } from '../../sandbox/template-resources.js';
import type { SandboxWorkflowDefinitions } from '../../sandbox/workflows/synthesize-workflows.js';

const missingSetup =
  'The local engines are not running: vitest.config.ts must list test/setup/local-engines.global.ts in test.globalSetup.';

/** Where the run's shared local engines listen (started by test/setup/local-engines.global.ts). */
export function injectedLocalEngines(): LocalEnginesConfig {
  const config = inject('localEngines');
  if (!config) throw new Error(missingSetup);
  return config;
}

/** The table and bucket definitions read from the synthesized template, for tests that start their own engines. */
export function injectedSandboxResources(): SandboxResourceDefinitions {
  const resources = inject('sandboxResources');
  if (!resources) throw new Error(missingSetup);
  return resources;
}

/** The state machines, functions and daily schedule read from the synthesized template (for startSandbox). */
export function injectedSandboxWorkflows(): SandboxWorkflowDefinitions {
  const workflows = inject('sandboxWorkflows');
  if (!workflows) throw new Error(missingSetup);
  return workflows;
}
