import { parseArgs } from 'node:util';
import * as z from 'zod';
import { PortBusyError, type SandboxService, type SandboxStartError } from './sandbox-errors.js';

/** Fixed defaults, so bookmarks and scripts keep working across restarts. */
export const DEFAULT_PORTS = { frontDoor: 4280, dynamodb: 4281, s3: 4282 } as const;

/** The flag that sets each service's port, for messages that tell a person what to change. */
export const portFlags: Record<SandboxService, string> = {
  frontDoor: '--port',
  dynamodb: '--dynamodb-port',
  s3: '--s3-port',
};

const optionSpec = {
  port: { type: 'string' },
  'dynamodb-port': { type: 'string' },
  's3-port': { type: 'string' },
  fresh: { type: 'boolean' },
  demo: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const allowedFlags = '--port, --dynamodb-port, --s3-port, --fresh, --demo, --help';

export const sandboxUsage = `Usage: npm start -- [options]

Starts the local sandbox: DynamoDB and S3 engines holding the stack's table and bucket, and an HTTP front door.
Data is kept in .sandbox-data/ across restarts.

Options:
  --port=<n>           front door port (default ${DEFAULT_PORTS.frontDoor})
  --dynamodb-port=<n>  DynamoDB engine port (default ${DEFAULT_PORTS.dynamodb})
  --s3-port=<n>        S3 engine port (default ${DEFAULT_PORTS.s3})
  --fresh              wipe .sandbox-data/ before starting
  --demo               seed demo agencies and enrollments so audits open and email goes out at once;
                       runs in memory (leaves .sandbox-data/ alone) and is gone at stop
  -h, --help           show this help`;

export class CommandLineError extends Error {
  override readonly name = 'CommandLineError';
}

export interface SandboxCommandLineOptions {
  readonly frontDoorPort: number;
  readonly dynamodbPort: number;
  readonly s3Port: number;
  readonly fresh: boolean;
  readonly demo: boolean;
}

export type SandboxCommand =
  | { readonly kind: 'help' }
  | { readonly kind: 'start'; readonly options: SandboxCommandLineOptions };

const portValue = (flag: string, fallback: number) => {
  const notAPort = {
    error: (issue: { input: unknown }) =>
      `${flag} must be a port number from 1 to 65535, not "${issue.input}"`,
  };
  return (
    z
      // parseArgs gives `true` for a value-taking flag written without a value.
      .string({ error: `${flag} needs a value, e.g. ${flag}=${fallback}` })
      .regex(/^\d{1,5}$/, notAPort)
      .transform(Number)
      .pipe(z.number().min(1, notAPort).max(65535, notAPort))
      .default(fallback)
  );
};

const switchValue = (flag: string) =>
  z.boolean({ error: `${flag} takes no value (write ${flag} alone)` }).default(false);

const CommandLineValues = z
  .object({
    port: portValue('--port', DEFAULT_PORTS.frontDoor),
    'dynamodb-port': portValue('--dynamodb-port', DEFAULT_PORTS.dynamodb),
    's3-port': portValue('--s3-port', DEFAULT_PORTS.s3),
    fresh: switchValue('--fresh'),
    demo: switchValue('--demo'),
    help: switchValue('--help'),
  })
  .refine((values) => new Set([values.port, values['dynamodb-port'], values['s3-port']]).size === 3, {
    error: '--port, --dynamodb-port and --s3-port must be three different ports',
  });

/**
 * Reads `npm start` arguments. Throws a CommandLineError whose message lists every problem (unknown flags with the
 * allowed ones, bad port values, stray arguments), ready to print as is.
 */
export function parseSandboxCommandLine(argv: readonly string[]): SandboxCommand {
  // Non-strict, so that every problem is collected and worded here rather than thrown one by one by parseArgs.
  const { values, positionals, tokens } = parseArgs({
    args: [...argv],
    options: optionSpec,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const problems: string[] = [];
  const unknown = tokens.flatMap((token) =>
    token.kind === 'option' && !(token.name in optionSpec) ? [token.rawName] : [],
  );
  if (unknown.length > 0) {
    problems.push(
      `Unknown option${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}. Allowed: ${allowedFlags}.`,
    );
  }
  if (positionals.length > 0) {
    problems.push(
      `Unexpected argument${positionals.length > 1 ? 's' : ''} ${positionals.join(' ')}: every option starts with --.`,
    );
  }
  const known = Object.fromEntries(Object.entries(values).filter(([name]) => name in optionSpec));
  const parsed = CommandLineValues.safeParse(known);
  if (!parsed.success) problems.push(...parsed.error.issues.map((issue) => `${issue.message}.`));
  if (problems.length > 0 || !parsed.success) throw new CommandLineError(problems.join('\n'));

  const options = parsed.data;
  if (options.help) return { kind: 'help' };
  return {
    kind: 'start',
    options: {
      frontDoorPort: options.port,
      dynamodbPort: options['dynamodb-port'],
      s3Port: options['s3-port'],
      fresh: options.fresh,
      demo: options.demo,
    },
  };
}

/** One line for a start failure a person can fix, with the flag to use when it is a busy port. */
export function explainStartError(error: SandboxStartError): string {
  if (error instanceof PortBusyError) {
    return `${error.message} Stop that process or start with ${portFlags[error.service]}=<free port>.`;
  }
  return error.message;
}
