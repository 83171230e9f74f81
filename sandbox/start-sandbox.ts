import { join } from 'node:path';
import { checkHealth } from '../functions/adapters/health/check-health.js';
import { bindRuntime, unbindRuntime } from '../functions/adapters/runtime/runtime.js';
import { settingsFromEnvironment } from '../functions/adapters/runtime/settings.js';
import { S3EvidenceStore } from '../functions/adapters/s3/evidence-store.js';
import { environmentNames } from '../functions/shared/environment-names.js';
import { adminApiRoutes, createAdminToken } from './admin-api-routes.js';
import { clockRoutes } from './clock-routes.js';
import { openDataFolder } from './data-folder.js';
import { createLocalClients } from './engine-config.js';
import { createEvidenceEventDelivery, type EvidenceEventDelivery } from './evidence-events.js';
import { executionsRoute } from './executions-route.js';
import { type FrontDoor, type FrontDoorRoute, startFrontDoor } from './front-door.js';
import { healthRoute } from './health-route.js';
import { indexPageRoute } from './index-page.js';
import { type LocalEngines, startLocalEngines } from './local-engines.js';
import { outboxRoutes } from './outbox-routes.js';
import { portalRoutes } from './portal-routes.js';
import type { SandboxResourceDefinitions } from './template-resources.js';
import { startWorkflowRuntime, type WorkflowRuntime } from './workflow-runtime.js';
import type { ResolveFunction } from './workflows/local-workflow-runner.js';
import {
  type SandboxWorkflowDefinitions,
  synthesizeSandboxWorkflows,
} from './workflows/synthesize-workflows.js';

/** Portal failures on the sandbox's log, as one line: route template and error name, never a path (tokens). */
const portalLog =
  (log: ((line: string) => void) | undefined) =>
  (entry: Record<string, unknown>): void =>
    (log ?? ((line: string) => console.error(line)))(
      `portal: ${String(entry.message)} (${String(entry.route ?? entry.operationId ?? 'route')}): ${JSON.stringify(entry.error)}`,
    );

export interface SandboxOptions {
  /** Ports of the front door and the engines; 0 (the default) takes any free port. */
  readonly frontDoorPort?: number;
  readonly dynamodbPort?: number;
  readonly s3Port?: number;
  /** Folder that keeps the data across restarts; without one everything is in memory or temporary. */
  readonly dataDirectory?: string;
  /** Empty the data folder before starting. */
  readonly fresh?: boolean;
  /** Table and bucket definitions, when the caller already has them (tests); synthesized otherwise. */
  readonly resources?: SandboxResourceDefinitions;
  /** State machines, functions and schedule, when the caller already has them; synthesized otherwise. */
  readonly workflows?: SandboxWorkflowDefinitions;
  /** Where virtual time starts; the real time by default. */
  readonly clockStart?: Date;
  /** The bearer token for the admin API and the clock; a fresh random one by default. */
  readonly adminToken?: string;
  /** Stand-in handlers by function name (tests); the catalog's handler modules otherwise. */
  readonly resolveFunction?: ResolveFunction;
  /** Where the sandbox reports workflow failures (status and error name only); silent by default. */
  readonly log?: (line: string) => void;
}

export interface Sandbox {
  readonly frontDoor: Pick<FrontDoor, 'url' | 'port'>;
  readonly engines: LocalEngines;
  readonly dataDirectory: string | undefined;
  /** Virtual clock, workflow runner, outbox and daily schedule. */
  readonly workflows: WorkflowRuntime;
  /** S3 Object Created events under evidence/, delivered to the ingest handler; await whenIdle() after an upload. */
  readonly evidenceEvents: Pick<EvidenceEventDelivery, 'whenIdle'>;
  /** Callers of the admin API and of POST /clock/advance send it as `Authorization: Bearer <token>`. */
  readonly adminToken: string;
  /** Stops the front door, the workflows, then the engines, then releases the data folder. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts the whole local sandbox: claims the data folder, starts the engines (creating the table and bucket from
 * the template), the workflow runtime (the state machines from the same template), then the front door. If any
 * step fails, what had started is stopped before the error is thrown, so a failed start leaves no port or lock
 * behind.
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const dataFolder =
    options.dataDirectory === undefined
      ? undefined
      : await openDataFolder(options.dataDirectory, { fresh: options.fresh });
  // Stops run in reverse order of starts.
  const stops: (() => Promise<void>)[] = [];
  if (dataFolder) stops.unshift(dataFolder.release);
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      // Every part gets its stop even if an earlier one failed, so no port or lock is left behind.
      const failures: unknown[] = [];
      for (const stopPart of stops) await stopPart().catch((error: unknown) => failures.push(error));
      if (failures.length > 0) throw failures[0];
    })();
    return stopping;
  };

  try {
    const [engines, workflowDefinitions] = await Promise.all([
      startLocalEngines({
        dataDirectory: dataFolder?.path,
        dynamodbPort: options.dynamodbPort,
        s3Port: options.s3Port,
        resources: options.resources,
      }),
      options.workflows ?? synthesizeSandboxWorkflows(),
    ]);
    stops.unshift(engines.stop);

    const clients = createLocalClients(engines.config);
    stops.unshift(async () => clients.destroy());

    // What a Lambda function's environment would hold, pointed at the engines: handler modules that build SDK
    // clients at import time (evidence, health) reach the local engines.
    Object.assign(process.env, workflowDefinitions.functionEnvironment, engines.environment());

    const runtime = await startWorkflowRuntime({
      workflows: workflowDefinitions,
      documentClient: clients.documentClient,
      tableName: engines.config.dynamodb.tableName,
      outboxDirectory: dataFolder ? join(dataFolder.path, 'outbox') : undefined,
      clockStart: options.clockStart,
      resolveFunction: options.resolveFunction,
      log: options.log,
    });
    stops.unshift(runtime.stop);

    // The evidence bucket on the local engine, and its Object Created events delivered to the ingest handler
    // as the stack's EventBridge rule delivers them. Stopped before the runtime and clients it uses.
    const evidenceBucket = engines.config.s3.evidenceBucket;
    const evidenceStore = new S3EvidenceStore(clients.s3, evidenceBucket);
    bindRuntime({ evidenceStore });
    const evidenceEvents = createEvidenceEventDelivery({ bucket: evidenceBucket, log: options.log });
    const unsubscribeEvidenceEvents = engines.onS3Event((notification) =>
      evidenceEvents.accept(notification),
    );
    stops.unshift(async () => {
      unsubscribeEvidenceEvents();
      await evidenceEvents.stop();
      unbindRuntime('evidenceStore');
    });

    const adminToken = options.adminToken ?? createAdminToken();
    const routes: FrontDoorRoute[] = [];
    routes.push(
      indexPageRoute(() => ({
        routes,
        engines: engines.config,
        dataDirectory: dataFolder?.path,
        workflows: {
          now: runtime.clock.now(),
          timeZone: runtime.timeZone,
          executions: runtime.runner.listExecutions().length,
          messages: runtime.outbox.list().length,
        },
      })),
      healthRoute(() =>
        checkHealth({
          documentClient: clients.documentClient,
          s3Client: clients.s3,
          tableName: engines.config.dynamodb.tableName,
          evidenceBucket: engines.config.s3.evidenceBucket,
          stage: engines.config.stage,
        }),
      ),
      ...clockRoutes({ clock: runtime.clock, timeZone: runtime.timeZone, token: adminToken }),
      ...outboxRoutes(runtime.outbox),
      executionsRoute(runtime.runner),
      ...adminApiRoutes({ token: adminToken }),
      ...portalRoutes({ uploadOrigin: () => evidenceStore.uploadOrigin(), log: portalLog(options.log) }),
    );
    const frontDoor = await startFrontDoor({ port: options.frontDoorPort ?? 0, routes });
    stops.unshift(frontDoor.stop);
    // The upload page is served here, so browsers POST files to the local S3 from this origin.
    await engines.allowUploadsFrom(new URL(frontDoor.url).origin);

    // The deployment's settings as the stack gives them to its functions; links in email point here.
    bindRuntime({
      settings: settingsFromEnvironment({
        ...workflowDefinitions.functionEnvironment,
        [environmentNames.stage]: engines.config.stage,
        [environmentNames.publicBaseUrl]: frontDoor.url.replace(/\/$/, ''),
      }),
    });

    return {
      frontDoor: { url: frontDoor.url, port: frontDoor.port },
      engines,
      dataDirectory: dataFolder?.path,
      workflows: runtime,
      evidenceEvents: { whenIdle: evidenceEvents.whenIdle },
      adminToken,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
