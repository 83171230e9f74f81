import { Template } from 'aws-cdk-lib/assertions';
import { buildCletsAuditApp } from '../../lib/build-app.js';
import type { CletsAuditStack } from '../../lib/clets-audit-stack.js';

/** Synthesizes the stack without bundling (about a second); call once per file, in beforeAll. */
export function synthesizeStack(context: Record<string, unknown> = {}): {
  stack: CletsAuditStack;
  template: Template;
} {
  const { stack } = buildCletsAuditApp({ skipBundling: true, context });
  return { stack, template: Template.fromStack(stack) };
}
