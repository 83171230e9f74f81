/**
 * Problems the person starting the sandbox can fix themselves. Entry points print the message alone, without a
 * stack trace, and exit 1; any other error is a bug and keeps its stack.
 */
export class SandboxStartError extends Error {
  override readonly name: string = 'SandboxStartError';
}

/** The parts of the sandbox that listen on a port, named as a person would. */
export const sandboxServices = {
  frontDoor: 'front door',
  dynamodb: 'DynamoDB engine',
  s3: 'S3 engine',
} as const;

export type SandboxService = keyof typeof sandboxServices;

export class PortBusyError extends SandboxStartError {
  override readonly name = 'PortBusyError';

  constructor(
    readonly port: number,
    readonly service: SandboxService,
  ) {
    super(`Port ${port} is busy (used by another process), so the ${sandboxServices[service]} cannot start.`);
  }
}

export class DataFolderError extends SandboxStartError {
  override readonly name = 'DataFolderError';
}

export class LocalResourceMismatchError extends SandboxStartError {
  override readonly name = 'LocalResourceMismatchError';
}

export class TemplateResourceError extends SandboxStartError {
  override readonly name = 'TemplateResourceError';
}
