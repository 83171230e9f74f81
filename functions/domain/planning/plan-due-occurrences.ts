import {
  type BusinessDayAdjustment,
  defaultHolidayCalendar,
  MAX_BUSINESS_DAY_SHIFT,
  type NonBusinessDay,
  rollForwardToBusinessDay,
} from '../calendar/business-days.js';
import type { HolidayCalendar } from '../calendar/holidays.js';
import { type EpochDay, fromEpochDay, type LocalDate, toEpochDay } from '../calendar/local-date.js';
import {
  type PlainCadence,
  plainCadenceOf,
  plainOccurrencesBetween,
  plainSchedule,
} from '../calendar/plain-cadence.js';
import {
  occurrencesBetween,
  parseRecurrenceRule,
  periodKeyFor,
  type RecurrenceRule,
} from '../calendar/recurrence.js';
import { localDateAt, startOfLocalDay, toInstant } from '../calendar/time-zones.js';
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

/*
 * Why planning is shaped like this: the daily scheduler plans every enrollment of every agency (hundreds of
 * thousands) for a one-day window, and almost none of them has an occurrence in it. So per run, everything
 * that depends only on the program, the zone or the date is computed once and reused (resolved obligation
 * and parsed rule, the window's local days per zone, business-day rolls per date, local-midnight instants
 * per zone and date), dates are handled as integer epoch days, plain cadences find their candidate dates
 * by arithmetic (plain-cadence.ts) rather than rrule, and an occurrence object is built only once its
 * request is known to open inside the window. The results are those of the straightforward
 * expand-roll-convert-filter walk, which test/unit/domain/plan-due-occurrences-fast-path.test.ts keeps as
 * a reference.
 */

/** What one planning run knows about a program with one set of enrollment overrides. */
interface ProgramPlan {
  obligation: ResolvedObligation;
  /** null when the program is not planned here (disabled or event-driven). */
  rule: RecurrenceRule | null;
  /** The arithmetic form of the rule, when it has one. */
  cadence: PlainCadence | null;
  /** Nominal date → period key; ISO week keys in particular take several date parses each. */
  periodKeys: Map<EpochDay, string>;
}

/** The window as local days in one zone, and that zone's local-midnight instants as they are needed. */
interface ZoneWindow {
  firstDay: EpochDay;
  lastDay: EpochDay;
  startOfDayMs: Map<EpochDay, number>;
}

interface DueDay {
  adjustment: BusinessDayAdjustment;
  day: EpochDay;
}

interface PlanningRun {
  catalog: ObligationsCatalog;
  deploymentOverrides: DeploymentOverrides | undefined;
  calendar: HolidayCalendar;
  fromMs: number;
  toMs: number;
  programs: Map<string, ProgramPlan>;
  zones: Map<string, ZoneWindow>;
  /** Nominal date → the business day it rolls to. The calendar is fixed for a run, so this is too. */
  dueDays: Map<EpochDay, DueDay>;
}

function programPlanFor(enrollment: PlannableEnrollment, run: PlanningRun): ProgramPlan {
  // Most enrollments have no overrides: key those by program alone rather than serialising per enrollment.
  const key =
    enrollment.overrides === undefined
      ? enrollment.programId
      : `${enrollment.programId} ${JSON.stringify(enrollment.overrides)}`;
  let plan = run.programs.get(key);
  if (!plan) {
    const obligation = resolveObligation(run.catalog, enrollment.programId, {
      deploymentOverrides: run.deploymentOverrides,
      enrollmentOverrides: enrollment.overrides,
    });
    // Event-driven obligations (e.g. training within 6 months of assignment) are planned from rosters, not here.
    const rule =
      !obligation.disabled && obligation.cadence.kind === 'recurring'
        ? parseRecurrenceRule(obligation.cadence.rrule)
        : null;
    plan = { obligation, rule, cadence: rule && plainCadenceOf(rule), periodKeys: new Map() };
    run.programs.set(key, plan);
  }
  return plan;
}

function zoneWindowFor(timeZone: string, run: PlanningRun): ZoneWindow {
  let zone = run.zones.get(timeZone);
  if (!zone) {
    zone = {
      firstDay: toEpochDay(localDateAt(new Date(run.fromMs), timeZone)),
      lastDay: toEpochDay(localDateAt(new Date(run.toMs), timeZone)),
      startOfDayMs: new Map(),
    };
    run.zones.set(timeZone, zone);
  }
  return zone;
}

function startOfDayMs(day: EpochDay, timeZone: string, zone: ZoneWindow): number {
  let instant = zone.startOfDayMs.get(day);
  if (instant === undefined) {
    instant = startOfLocalDay(fromEpochDay(day), timeZone).getTime();
    zone.startOfDayMs.set(day, instant);
  }
  return instant;
}

function dueDayFor(nominal: EpochDay, run: PlanningRun): DueDay {
  let due = run.dueDays.get(nominal);
  if (!due) {
    const adjustment = rollForwardToBusinessDay(fromEpochDay(nominal), run.calendar);
    due = { adjustment, day: toEpochDay(adjustment.date) };
    run.dueDays.set(nominal, due);
  }
  return due;
}

function periodKeyOf(plan: ProgramPlan, rule: RecurrenceRule, nominal: EpochDay, nominalDate: LocalDate) {
  let key = plan.periodKeys.get(nominal);
  if (key === undefined) {
    key = periodKeyFor(rule, nominalDate);
    plan.periodKeys.set(nominal, key);
  }
  return key;
}

/** Nominal dates from `from` to `to` inclusive: by arithmetic for plain cadences, otherwise by rrule. */
function nominalDays(
  plan: ProgramPlan,
  rule: RecurrenceRule,
  anchor: LocalDate,
  from: EpochDay,
  to: EpochDay,
) {
  const schedule = plan.cadence && plainSchedule(plan.cadence, anchor);
  if (schedule) return plainOccurrencesBetween(schedule, from, to);
  return occurrencesBetween(rule, anchor, fromEpochDay(from), fromEpochDay(to)).map(toEpochDay);
}

function planEnrollment(
  enrollment: PlannableEnrollment,
  storedId: string | undefined,
  run: PlanningRun,
  planned: DueOccurrence[],
): void {
  if (enrollment.status !== 'active') return;
  const plan = programPlanFor(enrollment, run);
  const { obligation, rule } = plan;
  if (!rule) return;
  const lead = obligation.leadTimeDays;
  const zone = zoneWindowFor(enrollment.timeZone, run);

  // opensOn = dueDate - lead and dueDate - nominal is 0..MAX shift, so bound the nominal dates to expand;
  // the exact instant test below then decides. One spare day covers local dates either side of UTC.
  const searchFrom = zone.firstDay + lead - MAX_BUSINESS_DAY_SHIFT - 1;
  let searchTo = zone.lastDay + lead + 1;
  if (enrollment.endDate !== undefined) searchTo = Math.min(searchTo, toEpochDay(enrollment.endDate));

  for (const nominal of nominalDays(plan, rule, enrollment.anchorDate, searchFrom, searchTo)) {
    const due = dueDayFor(nominal, run);
    const opensDay = due.day - lead;
    // Cheap date test first (one spare day each side for the zone), exact instant test second.
    if (opensDay < zone.firstDay - 1 || opensDay > zone.lastDay + 1) continue;
    const opensMs = startOfDayMs(opensDay, enrollment.timeZone, zone);
    if (opensMs < run.fromMs || opensMs >= run.toMs) continue;

    const nominalDate = fromEpochDay(nominal);
    const periodKey = periodKeyOf(plan, rule, nominal, nominalDate);
    planned.push({
      occurrenceId: auditId(enrollment.ori, enrollment.programId, periodKey),
      enrollmentId: storedId ?? buildEnrollmentId(enrollment.ori, enrollment.programId),
      ori: enrollment.ori,
      programId: enrollment.programId,
      periodKey,
      nominalDate,
      dueDate: due.adjustment.date,
      // Copies, so occurrences that share a due date never share mutable arrays.
      skippedDays: due.adjustment.skipped.map((skipped) => ({ ...skipped })),
      // endOfLocalDay(dueDate) is by definition the instant before the next local midnight.
      dueAt: new Date(startOfDayMs(due.day + 1, enrollment.timeZone, zone) - 1).toISOString(),
      opensOn: fromEpochDay(opensDay),
      opensAt: new Date(opensMs).toISOString(),
      timeZone: enrollment.timeZone,
      leadTimeDays: lead,
      responsibleRole: obligation.responsibleRole,
      catalogVersion: obligation.catalogVersion,
    });
  }
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
  const run: PlanningRun = {
    catalog: options.catalog ?? OBLIGATIONS_CATALOG,
    deploymentOverrides: options.deploymentOverrides,
    calendar: options.calendar ?? defaultHolidayCalendar(),
    fromMs,
    toMs,
    programs: new Map(),
    zones: new Map(),
    dueDays: new Map(),
  };
  const seen = new Set<string>();
  const planned: DueOccurrence[] = [];
  for (const raw of enrollments) {
    const enrollment = parseOrThrow(EnrollmentInputSchema, raw, 'enrollment');
    const firstNew = planned.length;
    planEnrollment(enrollment, raw.enrollmentId, run, planned);
    for (let index = firstNew; index < planned.length; index += 1) {
      const { occurrenceId } = planned[index] as DueOccurrence;
      if (seen.has(occurrenceId)) {
        throw new DomainError(
          `Two enrollments plan ${occurrenceId}: an agency can be enrolled in a program only once.`,
        );
      }
      seen.add(occurrenceId);
    }
  }
  return planned.sort((a, b) =>
    a.opensAt !== b.opensAt ? (a.opensAt < b.opensAt ? -1 : 1) : a.occurrenceId < b.occurrenceId ? -1 : 1,
  );
}
