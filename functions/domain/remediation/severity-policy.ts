import * as z from 'zod';
import { defaultHolidayCalendar, nextBusinessDay } from '../calendar/business-days.js';
import type { HolidayCalendar } from '../calendar/holidays.js';
import { addDays, type LocalDate } from '../calendar/local-date.js';
import { SEVERITIES, type Severity } from '../schemas/finding.js';
import { parseOrThrow } from '../schemas/format-issues.js';

const Days = z.number().int('must be a whole number of days').min(1, 'must be at least 1').max(730);

/**
 * Calendar days a finding of each severity has before remediation is due. The defaults are the CJIS
 * remediation windows for vulnerabilities (SI-2 c: 15/30/60/90). No CA DOJ or FBI deadline for
 * corrective-action responses was found, so applying them to all findings is a product default.
 */
export const SeverityPolicySchema = z.object({
  critical: Days.default(15),
  high: Days.default(30),
  medium: Days.default(60),
  low: Days.default(90),
});
export type SeverityPolicy = z.output<typeof SeverityPolicySchema>;
export type SeverityPolicyInput = z.input<typeof SeverityPolicySchema>;

export const DEFAULT_SEVERITY_POLICY: SeverityPolicy = SeverityPolicySchema.parse({});

/** The policy as four day counts in severity order (critical,high,medium,low): how deployments pass it. */
export const severityPolicyToList = (policy: SeverityPolicy): string =>
  SEVERITIES.map((severity) => policy[severity]).join(',');

/** Raised date + the severity's days, moved to the next business day when it lands on a closure. */
export function remediationDueDate(
  severity: Severity,
  raisedOn: LocalDate,
  options: { policy?: SeverityPolicyInput; calendar?: HolidayCalendar } = {},
): LocalDate {
  const policy = parseOrThrow(SeverityPolicySchema, options.policy ?? {}, 'severity policy');
  return nextBusinessDay(addDays(raisedOn, policy[severity]), options.calendar ?? defaultHolidayCalendar());
}
