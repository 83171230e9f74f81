import type { Command } from 'commander';
import * as z from 'zod';
import { EntityIdSchema } from '../../functions/domain/schemas/common.js';
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
});

const ADD_NAMES = {
  auditId: '<auditId>',
  requestId: '--request',
  severity: '--severity',
  description: '--description',
};

function addCommand(findings: Command, environment: CliEnvironment): void {
  findings
    .command('add')
    .description("record a finding against one of an audit's requests; its due date follows the severity")
    .argument('<auditId>', 'the audit id, as audits list shows it')
    .requiredOption('--request <requestId>', 'the request the finding is about, as evidence list shows it')
    .requiredOption('--severity <severity>', 'critical, high, medium or low')
    .requiredOption('--description <text>', 'what is wrong; its first line is the title')
    .action(
      async (
        auditId: string,
        options: { request: string; severity: string; description: string },
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
          },
          ADD_NAMES,
        );
        const finding = await api().recordFinding(valid.auditId, {
          requestId: valid.requestId,
          severity: valid.severity,
          description: valid.description,
        });
        output.result(finding, findingLines);
      },
    );
}

function listCommand(findings: Command, environment: CliEnvironment): void {
  findings
    .command('list')
    .description("list an audit's findings with severity, status and due date")
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
