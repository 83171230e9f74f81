import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { CletsAuditStack } from './clets-audit-stack.js';
import { loadDeploymentConfig } from './config/load-deployment-config.js';
import { projectPaths } from './project-paths.js';
import { addSecurityChecks } from './security/nag-packs.js';

export interface BuildAppOptions {
  /** Extra context (deployment settings, feature flags) on top of cdk.json's. */
  readonly context?: Record<string, unknown>;
  /**
   * Skip esbuild bundling and aws-cdk-lib's built-in CloudFormation validator: synth in about a second
   * instead of several. Tests and the sandbox use this; `cdk synth` and `cdk deploy` never do.
   */
  readonly skipBundling?: boolean;
  /** Add the cdk-nag rule packs (bin/app.ts always does; tests run the packs themselves). */
  readonly securityChecks?: boolean;
}

/** cdk.json's context (feature flags), read so that programmatic synths match `cdk synth`. */
function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(projectPaths.resolve('cdk.json'), 'utf8')) as {
    context?: Record<string, unknown>;
  };
  return cdkJson.context ?? {};
}

/**
 * Builds the CDK app and its one stack. `bin/app.ts`, the infrastructure tests, the sandbox (which takes
 * its table and bucket definitions from the synthesized template) and the benchmark all call this, so
 * they all see the same stack.
 */
export function buildCletsAuditApp(options: BuildAppOptions = {}): { app: App; stack: CletsAuditStack } {
  const app = new App({
    ...(options.skipBundling ? { builtinCloudFormationValidation: false } : {}),
    context: {
      ...cdkJsonContext(),
      ...(options.skipBundling ? { 'aws:cdk:bundling-stacks': [] } : {}),
      ...options.context,
    },
  });
  const config = loadDeploymentConfig(app.node);
  const stack = new CletsAuditStack(app, `CletsAudit-${config.stage}`, {
    config,
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
    description: `CLETS / CJIS audit scheduler (${config.stage})`,
  });
  if (options.securityChecks) addSecurityChecks(app);
  return { app, stack };
}
