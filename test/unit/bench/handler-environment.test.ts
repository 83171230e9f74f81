import { describe, expect, it } from 'vitest';
import { probeEnvironment } from '../../../bench/bundles/handler-environment.js';
import { environmentNames } from '../../../functions/shared/environment-names.js';

describe('Function: probeEnvironment', () => {
  it('sets every variable the infrastructure may inject, so handlers pass their import-time validation', () => {
    const environment = probeEnvironment();
    for (const name of Object.values(environmentNames)) expect(environment[name]).toMatch(/\S{2,}/);
  });

  it('gives the SDK a region and static credentials, and inherits nothing from the shell', () => {
    // Act
    const environment = probeEnvironment();
    // Assess
    expect(environment).toMatchObject({ AWS_REGION: 'us-west-2', NODE_OPTIONS: '--enable-source-maps' });
    expect(environment.AWS_ACCESS_KEY_ID).toBeTruthy();
    expect(environment.AWS_SECRET_ACCESS_KEY).toBeTruthy();
    expect(Object.keys(environment)).not.toContain('PATH');
    expect(Object.keys(environment)).not.toContain('AWS_PROFILE');
  });
});
