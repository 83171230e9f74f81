import type { Command } from 'commander';
import * as z from 'zod';
import {
  CONTACT_ROLES,
  ContactRoleSchema,
  EntityIdSchema,
  ReasonSchema,
} from '../../functions/domain/schemas/common.js';
import { parseOptions } from '../input/parse-options.js';
import { reissuedLinkLines, revokedLinksLines, uploadLinkListLines } from '../output/upload-link-lines.js';
import { type CliEnvironment, sessionFor } from './command-session.js';

const AuditIdSchema = z.object({ auditId: EntityIdSchema });
const RoleSchema = AuditIdSchema.extend({ role: ContactRoleSchema });
const NAMES = { auditId: '<auditId>', role: '<role>', reason: '--reason' };
const ROLE_HELP = `the contact role: ${CONTACT_ROLES.join(', ')}`;

function listCommand(links: Command, environment: CliEnvironment): void {
  links
    .command('list')
    .description(
      "list an audit's upload links with their state (active, expired, revoked, locked); never a token",
    )
    .argument('<auditId>', 'the audit id, as audits list shows it')
    .action(async (auditId: string, _options: unknown, command: Command) => {
      const { output, api } = sessionFor(command, environment);
      const valid = parseOptions(AuditIdSchema, { auditId }, NAMES);
      output.result(await api().listUploadLinks(valid.auditId), uploadLinkListLines);
    });
}

function revokeCommand(links: Command, environment: CliEnvironment): void {
  links
    .command('revoke')
    .description(
      "withdraw every live upload link of one role of the audit's agency; they stop working at once",
    )
    .argument('<auditId>', 'the audit id, as audits list shows it')
    .argument('<role>', ROLE_HELP)
    .requiredOption('--reason <text>', 'why the links are withdrawn; kept in the trail')
    .action(async (auditId: string, role: string, options: { reason: string }, command: Command) => {
      const { output, api } = sessionFor(command, environment);
      const valid = parseOptions(
        RoleSchema.extend({ reason: ReasonSchema }),
        { auditId, role, reason: options.reason },
        NAMES,
      );
      const revoked = await api().revokeUploadLinks(valid.auditId, valid.role, valid.reason);
      output.result(revoked, (answer) => revokedLinksLines(valid.role, answer));
    });
}

function reissueCommand(links: Command, environment: CliEnvironment): void {
  links
    .command('reissue')
    .description("withdraw a role's upload links and email the role's contacts a new one")
    .argument('<auditId>', 'the audit id, as audits list shows it')
    .argument('<role>', ROLE_HELP)
    .action(async (auditId: string, role: string, _options: unknown, command: Command) => {
      const { output, api } = sessionFor(command, environment);
      const valid = parseOptions(RoleSchema, { auditId, role }, NAMES);
      output.result(await api().reissueUploadLink(valid.auditId, valid.role), reissuedLinkLines);
    });
}

export function registerUploadLinkCommands(program: Command, environment: CliEnvironment): void {
  const links = program.command('links').description("manage an audit's upload links: list, revoke, reissue");
  listCommand(links, environment);
  revokeCommand(links, environment);
  reissueCommand(links, environment);
}
