#!/usr/bin/env node
import { buildCletsAuditApp } from '../lib/build-app.js';
import { DeploymentConfigError } from '../lib/config/deployment-config.js';

// The CDK CLI passes cdk.json's context and every -c flag through the environment, which App reads itself.
try {
  buildCletsAuditApp({ securityChecks: true });
} catch (error) {
  if (error instanceof DeploymentConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
