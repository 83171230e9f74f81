import * as z from 'zod/mini';
import type { SeverityPolicy } from '../../domain/remediation/severity-policy.js';
import { environmentNames } from '../../shared/environment-names.js';
import { parseEnvironment } from '../../shared/parse-environment.js';

/** Deployment settings a handler needs at run time, injected as environment variables by the stack. */
export interface RuntimeSettings {
  readonly stage: string;
  readonly timeZone: string;
  readonly adminEmails: readonly string[];
  readonly uploadLinkLifetimeDays: number;
  readonly maxUploadBytes: number;
  /** The https origin agencies open their links on (the upload page and API). */
  readonly publicBaseUrl: string;
  /** Calendar days to remediate a finding, by severity; findings' due dates follow it. */
  readonly severityPolicy: SeverityPolicy;
}

const SettingsEnvironment = z.object({
  [environmentNames.stage]: z.string().check(z.minLength(1)),
  [environmentNames.timeZone]: z._default(z.string(), 'America/Los_Angeles'),
  [environmentNames.adminEmails]: z._default(z.string(), ''),
  [environmentNames.uploadLinkLifetimeDays]: z._default(z.string().check(z.regex(/^\d+$/)), '30'),
  [environmentNames.maxUploadBytes]: z._default(z.string().check(z.regex(/^\d+$/)), String(100 * 1024 ** 2)),
  [environmentNames.publicBaseUrl]: z._default(z.string(), 'https://audits.example.gov'),
  [environmentNames.remediationDays]: z._default(
    z.string().check(z.regex(/^\d+,\d+,\d+,\d+$/)),
    '15,30,60,90',
  ),
});

/** critical,high,medium,low day counts (the stack writes them from the validated deployment config). */
function severityPolicyOf(list: string): SeverityPolicy {
  const [critical, high, medium, low] = list.split(',').map(Number) as [number, number, number, number];
  return { critical, high, medium, low };
}

export function settingsFromEnvironment(
  environment: Record<string, string | undefined> = process.env,
): RuntimeSettings {
  const parsed = parseEnvironment(SettingsEnvironment, environment);
  return {
    stage: parsed[environmentNames.stage],
    timeZone: parsed[environmentNames.timeZone],
    adminEmails: parsed[environmentNames.adminEmails]
      .split(',')
      .map((email) => email.trim())
      .filter(Boolean),
    uploadLinkLifetimeDays: Number(parsed[environmentNames.uploadLinkLifetimeDays]),
    maxUploadBytes: Number(parsed[environmentNames.maxUploadBytes]),
    publicBaseUrl: parsed[environmentNames.publicBaseUrl],
    severityPolicy: severityPolicyOf(parsed[environmentNames.remediationDays]),
  };
}
