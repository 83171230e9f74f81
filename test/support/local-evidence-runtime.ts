import { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll } from 'vitest';
import type { RuntimeSettings } from '../../functions/adapters/runtime/settings.js';
import type { WorkflowClient } from '../../functions/adapters/runtime/workflow-client.js';
import { S3EvidenceStore } from '../../functions/adapters/s3/evidence-store.js';
import { s3ClientConfig } from '../../sandbox/engine-config.js';
import { injectedLocalEngines } from '../setup/local-engines.js';
import { bindTestRuntime } from './test-runtime.js';
import { connectTestTable, type TestTable } from './test-table.js';

export interface LocalEvidenceRuntime {
  /** The run's test table, which the runtime's repository uses. */
  readonly table: TestTable;
  /** A client of the run's s3rver, for putting and listing objects behind the services' back. */
  readonly s3: S3Client;
  /** The runtime's evidence store: the evidence bucket on the run's s3rver. */
  readonly store: S3EvidenceStore;
}

/**
 * For a test file whose evidence goes through the local engines: before its tests, binds the runtime as
 * bindTestRuntime does, with the run's s3rver evidence bucket as its evidence store; after them, closes the S3
 * client. Registers those hooks, so call it at the top level of the file; what it returns can be used once the
 * hooks have run, in tests and later hooks.
 */
export function bindLocalEvidenceRuntime(options: {
  readonly now: Date;
  readonly workflows: WorkflowClient;
  readonly settings?: Partial<RuntimeSettings>;
}): LocalEvidenceRuntime {
  let bound: LocalEvidenceRuntime | undefined;
  beforeAll(async () => {
    const table = await connectTestTable();
    const engines = injectedLocalEngines();
    const s3 = new S3Client(s3ClientConfig(engines));
    const store = new S3EvidenceStore(s3, engines.s3.evidenceBucket);
    bindTestRuntime(table, { ...options, evidenceStore: store });
    bound = { table, s3, store };
  });
  afterAll(() => bound?.s3.destroy());
  const ready = (): LocalEvidenceRuntime => {
    if (!bound)
      throw new Error('The local evidence runtime is bound in beforeAll: use it in tests or hooks.');
    return bound;
  };
  return {
    get table() {
      return ready().table;
    },
    get s3() {
      return ready().s3;
    },
    get store() {
      return ready().store;
    },
  };
}
