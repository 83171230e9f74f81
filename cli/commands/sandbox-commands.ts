import type { Command } from 'commander';
import * as z from 'zod';
import { MAX_ADVANCE_DAYS } from '../../sandbox/clock-routes.js';
import { ApiCallError } from '../api/api-client-errors.js';
import { CliUsageError, NotASandboxError } from '../cli-errors.js';
import { parseOptions } from '../input/parse-options.js';
import { clockAdvanceLines, clockLines, outboxLines } from '../output/sandbox-lines.js';
import { type CliEnvironment, sessionFor } from './command-session.js';

/** A positive amount of time, fractions allowed ("--hours 0.5"), up to what the sandbox moves in one call. */
const amountOption = (unit: string, max: number) => {
  const allowed = `must be a number of ${unit} more than 0 and at most ${max}`;
  return z
    .string()
    .regex(/^\d+(?:\.\d+)?$/, allowed)
    .transform(Number)
    .pipe(z.number().gt(0, allowed).max(max, allowed));
};

const AdvanceOptionsSchema = z.object({
  days: amountOption('days', MAX_ADVANCE_DAYS).optional(),
  hours: amountOption('hours', MAX_ADVANCE_DAYS * 24).optional(),
  until: z.iso
    .datetime({ offset: true, error: 'must be an ISO 8601 instant with a zone, e.g. 2026-09-01T15:00:00Z' })
    .optional(),
});

/** The body of POST /clock/advance: the one option given, as the sandbox's contract names it. */
function advanceBy(
  valid: z.output<typeof AdvanceOptionsSchema>,
): { days: number } | { hours: number } | { until: string } {
  if (valid.days !== undefined) return { days: valid.days };
  if (valid.hours !== undefined) return { hours: valid.hours };
  if (valid.until !== undefined) return { until: valid.until };
  throw new CliUsageError('give one of --days <n>, --hours <n> or --until <instant>');
}

/**
 * The clock and the outbox exist only in the sandbox. Anywhere else the path is unknown (404, or 405 where
 * another route shares it): say that, rather than a bare "not found".
 */
async function sandboxOnly<T>(apiUrl: string, request: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ApiCallError && (error.status === 404 || error.status === 405)) {
      throw new NotASandboxError(apiUrl, request, error.status);
    }
    throw error;
  }
}

function registerClockCommands(program: Command, environment: CliEnvironment): void {
  const clock = program.command('clock').description('read and move the sandbox clock (sandbox only)');
  clock
    .command('show')
    .description("show the sandbox's virtual time (GET /clock)")
    .action(async (_options: unknown, command: Command) => {
      const { output, api } = sessionFor(command, environment);
      const admin = api();
      output.result(await sandboxOnly(admin.client.apiUrl, 'GET /clock', () => admin.getClock()), clockLines);
    });
  clock
    .command('advance')
    .description('move the sandbox clock forward, firing reminders, timeouts and daily runs on the way')
    .option('--days <n>', `move forward n days (up to ${MAX_ADVANCE_DAYS} per call; fractions allowed)`)
    .option('--hours <n>', `move forward n hours (up to ${MAX_ADVANCE_DAYS * 24} per call)`)
    .option(
      '--until <instant>',
      'move forward to this instant, e.g. 2026-09-01T15:00:00Z or 2026-09-01T08:00:00-07:00',
    )
    .action(async (options: { days?: string; hours?: string; until?: string }, command: Command) => {
      const { output, api } = sessionFor(command, environment);
      const given = (['days', 'hours', 'until'] as const).filter((name) => options[name] !== undefined);
      if (given.length !== 1) {
        throw new CliUsageError(
          `give exactly one of --days <n>, --hours <n> or --until <instant>${given.length > 1 ? ` (got ${given.map((name) => `--${name}`).join(', ')})` : ''}`,
        );
      }
      const by = advanceBy(
        parseOptions(AdvanceOptionsSchema, options, { days: '--days', hours: '--hours', until: '--until' }),
      );
      const admin = api();
      const advance = await sandboxOnly(admin.client.apiUrl, 'POST /clock/advance', () =>
        admin.advanceClock(by),
      );
      output.result(advance, clockAdvanceLines);
    });
}

function registerOutboxCommands(program: Command, environment: CliEnvironment): void {
  const outbox = program.command('outbox').description('the emails the sandbox has sent (sandbox only)');
  outbox
    .command('list')
    .description('list sent emails, newest first (GET /outbox)')
    .action(async (_options: unknown, command: Command) => {
      const { output, api } = sessionFor(command, environment);
      const admin = api();
      output.result(
        await sandboxOnly(admin.client.apiUrl, 'GET /outbox', () => admin.listOutbox()),
        outboxLines,
      );
    });
}

export function registerSandboxCommands(program: Command, environment: CliEnvironment): void {
  registerClockCommands(program, environment);
  registerOutboxCommands(program, environment);
}
