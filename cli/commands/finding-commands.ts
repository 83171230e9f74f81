import type { Command } from 'commander';
import * as z from 'zod';
import {
  EntityIdSchema,
  RESPONSIBLE_ROLES,
  ResponsibleRoleSchema,
} from '../../functions/domain/schemas/common.js';
import { SeveritySchema } from '../../functions/domain/schemas/finding.js';
import { parseOptions } from '../input/parse-options.js';
import { auditFindingsLines, findingLines } from '../output/finding-lines.js';
import { type CliEnvironment, sessionFor } from './command-session.js';

const AuditIdSchema = z.object({ auditId: EntityIdSchema });

const AddOptionsSchema = z.object({
  auditId: EntityIdSchema,
  requestId: EntityIdSchema,
  severity: SeveritySchema,
  description: z
    .string()
    .trim()
    .min(1, 'description is required')
    .max(10_000, 'must be at most 10000 characters'),
  ownerRole: ResponsibleRoleSchema.optional(),
});

const ADD_NAMES = {
  auditId: '<auditId>',
  requestId: '--request',
  severity: '--severity',
  description: '--description',
  ownerRole: '--owner',
};

function addCommand(findings: Command, environment: CliEnvironment): void {
  findings
    .command('add')
    .description(
      "record a finding against one of an audit's requests, with its first remediation task; its due date follows the severity",
    )
    .argument('<auditId>', 'the audit id, as audits list shows it')
    .requiredOption('--request <requestId>', 'the request the finding is about, as evidence list shows it')
    .requiredOption('--severity <severity>', 'critical, high, medium or low')
    .requiredOption('--description <text>', 'what is wrong; its first line is the title')
    .option(
      '--owner <role>',
      `the agency role owning the finding's first remediation task: ${RESPONSIBLE_ROLES.join(', ')} (default: the audit's responsible role)`,
    )
    .action(
      async (
        auditId: string,
        options: { request: string; severity: string; description: string; owner?: string },
        command: Command,
      ) => {
        const { output, api } = sessionFor(command, environment);
        const valid = parseOptions(
          AddOptionsSchema,
          {
            auditId,
            requestId: options.request,
            severity: options.severity,
            description: options.description,
            ownerRole: options.owner,
          },
          ADD_NAMES,
        );
        const finding = await api().recordFinding(valid.auditId, {
          requestId: valid.requestId,
          severity: valid.severity,
          description: valid.description,
          ...(valid.ownerRole ? { ownerRole: valid.ownerRole } : {}),
        });
        output.result(finding, findingLines);
      },
    );
}

function listCommand(findings: Command, environment: CliEnvironment): void {
  findings
    .command('list')
    .description("list an audit's findings with severity, status, due date and whether each is a repeat")
    .argument('<auditId>', 'the audit id, as audits list shows it')
    .action(async (auditId: string, _options: unknown, command: Command) => {
      const { output, api } = sessionFor(command, environment);
      const valid = parseOptions(AuditIdSchema, { auditId }, { auditId: '<auditId>' });
      output.result(await api().listFindings(valid.auditId), auditFindingsLines);
    });
}

export function registerFindingCommands(program: Command, environment: CliEnvironment): void {
  const findings = program.command('findings').description("record and list an audit's findings");
  addCommand(findings, environment);
  listCommand(findings, environment);
}
