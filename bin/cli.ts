#!/usr/bin/env node
import { runCli } from '../cli/run-cli.js';

// `clets-audit` / `npm run cli --`: the admin CLI. Everything but the process itself lives in cli/.

// A reader that stops early (`clets-audit audits list | head`) closes the pipe: stop quietly, not with a trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
}

process.exitCode = await runCli(process.argv.slice(2), {
  io: { stdout: process.stdout, stderr: process.stderr },
  env: process.env,
});
