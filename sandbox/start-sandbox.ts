import { checkHealth } from '../functions/adapters/health/check-health.js';
import { openDataFolder } from './data-folder.js';
import { createLocalClients } from './engine-config.js';
import { type FrontDoor, type FrontDoorRoute, startFrontDoor } from './front-door.js';
import { healthRoute } from './health-route.js';
import { indexPageRoute } from './index-page.js';
import { type LocalEngines, startLocalEngines } from './local-engines.js';
import type { SandboxResourceDefinitions } from './template-resources.js';

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
}

export interface Sandbox {
  readonly frontDoor: Pick<FrontDoor, 'url' | 'port'>;
  readonly engines: LocalEngines;
  readonly dataDirectory: string | undefined;
  /** Stops the front door, then the engines, then releases the data folder. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts the whole local sandbox: claims the data folder, starts the engines (creating the table and bucket from
 * the template), then the front door. If any step fails, what had started is stopped before the error is thrown,
 * so a failed start leaves no port or lock behind.
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
    const engines = await startLocalEngines({
      dataDirectory: dataFolder?.path,
      dynamodbPort: options.dynamodbPort,
      s3Port: options.s3Port,
      resources: options.resources,
    });
    stops.unshift(engines.stop);

    const clients = createLocalClients(engines.config);
    stops.unshift(async () => clients.destroy());

    const routes: FrontDoorRoute[] = [];
    routes.push(
      indexPageRoute(() => ({ routes, engines: engines.config, dataDirectory: dataFolder?.path })),
      healthRoute(() =>
        checkHealth({
          documentClient: clients.documentClient,
          s3Client: clients.s3,
          tableName: engines.config.dynamodb.tableName,
          evidenceBucket: engines.config.s3.evidenceBucket,
          stage: engines.config.stage,
        }),
      ),
    );
    const frontDoor = await startFrontDoor({ port: options.frontDoorPort ?? 0, routes });
    stops.unshift(frontDoor.stop);

    return {
      frontDoor: { url: frontDoor.url, port: frontDoor.port },
      engines,
      dataDirectory: dataFolder?.path,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
