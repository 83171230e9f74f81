import { describe, expect, it } from 'vitest';
import {
  CommandLineError,
  DEFAULT_PORTS,
  explainStartError,
  parseSandboxCommandLine,
} from '../../../sandbox/command-line.js';
import { DataFolderError, PortBusyError } from '../../../sandbox/sandbox-errors.js';

const problemsOf = (argv: string[]): string => {
  try {
    parseSandboxCommandLine(argv);
  } catch (error) {
    if (error instanceof CommandLineError) return error.message;
    throw error;
  }
  throw new Error(`expected ${argv.join(' ')} to be refused`);
};

describe('Function: parseSandboxCommandLine', () => {
  it('starts on the fixed default ports, keeping the data, when given no flag', () => {
    // Act
    const command = parseSandboxCommandLine([]);

    // Assess
    expect(command).toEqual({
      kind: 'start',
      options: {
        frontDoorPort: DEFAULT_PORTS.frontDoor,
        dynamodbPort: DEFAULT_PORTS.dynamodb,
        s3Port: DEFAULT_PORTS.s3,
        fresh: false,
        demo: false,
      },
    });
  });

  it('reads ports written with = or as the next argument, --fresh and --demo', () => {
    // Act
    const command = parseSandboxCommandLine([
      '--port=5000',
      '--dynamodb-port',
      '5001',
      '--s3-port=5002',
      '--fresh',
      '--demo',
    ]);

    // Assess
    expect(command).toEqual({
      kind: 'start',
      options: { frontDoorPort: 5000, dynamodbPort: 5001, s3Port: 5002, fresh: true, demo: true },
    });
  });

  it.each([['--help'], ['-h']])('answers %s with the usage', (flag) => {
    expect(parseSandboxCommandLine([flag])).toEqual({ kind: 'help' });
  });

  it('refuses an unknown flag, listing the allowed ones', () => {
    expect(problemsOf(['--prot=4280'])).toBe(
      'Unknown option --prot. Allowed: --port, --dynamodb-port, --s3-port, --fresh, --demo, --help.',
    );
  });

  it.each([
    [['--port=abc'], '--port must be a port number from 1 to 65535, not "abc".'],
    [['--s3-port=70000'], '--s3-port must be a port number from 1 to 65535, not "70000".'],
    [['--dynamodb-port=0'], '--dynamodb-port must be a port number from 1 to 65535, not "0".'],
    [['--port=-1'], '--port must be a port number from 1 to 65535, not "-1".'],
    [['--port'], '--port needs a value, e.g. --port=4280.'],
    [['--fresh=yes'], '--fresh takes no value (write --fresh alone).'],
    [
      ['--port=5000', '--s3-port=5000'],
      '--port, --dynamodb-port and --s3-port must be three different ports.',
    ],
    [['start'], 'Unexpected argument start: every option starts with --.'],
  ])('refuses %j with a message saying what is wrong', (argv, message) => {
    expect(problemsOf(argv)).toBe(message);
  });

  it('reports every problem at once, one per line', () => {
    expect(problemsOf(['--verbose', '--port=x', '--s3-port=1e3']).split('\n')).toEqual([
      'Unknown option --verbose. Allowed: --port, --dynamodb-port, --s3-port, --fresh, --demo, --help.',
      '--port must be a port number from 1 to 65535, not "x".',
      '--s3-port must be a port number from 1 to 65535, not "1e3".',
    ]);
  });
});

describe('Function: explainStartError', () => {
  it.each([
    ['frontDoor', '--port'],
    ['dynamodb', '--dynamodb-port'],
    ['s3', '--s3-port'],
  ] as const)('tells which flag moves a busy %s port', (service, flag) => {
    expect(explainStartError(new PortBusyError(4281, service))).toMatch(
      new RegExp(
        `^Port 4281 is busy \\(used by another process\\), .* Stop that process or start with ${flag}=<free port>\\.$`,
      ),
    );
  });

  it('passes other start problems through unchanged', () => {
    expect(explainStartError(new DataFolderError('The data folder is in use.'))).toBe(
      'The data folder is in use.',
    );
  });
});
