import {
  defaultHolidayCalendar,
  MAX_BUSINESS_DAY_SHIFT,
  type NonBusinessDay,
  nextBusinessDay,
  rollForwardToBusinessDay,
} from '../calendar/business-days.js';
import type { HolidayCalendar } from '../calendar/holidays.js';
import { addDays, type LocalDate } from '../calendar/local-date.js';
import { occurrencesBetween, parseRecurrenceRule, periodKeyFor } from '../calendar/recurrence.js';
import { endOfLocalDay, localDateAt, startOfLocalDay, toInstant } from '../calendar/time-zones.js';
import { OBLIGATIONS_CATALOG } from '../catalog/obligations.js';
import { type ResolvedObligation, resolveObligation } from '../catalog/resolve-obligation.js';
import type { DeploymentOverrides, ObligationsCatalog } from '../catalog/types.js';
import { DomainError } from '../errors.js';
import { auditId, enrollmentId as buildEnrollmentId } from '../ids.js';
import type { ResponsibleRole } from '../schemas/common.js';
import { EnrollmentInputSchema, type PlannableEnrollment } from '../schemas/enrollment.js';
import { parseOrThrow } from '../schemas/format-issues.js';

/** One period of one program for one agency, with its deadline and the moment its request opens. */
export interface DueOccurrence {
  /** aud_<ORI>_<programId>_<periodKey>; the audit created for this occurrence takes this id. */
  occurrenceId: string;
  enrollmentId: string;
  ori: string;
  programId: string;
  periodKey: string;
  /** The date the cadence produced. */
  nominalDate: LocalDate;
  /** The business day on or after the nominal date. */
  dueDate: LocalDate;
  /** Weekends and holidays passed over to reach dueDate. */
  skippedDays: NonBusinessDay[];
  /** End of dueDate in the enrollment's zone (23:59:59.999 local), as ISO UTC. */
  dueAt: string;
  /** dueDate minus the lead time. */
  opensOn: LocalDate;
  /** Start of opensOn in the enrollment's zone, as ISO UTC. */
  opensAt: string;
  timeZone: string;
  leadTimeDays: number;
  responsibleRole: ResponsibleRole;
  catalogVersion: string;
}

export interface PlanOptions {
  catalog?: ObligationsCatalog;
  deploymentOverrides?: DeploymentOverrides;
  calendar?: HolidayCalendar;
}

function occurrenceFor(
  enrollment: PlannableEnrollment,
  id: string,
  obligation: ResolvedObligation,
  rule: ReturnType<typeof parseRecurrenceRule>,
  nominalDate: LocalDate,
  calendar: HolidayCalendar,
): DueOccurrence {
  const adjustment = rollForwardToBusinessDay(nominalDate, calendar);
  const opensOn = addDays(adjustment.date, -obligation.leadTimeDays);
  const periodKey = periodKeyFor(rule, nominalDate);
  return {
    occurrenceId: auditId(enrollment.ori, enrollment.programId, periodKey),
    enrollmentId: id,
    ori: enrollment.ori,
    programId: enrollment.programId,
    periodKey,
    nominalDate,
    dueDate: adjustment.date,
    skippedDays: adjustment.skipped,
    dueAt: endOfLocalDay(adjustment.date, enrollment.timeZone).toISOString(),
    opensOn,
    opensAt: startOfLocalDay(opensOn, enrollment.timeZone).toISOString(),
    timeZone: enrollment.timeZone,
    leadTimeDays: obligation.leadTimeDays,
    responsibleRole: obligation.responsibleRole,
    catalogVersion: obligation.catalogVersion,
  };
}

type ResolvedPlanOptions = Required<Pick<PlanOptions, 'catalog' | 'calendar'>> &
  PlanOptions & {
    /** Resolved obligations by program and enrollment overrides, shared across one planning run. */
    resolved: Map<string, ResolvedObligation>;
    /** The window's first and last local dates, per time zone. */
    windowDates: Map<string, [LocalDate, LocalDate]>;
  };

function obligationFor(enrollment: PlannableEnrollment, options: ResolvedPlanOptions): ResolvedObligation {
  const key = `${enrollment.programId} ${JSON.stringify(enrollment.overrides ?? null)}`;
  let obligation = options.resolved.get(key);
  if (!obligation) {
    obligation = resolveObligation(options.catalog, enrollment.programId, {
      deploymentOverrides: options.deploymentOverrides,
      enrollmentOverrides: enrollment.overrides,
    });
    options.resolved.set(key, obligation);
  }
  return obligation;
}

function planEnrollment(
  enrollment: PlannableEnrollment,
  fromMs: number,
  toMs: number,
  options: ResolvedPlanOptions,
): DueOccurrence[] {
  if (enrollment.status !== 'active') return [];
  const obligation = obligationFor(enrollment, options);
  // Event-driven obligations (e.g. training within 6 months of assignment) are planned from rosters, not here.
  if (obligation.disabled || obligation.cadence.kind !== 'recurring') return [];
  const rule = parseRecurrenceRule(obligation.cadence.rrule);
  const id = enrollment.enrollmentId ?? buildEnrollmentId(enrollment.ori, enrollment.programId);

  // opensOn = dueDate - lead and dueDate - nominal is 0..MAX shift, so bound the nominal dates to expand;
  // the exact instant filter below then decides. One spare day covers local dates either side of UTC.
  let window = options.windowDates.get(enrollment.timeZone);
  if (!window) {
    window = [
      localDateAt(new Date(fromMs), enrollment.timeZone),
      localDateAt(new Date(toMs), enrollment.timeZone),
    ];
    options.windowDates.set(enrollment.timeZone, window);
  }
  const [firstLocal, lastLocal] = window;
  const searchFrom = addDays(firstLocal, obligation.leadTimeDays - MAX_BUSINESS_DAY_SHIFT - 1);
  let searchTo = addDays(lastLocal, obligation.leadTimeDays + 1);
  if (enrollment.endDate !== undefined && enrollment.endDate < searchTo) searchTo = enrollment.endDate;

  // Cheap date test first (one spare day each side for the zone), exact instant test second: the instant
  // conversions are the expensive part when thousands of enrollments are planned in one run.
  const earliestOpen = addDays(firstLocal, -1);
  const latestOpen = addDays(lastLocal, 1);
  return occurrencesBetween(rule, enrollment.anchorDate, searchFrom, searchTo)
    .filter((nominal) => {
      const opensOn = addDays(nextBusinessDay(nominal, options.calendar), -obligation.leadTimeDays);
      return opensOn >= earliestOpen && opensOn <= latestOpen;
    })
    .map((nominal) => occurrenceFor(enrollment, id, obligation, rule, nominal, options.calendar))
    .filter((occurrence) => {
      const opensMs = Date.parse(occurrence.opensAt);
      return opensMs >= fromMs && opensMs < toMs;
    });
}

/**
 * Every occurrence whose request opens in [from, to), across all enrollments. Pure and deterministic:
 * ids come from agency, program and period, windows are half-open, so planning [a, b) then [b, c)
 * yields exactly what [a, c) does, and re-planning an overlapping window only repeats ids already seen.
 * The scheduler passes its watermark (last successful run) as `from` and the run time as `to`.
 */
export function planDueOccurrences(
  enrollments: readonly PlannableEnrollment[],
  from: Date | string,
  to: Date | string,
  options: PlanOptions = {},
): DueOccurrence[] {
  const fromMs = toInstant(from).getTime();
  const toMs = toInstant(to).getTime();
  if (toMs <= fromMs) return [];
  const resolvedOptions = {
    ...options,
    catalog: options.catalog ?? OBLIGATIONS_CATALOG,
    calendar: options.calendar ?? defaultHolidayCalendar(),
    resolved: new Map<string, ResolvedObligation>(),
    windowDates: new Map<string, [LocalDate, LocalDate]>(),
  };
  const seen = new Set<string>();
  const planned: DueOccurrence[] = [];
  for (const raw of enrollments) {
    const enrollment = {
      ...parseOrThrow(EnrollmentInputSchema, raw, 'enrollment'),
      enrollmentId: raw.enrollmentId,
    };
    for (const occurrence of planEnrollment(enrollment, fromMs, toMs, resolvedOptions)) {
      if (seen.has(occurrence.occurrenceId)) {
        throw new DomainError(
          `Two enrollments plan ${occurrence.occurrenceId}: an agency can be enrolled in a program only once.`,
        );
      }
      seen.add(occurrence.occurrenceId);
      planned.push(occurrence);
    }
  }
  return planned.sort((a, b) =>
    a.opensAt !== b.opensAt ? (a.opensAt < b.opensAt ? -1 : 1) : a.occurrenceId < b.occurrenceId ? -1 : 1,
  );
}
