import type { CfnTable } from 'aws-cdk-lib/aws-dynamodb';
import type { CfnBucket } from 'aws-cdk-lib/aws-s3';
import { readSandboxResources, type SandboxResourceDefinitions } from './template-resources.js';

let synthesized: Promise<SandboxResourceDefinitions> | undefined;

async function synthesizeOnce(): Promise<SandboxResourceDefinitions> {
  // Imported here, not at the top: loading aws-cdk-lib takes a second or two, and a caller that already holds the
  // definitions (a test worker given them by the global setup) should not pay for it.
  const { buildCletsAuditApp } = await import('../lib/build-app.js');
  const { app, stack } = buildCletsAuditApp({ skipBundling: true });
  // skipBundling also switches off aws-cdk-lib's built-in CloudFormation validation (about 2 s per synth).
  const template = app.synth().getStackByName(stack.stackName).template;
  return readSandboxResources(template as Parameters<typeof readSandboxResources>[0], {
    // Found through the constructs the stack exposes, never by guessing from resource types.
    auditTable: stack.getLogicalId(stack.auditTable.table.node.defaultChild as CfnTable),
    evidenceBucket: stack.getLogicalId(stack.evidence.bucket.node.defaultChild as CfnBucket),
  });
}

/**
 * Synthesizes the product's stack (without bundling functions) and reads what the sandbox must create locally.
 * Done at most once per process; later calls share the first result.
 */
export function synthesizeSandboxResources(): Promise<SandboxResourceDefinitions> {
  synthesized ??= synthesizeOnce().catch((error: unknown) => {
    synthesized = undefined;
    throw error;
  });
  return synthesized;
}
