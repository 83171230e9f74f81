import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { CreateAgencyBodySchema } from '../../functions/api/api-schemas.js';
import { CliDataError, CliUsageError } from '../cli-errors.js';
import type { AgencyInputOutput } from './agency-from-options.js';
import { describeIssues, jsonPathLabel } from './describe-issues.js';

/** Reads a file named on the command line; a missing or unreadable file is a usage error naming the option. */
export async function readInputFile(path: string, option: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder' : (code ?? 'unreadable');
    throw new CliUsageError(`${option}: cannot read ${path}: ${why}`);
  }
}

/**
 * An agency from a JSON file, checked with the request body schema the API applies (strict, so a misspelled
 * field is caught here rather than after a round trip).
 */
export async function agencyFromFile(path: string): Promise<AgencyInputOutput> {
  const text = (await readInputFile(path, '--file')).toString('utf8').replace(/^\uFEFF/, '');
  const name = basename(path);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new CliDataError(`${name} is not valid JSON; nothing was sent`, [
      error instanceof Error ? error.message : String(error),
    ]);
  }
  const result = CreateAgencyBodySchema.safeParse(value);
  if (result.success) return result.data;
  throw new CliDataError(
    `${name} does not describe a valid agency; nothing was sent`,
    describeIssues(result.error, jsonPathLabel),
  );
}
