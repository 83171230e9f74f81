import * as z from 'zod';
import { DEFAULT_SEVERITY_POLICY } from '../../functions/domain/remediation/severity-policy.js';
import type { Severity } from '../../functions/domain/schemas/finding.js';

/**
 * Deployment configuration: the single, validated source of every setting a deployment chooses.
 *
 * Values come from CDK context (`cdk.json` "context", or `-c key=value` on the command line), optionally
 * from a JSON file named by the `configFile` context key. Command-line context wins over the file, and the
 * file wins over the defaults below. Everything is parsed here, once, so a bad value fails `cdk synth`
 * with the key's name and what is allowed, before anything is deployed.
 */

const GIB = 1024 ** 3;
const MIB = 1024 ** 2;

function isIanaTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** Context values given on the command line arrive as strings; accept "true"/"false" as booleans. */
const booleanFromContext = z.preprocess(
  (value) => (value === 'true' ? true : value === 'false' ? false : value),
  z.boolean({ error: 'must be true or false' }),
);

/** Lists may be given as a JSON array in cdk.json or as a comma-separated string with -c. */
const emailList = z.preprocess(
  (value) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((part) => part.trim())
          .filter(Boolean)
      : value,
  z
    .array(z.email({ error: 'must be an email address such as cjis-admin@agency.ca.gov' }))
    .min(1, { error: 'must name at least one administrator address' })
    .max(50, { error: 'may name at most 50 addresses' }),
);

/** A JSON text given with -c, or the text itself when it is not JSON (the schema then reports it). */
function parseJsonOr(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** A severity's remediation days; the default is the domain's policy, so the two cannot drift. */
const remediationDaysFor = (severity: Severity) =>
  integerInRange(1, 730, 'days').default(DEFAULT_SEVERITY_POLICY[severity]);

const integerInRange = (min: number, max: number, unit: string) =>
  z.coerce
    .number({ error: `must be a whole number of ${unit} from ${min} to ${max}` })
    .int({ error: `must be a whole number of ${unit} from ${min} to ${max}` })
    .min(min, { error: `must be at least ${min} ${unit}` })
    .max(max, { error: `must be at most ${max} ${unit}` });

export const DeploymentConfigSchema = z
  .object({
    stage: z
      .string()
      .regex(/^[a-z][a-z0-9-]{1,15}$/, {
        error: 'must be 2 to 16 characters: a lowercase letter, then lowercase letters, digits or hyphens',
      })
      .default('dev'),
    senderAddress: z
      .email({ error: 'must be an email address such as audit-notices@agency.ca.gov' })
      .default('audit-notices@example.gov'),
    senderDomain: z
      .string()
      .regex(/^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, {
        error: 'must be a lowercase domain name such as agency.ca.gov',
      })
      .optional(),
    adminEmails: emailList.default(['cjis-admin@example.gov']),
    evidenceRetentionYears: integerInRange(1, 100, 'years').default(4),
    maxUploadBytes: integerInRange(1, 5 * GIB, 'bytes').default(100 * MIB),
    uploadLinkLifetimeDays: integerInRange(1, 365, 'days').default(30),
    /**
     * Calendar days a finding of each severity has for remediation (its tasks' due date). Defaults are the CJIS
     * windows for flaw remediation (SI-2): 15, 30, 60 and 90 days. In cdk.json an object; with -c a JSON string.
     */
    remediationDays: z
      .preprocess(
        (value) => (typeof value === 'string' ? parseJsonOr(value) : value),
        z
          .object(
            {
              critical: remediationDaysFor('critical'),
              high: remediationDaysFor('high'),
              medium: remediationDaysFor('medium'),
              low: remediationDaysFor('low'),
            },
            {
              error: `must be an object such as ${JSON.stringify(DEFAULT_SEVERITY_POLICY)}`,
            },
          )
          .strict(),
      )
      .default({ ...DEFAULT_SEVERITY_POLICY }),
    /**
     * The https origin agencies open their upload links on, when the operator fronts the agency portal API with
     * a custom domain or a CDN. Unset: links use the portal API's own endpoint
     * (https://<api-id>.execute-api.<region>.amazonaws.com). Either way it is the evidence bucket's only CORS
     * origin and every function's PUBLIC_BASE_URL.
     */
    uploadOrigin: z
      .url({ protocol: /^https$/, error: 'must be an https:// origin such as https://audits.agency.ca.gov' })
      // A value that is no URL at all is reported by the check above; this one judges only parseable URLs.
      .refine((value) => !URL.canParse(value) || (new URL(value).pathname === '/' && !value.endsWith('/')), {
        error: 'must be an origin only (scheme and host, no path or trailing slash)',
      })
      .optional(),
    timeZone: z
      .string()
      .refine(isIanaTimeZone, { error: 'must be an IANA time zone such as America/Los_Angeles' })
      .default('America/Los_Angeles'),
    useFipsEndpoints: booleanFromContext.default(false),
  })
  .strict();

export type DeploymentConfig = z.infer<typeof DeploymentConfigSchema>;

/** The context keys this schema reads, so a caller can pick them out of a larger context map. */
export const deploymentConfigKeys = Object.keys(DeploymentConfigSchema.shape) as (keyof DeploymentConfig)[];

export class DeploymentConfigError extends Error {
  override readonly name = 'DeploymentConfigError';
  constructor(readonly problems: string[]) {
    super(`Invalid deployment configuration:\n${problems.map((line) => `  - ${line}`).join('\n')}`);
  }
}

/** Parses raw settings; throws a DeploymentConfigError that lists every bad key and what it allows. */
export function parseDeploymentConfig(raw: Record<string, unknown>): DeploymentConfig {
  const result = DeploymentConfigSchema.safeParse(raw);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys' && issue.path.length > 0) {
      return `${issue.path.join('.')}: unknown key(s) ${issue.keys.join(', ')}: allowed keys are critical, high, medium, low`;
    }
    if (issue.code === 'unrecognized_keys') {
      return `unknown key(s) ${issue.keys.join(', ')}: allowed keys are ${deploymentConfigKeys.join(', ')}`;
    }
    const key = issue.path.join('.') || '(root)';
    return `${key}: ${issue.message}`;
  });
  throw new DeploymentConfigError(problems);
}
