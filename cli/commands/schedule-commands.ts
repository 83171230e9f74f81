import type { Command } from 'commander';
import { type CliEnvironment, sessionFor } from './command-session.js';

export function registerScheduleCommands(program: Command, environment: CliEnvironment): void {
  const schedule = program.command('schedule').description('run the audit scheduler');
  schedule
    .command('run')
    .description('start a scheduling run now, as the daily run would (POST /schedule-runs)')
    .action(async (_options: unknown, command: Command) => {
      const { output, api } = sessionFor(command, environment);
      output.result(await api().startScheduleRun(), (run) => [
        `Scheduling run started: execution ${run.executionName}.`,
        'The audits it plans appear in "clets-audit audits list" once it finishes.',
      ]);
    });
}
