#!/usr/bin/env node
import { DeploymentConfigError } from '../lib/config/deployment-config.js';
import { projectPaths } from '../lib/project-paths.js';
import { formatSandboxBanner } from '../sandbox/banner.js';
import {
  CommandLineError,
  explainStartError,
  parseSandboxCommandLine,
  type SandboxCommand,
  sandboxUsage,
} from '../sandbox/command-line.js';
import { formatDemoReport, seedDemo } from '../sandbox/demo-seed.js';
import { SandboxStartError } from '../sandbox/sandbox-errors.js';
import { type Sandbox, startSandbox } from '../sandbox/start-sandbox.js';

// `npm start`: the local sandbox. Parses the flags, starts everything, prints where it is, stops on Ctrl+C.

/** Git-ignored; anchored to the project root so the data is found whatever the working directory. */
const DATA_FOLDER = projectPaths.resolve('.sandbox-data');

function readCommand(): SandboxCommand | undefined {
  try {
    return parseSandboxCommandLine(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof CommandLineError)) throw error;
    console.error(`${error.message}\nRun "npm start -- --help" for usage.`);
    return undefined;
  }
}

async function start(options: Parameters<typeof startSandbox>[0]): Promise<Sandbox | undefined> {
  try {
    return await startSandbox(options);
  } catch (error) {
    // Problems a person can fix get one line; anything else is a bug and keeps its stack trace.
    if (error instanceof SandboxStartError) console.error(explainStartError(error));
    else if (error instanceof DeploymentConfigError) console.error(error.message);
    else throw error;
    return undefined;
  }
}

/** Resolves on the first stop signal; a second one while stopping exits at once. */
function untilStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.off('SIGINT', onSignal).off('SIGTERM', onSignal).off('SIGHUP', onSignal);
      process.once('SIGINT', forceExit).once('SIGTERM', forceExit);
      resolve(signal);
    };
    const forceExit = () => {
      console.error('Stopped without waiting for the engines to close.');
      process.exit(1);
    };
    // SIGHUP too: closing the terminal should release the data folder like Ctrl+C does.
    process.on('SIGINT', onSignal).on('SIGTERM', onSignal).on('SIGHUP', onSignal);
  });
}

async function main(): Promise<number> {
  const command = readCommand();
  if (!command) return 2;
  if (command.kind === 'help') {
    console.log(sandboxUsage);
    return 0;
  }
  const { demo, ...options } = command.options;
  // The demo runs in memory, so it neither needs nor touches the data kept in .sandbox-data/.
  const sandbox = await start({
    ...options,
    dataDirectory: demo ? undefined : DATA_FOLDER,
    // Workflow failures are reported by status and error name only: no payloads, tokens or email content.
    log: (line) => console.error(line),
  });
  if (!sandbox) return 1;
  console.log(formatSandboxBanner(sandbox));
  if (demo) {
    const report = await seedDemo(sandbox);
    console.log(formatDemoReport(report, sandbox.frontDoor.url));
    // performance.now() counts from process start: the time a person waits for the first audit and email.
    console.log(`Demo ready ${(performance.now() / 1000).toFixed(1)} s after start.`);
  }

  const signal = await untilStopSignal();
  console.log(`\n${signal}: stopping the sandbox...`);
  await sandbox.stop();
  console.log('Sandbox stopped.');
  return 0;
}

process.exitCode = await main();
