import type { Repository } from '../dynamodb/repository.js';
import type { EvidenceObjectStore } from '../s3/evidence-store.js';
import type { Clock } from './clock.js';
import type { Mailer } from './mailer.js';
import type { RuntimeSettings } from './settings.js';
import type { WorkflowClient } from './workflow-client.js';

/**
 * The dependencies handlers work with. In Lambda each is created on first use from the function's
 * environment (see the `*-binding.ts` modules, one per dependency so a handler bundles only the SDK clients
 * it uses). The sandbox and tests bind their own (virtual clock, local runner, outbox) before invoking
 * handlers, so the same handler code runs in both.
 */
export interface Runtime {
  readonly clock: Clock;
  readonly repository: Repository;
  readonly workflows: WorkflowClient;
  readonly mailer: Mailer;
  readonly settings: RuntimeSettings;
  readonly evidenceStore: EvidenceObjectStore;
}

const bound: { -readonly [K in keyof Runtime]?: Runtime[K] } = {};

/** Replaces some dependencies (sandbox, tests). Later calls override earlier ones. */
export function bindRuntime(parts: Partial<Runtime>): void {
  Object.assign(bound, parts);
}

/** Forgets one binding, so its next use creates the default again (the sandbox, when it stops). */
export function unbindRuntime(key: keyof Runtime): void {
  delete bound[key];
}

/** Forgets every binding, so the next use creates the defaults again (tests). */
export function resetRuntime(): void {
  for (const key of Object.keys(bound) as (keyof Runtime)[]) delete bound[key];
}

/** The bound dependency, or the default created (once) by `create`. */
export function resolveBinding<K extends keyof Runtime>(key: K, create: () => Runtime[K]): Runtime[K] {
  const existing = bound[key] as Runtime[K] | undefined;
  if (existing) return existing;
  const created = create();
  bound[key] = created as never;
  return created;
}
