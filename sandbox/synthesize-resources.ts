import type { CfnTable } from 'aws-cdk-lib/aws-dynamodb';
import type { CfnBucket } from 'aws-cdk-lib/aws-s3';
import type { CletsAuditStack } from '../lib/clets-audit-stack.js';
import {
  type CloudFormationTemplate,
  readSandboxResources,
  type SandboxResourceDefinitions,
} from './template-resources.js';

export interface SynthesizedStack {
  readonly stack: CletsAuditStack;
  readonly template: CloudFormationTemplate;
}

let synthesized: Promise<SynthesizedStack> | undefined;

async function synthesizeOnce(): Promise<SynthesizedStack> {
  // Imported here, not at the top: loading aws-cdk-lib takes a second or two, and a caller that already holds the
  // definitions (a test worker given them by the global setup) should not pay for it.
  const { buildCletsAuditApp } = await import('../lib/build-app.js');
  const { app, stack } = buildCletsAuditApp({ skipBundling: true });
  // skipBundling also switches off aws-cdk-lib's built-in CloudFormation validation (about 2 s per synth).
  const template = app.synth().getStackByName(stack.stackName).template as CloudFormationTemplate;
  return { stack, template };
}

/**
 * The product's stack, synthesized without bundling functions, with its template. Done at most once per
 * process; the table and bucket (here) and the state machines (sandbox/workflows) are all read from it.
 */
export function synthesizeSandboxStack(): Promise<SynthesizedStack> {
  synthesized ??= synthesizeOnce().catch((error: unknown) => {
    synthesized = undefined;
    throw error;
  });
  return synthesized;
}

/** Synthesizes the stack (once per process) and reads what the sandbox must create locally. */
export async function synthesizeSandboxResources(): Promise<SandboxResourceDefinitions> {
  const { stack, template } = await synthesizeSandboxStack();
  return readSandboxResources(template, {
    // Found through the constructs the stack exposes, never by guessing from resource types.
    auditTable: stack.getLogicalId(stack.auditTable.table.node.defaultChild as CfnTable),
    evidenceBucket: stack.getLogicalId(stack.evidence.bucket.node.defaultChild as CfnBucket),
  });
}
