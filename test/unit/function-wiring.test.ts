import { describe, expect, it } from 'vitest';
import { environmentNames } from '../../functions/shared/environment-names.js';
import { functionCatalog } from '../../lib/function-catalog.js';
import { projectPaths } from '../../lib/project-paths.js';

describe('Function catalog wiring', () => {
  it.each(Object.entries(functionCatalog))(
    '%s: the entry file exports the configured handler',
    async (_name, spec) => {
      // Prepare: handlers parse their environment at import time
      process.env[environmentNames.stage] = 'test';
      process.env[environmentNames.tableName] = 'wiring-table';
      process.env[environmentNames.evidenceBucket] = 'wiring-bucket';
      process.env.AWS_REGION = 'us-west-2';
      // Act
      const module = (await import(projectPaths.resolve(spec.entry))) as Record<string, unknown>;
      // Assess
      expect(typeof module[spec.handlerExport]).toBe('function');
    },
  );
});
