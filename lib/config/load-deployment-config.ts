import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Node } from 'constructs';
import {
  type DeploymentConfig,
  DeploymentConfigError,
  deploymentConfigKeys,
  parseDeploymentConfig,
} from './deployment-config.js';

/** Context key naming an optional JSON file of settings (path relative to the working directory). */
export const CONFIG_FILE_CONTEXT_KEY = 'configFile';

function readConfigFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(resolve(path), 'utf8');
  } catch (error) {
    throw new DeploymentConfigError([
      `${CONFIG_FILE_CONTEXT_KEY}: cannot read ${path} (${(error as Error).message})`,
    ]);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new DeploymentConfigError([
      `${CONFIG_FILE_CONTEXT_KEY}: ${path} is not valid JSON (${(error as Error).message})`,
    ]);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new DeploymentConfigError([
      `${CONFIG_FILE_CONTEXT_KEY}: ${path} must hold a JSON object of settings`,
    ]);
  }
  return parsed as Record<string, unknown>;
}

/**
 * Reads the deployment settings from a construct tree's context (and the optional config file it names).
 * Only the known keys are taken from context, since context also carries CDK's own feature flags; a config
 * file, by contrast, is parsed strictly so a misspelt key there is reported.
 */
export function loadDeploymentConfig(node: Node): DeploymentConfig {
  const configFile = node.tryGetContext(CONFIG_FILE_CONTEXT_KEY) as unknown;
  if (configFile !== undefined && typeof configFile !== 'string') {
    throw new DeploymentConfigError([`${CONFIG_FILE_CONTEXT_KEY}: must be a path to a JSON file`]);
  }
  const fromFile = configFile ? readConfigFile(configFile) : {};
  const fromContext: Record<string, unknown> = {};
  for (const key of deploymentConfigKeys) {
    const value = node.tryGetContext(key) as unknown;
    if (value !== undefined) fromContext[key] = value;
  }
  return parseDeploymentConfig({ ...fromFile, ...fromContext });
}
