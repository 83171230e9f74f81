import type { BucketAccess, TableAccess } from './constructs/house-function.js';

/**
 * Every Lambda function of the product, declared once. The stack creates one HouseFunction per entry and
 * grants exactly the access listed here; the wiring test checks each entry file exports its handler; the
 * benchmark bundles and measures each entry.
 */
export interface FunctionSpec {
  readonly entry: string;
  readonly handlerExport: string;
  readonly description: string;
  readonly timeoutSeconds: number;
  readonly memorySize: number;
  readonly invokedAsynchronously: boolean;
  readonly access: { readonly table?: TableAccess; readonly evidenceBucket?: BucketAccess };
}

export const functionCatalog = {
  HealthCheck: {
    entry: 'functions/handlers/health-check.ts',
    handlerExport: 'handler',
    description: 'Deployment smoke test: can this stage reach its table and evidence bucket?',
    timeoutSeconds: 10,
    memorySize: 256,
    invokedAsynchronously: false,
    access: { table: 'read', evidenceBucket: 'head' },
  },
} as const satisfies Record<string, FunctionSpec>;

export type FunctionName = keyof typeof functionCatalog;
