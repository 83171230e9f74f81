import { pathToFileURL } from 'node:url';
import { projectPaths } from '../../lib/project-paths.js';
import type { LambdaHandler, ResolveFunction } from './local-workflow-runner.js';
import type { WorkflowFunction } from './synthesize-workflows.js';
import { UnknownFunctionError } from './workflow-errors.js';

/** A Lambda context with what a handler may reasonably read; the sandbox has no time limit to report. */
function invocationContext(functionName: string) {
  return {
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: functionName,
    memoryLimitInMB: '512',
    awsRequestId: crypto.randomUUID(),
    getRemainingTimeInMillis: () => 900_000,
  };
}

/**
 * Finds each function's handler the way Lambda does: the catalog entry's module, its handler export. Modules
 * are imported on first use and kept, as a warm Lambda keeps its module scope.
 */
export function catalogHandlerResolver(
  functions: Readonly<Record<string, WorkflowFunction>>,
): ResolveFunction {
  const loaded = new Map<string, Promise<LambdaHandler>>();
  const load = async (functionName: string): Promise<LambdaHandler> => {
    const spec = functions[functionName];
    if (!spec) {
      throw new UnknownFunctionError(
        `Function not found: ${functionName} is not in the stack's function catalog.`,
      );
    }
    const module = (await import(pathToFileURL(projectPaths.resolve(spec.entry)).href)) as Record<
      string,
      unknown
    >;
    const handler = module[spec.handlerExport];
    if (typeof handler !== 'function') {
      throw new UnknownFunctionError(
        `${spec.entry} does not export ${spec.handlerExport} (function ${spec.catalogName}).`,
      );
    }
    return (event) =>
      (handler as (event: unknown, context: unknown) => unknown)(event, invocationContext(functionName));
  };
  return (functionName) => {
    let handler = loaded.get(functionName);
    if (!handler) {
      handler = load(functionName);
      // A failed import is not kept: the next invocation tries again, as a new Lambda instance would.
      handler.catch(() => loaded.delete(functionName));
      loaded.set(functionName, handler);
    }
    return handler;
  };
}
