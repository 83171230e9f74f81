import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCletsAuditApp } from '../../lib/build-app.js';
import { DeploymentConfigError, parseDeploymentConfig } from '../../lib/config/deployment-config.js';

const problemsOf = (raw: Record<string, unknown>): string[] => {
  try {
    parseDeploymentConfig(raw);
  } catch (error) {
    if (error instanceof DeploymentConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the configuration to be rejected');
};

describe('Function: parseDeploymentConfig', () => {
  it('fills every default', () => {
    expect(parseDeploymentConfig({})).toEqual({
      stage: 'dev',
      senderAddress: 'audit-notices@example.gov',
      adminEmails: ['cjis-admin@example.gov'],
      evidenceRetentionYears: 4,
      maxUploadBytes: 100 * 1024 * 1024,
      uploadLinkLifetimeDays: 30,
      remediationDays: { critical: 15, high: 30, medium: 60, low: 90 },
      timeZone: 'America/Los_Angeles',
      useFipsEndpoints: false,
    });
  });

  it('leaves uploadOrigin unset by default (links then use the portal API endpoint), and takes an https origin', () => {
    expect(parseDeploymentConfig({}).uploadOrigin).toBeUndefined();
    expect(parseDeploymentConfig({ uploadOrigin: 'https://audits.agency.ca.gov' }).uploadOrigin).toBe(
      'https://audits.agency.ca.gov',
    );
  });

  it('takes command-line strings: numbers, booleans and comma-separated lists', () => {
    const config = parseDeploymentConfig({
      evidenceRetentionYears: '7',
      useFipsEndpoints: 'true',
      adminEmails: 'a@doj.ca.gov, b@doj.ca.gov',
    });
    expect(config.evidenceRetentionYears).toBe(7);
    expect(config.useFipsEndpoints).toBe(true);
    expect(config.adminEmails).toEqual(['a@doj.ca.gov', 'b@doj.ca.gov']);
  });

  it('takes a severity policy as an object or a JSON string, filling the severities not given', () => {
    expect(parseDeploymentConfig({ remediationDays: { critical: 7, low: 120 } }).remediationDays).toEqual({
      critical: 7,
      high: 30,
      medium: 60,
      low: 120,
    });
    expect(parseDeploymentConfig({ remediationDays: '{"high":21}' }).remediationDays.high).toBe(21);
  });

  it.each([
    [{ stage: 'Prod' }, /^stage: must be 2 to 16 characters/],
    [{ senderAddress: 'not-an-address' }, /^senderAddress: must be an email address/],
    [{ senderDomain: 'https://agency.gov' }, /^senderDomain: must be a lowercase domain name/],
    [{ adminEmails: [] }, /^adminEmails: must name at least one administrator address/],
    [{ adminEmails: 'ok@x.gov,nope' }, /^adminEmails\.1: must be an email address/],
    [{ evidenceRetentionYears: 0 }, /^evidenceRetentionYears: must be at least 1 years/],
    [{ evidenceRetentionYears: 2.5 }, /^evidenceRetentionYears: must be a whole number of years/],
    [{ maxUploadBytes: 'lots' }, /^maxUploadBytes: must be a whole number of bytes from 1 to 5368709120/],
    [{ maxUploadBytes: 6 * 1024 ** 3 }, /^maxUploadBytes: must be at most 5368709120 bytes/],
    [{ uploadLinkLifetimeDays: 400 }, /^uploadLinkLifetimeDays: must be at most 365 days/],
    [{ uploadOrigin: 'http://audits.agency.gov' }, /^uploadOrigin: must be an https:\/\/ origin/],
    [{ uploadOrigin: 'https://audits.agency.gov/upload' }, /^uploadOrigin: must be an origin only/],
    [{ uploadOrigin: 'https://audits.agency.gov/' }, /^uploadOrigin: must be an origin only/],
    [{ uploadOrigin: 'audits.agency.gov' }, /^uploadOrigin: must be an https:\/\/ origin/],
    [{ remediationDays: { critical: 0 } }, /^remediationDays\.critical: must be at least 1 days/],
    [
      { remediationDays: { urgent: 5 } },
      /^remediationDays: unknown key\(s\) urgent: allowed keys are critical, high, medium, low/,
    ],
    [{ remediationDays: '15,30' }, /^remediationDays: must be an object such as/],
    [{ timeZone: 'Pacific Time' }, /^timeZone: must be an IANA time zone/],
    [{ useFipsEndpoints: 'yes' }, /^useFipsEndpoints: must be true or false/],
    [{ retentionYears: 3 }, /^unknown key\(s\) retentionYears: allowed keys are stage, /],
  ])('rejects %o, naming the key and what is allowed', (raw, expected) => {
    expect(problemsOf(raw)).toEqual([expect.stringMatching(expected)]);
  });

  it('lists every bad key at once', () => {
    expect(problemsOf({ stage: 'X', timeZone: 'Mars/Olympus' })).toHaveLength(2);
  });
});

describe('Function: loadDeploymentConfig (through the app)', () => {
  const writeConfigFile = (content: string) => {
    const path = join(mkdtempSync(join(tmpdir(), 'clets-config-')), 'deploy.json');
    writeFileSync(path, content);
    return path;
  };

  it('reads a config file, with context taking precedence over it', () => {
    const configFile = writeConfigFile(JSON.stringify({ stage: 'staging', evidenceRetentionYears: 6 }));
    const { stack } = buildCletsAuditApp({
      skipBundling: true,
      context: { configFile, evidenceRetentionYears: '8' },
    });
    expect(stack.stackName).toBe('CletsAudit-staging');
  });

  it('fails synth with a clear message for a misspelt key in the file', () => {
    const configFile = writeConfigFile(JSON.stringify({ adminEmail: 'x@y.gov' }));
    expect(() => buildCletsAuditApp({ skipBundling: true, context: { configFile } })).toThrow(
      /unknown key\(s\) adminEmail/,
    );
  });

  it('fails synth naming uploadOrigin when it is not an https origin', () => {
    expect(() =>
      buildCletsAuditApp({ skipBundling: true, context: { uploadOrigin: 'http://audits.agency.ca.gov' } }),
    ).toThrow(/uploadOrigin: must be an https:\/\/ origin/);
  });

  it('fails synth with a clear message for a file that is not JSON or not there', () => {
    expect(() =>
      buildCletsAuditApp({ skipBundling: true, context: { configFile: writeConfigFile('{') } }),
    ).toThrow(/configFile: .* is not valid JSON/);
    expect(() =>
      buildCletsAuditApp({ skipBundling: true, context: { configFile: '/nonexistent/x.json' } }),
    ).toThrow(/configFile: cannot read \/nonexistent\/x.json/);
  });
});
