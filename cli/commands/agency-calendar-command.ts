import type { Command } from 'commander';
import * as z from 'zod';
import { OriSchema, ReasonSchema } from '../../functions/domain/schemas/common.js';
import { CliUsageError } from '../cli-errors.js';
import { parseOptions } from '../input/parse-options.js';
import {
  calendarFeedStatusLines,
  issuedCalendarFeedLines,
  revokedCalendarFeedLines,
} from '../output/calendar-feed-lines.js';
import { type CliEnvironment, sessionFor } from './command-session.js';

interface CalendarOptions {
  readonly rotate?: boolean;
  readonly revoke?: boolean;
  readonly reason?: string;
}

const NAMES = { ori: '<ori>', reason: '--reason' };

const CALENDAR_HELP = `
Without --rotate or --revoke: issues the agency's feed if it has none and prints its URL (shown this once),
or says when its live feed was issued. Agencies subscribe to the URL in their calendar app (Outlook, Google,
Apple): one all-day event per open or upcoming audit on its evidence due date, updated as audits change.

Examples:
  clets-audit agency calendar CA0190000
  clets-audit agency calendar CA0190000 --rotate
  clets-audit agency calendar CA0190000 --revoke --reason "URL posted on a shared drive"
`;

/** The one action the options ask for; a contradictory combination is a usage error, and nothing is sent. */
function actionOf(options: CalendarOptions): 'issue-or-show' | 'rotate' | 'revoke' {
  if (options.rotate && options.revoke) {
    throw new CliUsageError(
      '--rotate and --revoke cannot be combined: rotate to replace the URL, revoke to end it',
    );
  }
  if (options.reason !== undefined && !options.revoke) {
    throw new CliUsageError('--reason goes with --revoke: it says why the feed is withdrawn');
  }
  if (options.revoke) return 'revoke';
  return options.rotate ? 'rotate' : 'issue-or-show';
}

export function calendarCommand(agency: Command, environment: CliEnvironment): void {
  agency
    .command('calendar')
    .description("issue, rotate or revoke an agency's calendar feed (a secret .ics URL of its due dates)")
    .argument('<ori>', 'the agency ORI, e.g. CA0190000')
    .option('--rotate', 'issue a new URL; the current one stops working at once')
    .option('--revoke', 'withdraw the feed; its URL stops working at once (needs --reason)')
    .option('--reason <text>', 'with --revoke: why the feed is withdrawn; kept in the trail')
    .addHelpText('after', CALENDAR_HELP)
    .action(async (ori: string, options: CalendarOptions, command: Command) => {
      const { output, api } = sessionFor(command, environment);
      const action = actionOf(options);
      if (action === 'revoke') {
        const valid = parseOptions(
          z.object({ ori: OriSchema, reason: ReasonSchema }),
          { ori, reason: options.reason },
          NAMES,
        );
        const revoked = await api().revokeCalendarFeed(valid.ori, valid.reason);
        output.result(revoked, revokedCalendarFeedLines);
        return;
      }
      const valid = parseOptions(z.object({ ori: OriSchema }), { ori }, NAMES);
      const adminApi = api();
      if (action === 'issue-or-show') {
        const current = await adminApi.getCalendarFeed(valid.ori);
        if (current.active) {
          output.result(current, calendarFeedStatusLines);
          return;
        }
      }
      const issued = await adminApi.issueCalendarFeed(valid.ori, { rotate: action === 'rotate' });
      output.result(issued, issuedCalendarFeedLines);
    });
}
