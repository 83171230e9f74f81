import { dayOfWeek, daysBetween, type LocalDate } from '../calendar/local-date.js';
import { localDateAt, toInstant } from '../calendar/time-zones.js';
import { parseAuditId } from '../ids.js';
import type { Audit, AuditStatus } from '../schemas/audit.js';
import type { EvidenceRequest, EvidenceRequestStatus } from '../schemas/evidence.js';
import type { RemediationTask, RemediationTaskStatus } from '../schemas/finding.js';

/*
 * The administrators' daily digest, composed from the open work the sparse due index holds (plus the flagged
 * requests not yet due): what is due within the week, what is overdue by agency, the flagged evidence
 * waiting on agencies, and the overdue remediation tasks. Pure: the caller reads and hands everything in.
 */

/** "This week" is the seven days from the digest's instant on. */
export const DIGEST_HORIZON_DAYS = 7;

const DAY_MS = 86_400_000;
/** The all-clear (nothing due, nothing overdue) goes out on this weekday only: Monday. */
const ALL_CLEAR_WEEKDAY = 1;

/** One item of the due index, as the repository hands it over. */
export type DigestOpenWork =
  | { readonly kind: 'Audit'; readonly entity: Audit }
  | { readonly kind: 'EvidenceRequest'; readonly entity: EvidenceRequest }
  | { readonly kind: 'RemediationTask'; readonly entity: RemediationTask & { readonly dueAt: string } };

export interface DigestInput {
  /** The instant the digest speaks for. */
  readonly asOf: Date | string;
  /** The deployment's zone: the digest's date and how many days late things are. */
  readonly timeZone: string;
  /** Every open item due before `digestWindow(asOf).weekEndsAt`. */
  readonly openWork: readonly DigestOpenWork[];
  /** Flagged requests due at or after the end of the week (those due earlier are in `openWork`). */
  readonly flaggedDueLater: readonly EvidenceRequest[];
  /** Names of agencies whose items carry no name snapshot, by ORI. */
  readonly agencyNames: Readonly<Record<string, string>>;
}

export interface DigestRequestLine {
  readonly requestId: string;
  readonly requirementId: string;
  readonly description: string;
  readonly status: EvidenceRequestStatus;
}

/** An audit with work outstanding; `status` is absent when only its requests are open (the audit is in review). */
export interface DigestAuditLine {
  readonly auditId: string;
  readonly ori: string;
  readonly agencyName: string;
  readonly programId: string;
  readonly periodKey: string;
  readonly status?: AuditStatus;
  readonly dueDate: LocalDate;
  readonly dueAt: string;
  /** Whole local days past the due date; 0 when not yet due. */
  readonly daysOverdue: number;
  /** Its evidence requests still owed (requested or flagged). */
  readonly outstanding: readonly DigestRequestLine[];
}

export interface DigestAgencyGroup {
  readonly ori: string;
  readonly agencyName: string;
  /** Most overdue first. */
  readonly audits: readonly DigestAuditLine[];
}

export interface DigestFlaggedLine {
  readonly auditId: string;
  readonly requestId: string;
  readonly ori: string;
  readonly agencyName: string;
  readonly programId: string;
  readonly requirementId: string;
  readonly description: string;
  readonly flagReason?: string;
  /** The local date the reviewer flagged it (its last change, for a request that lacks the decision time). */
  readonly flaggedOn: LocalDate;
  readonly dueDate: LocalDate;
  readonly dueAt: string;
  readonly daysOverdue: number;
}

export interface DigestTaskLine {
  readonly taskId: string;
  readonly findingId: string;
  readonly auditId: string;
  readonly ori: string;
  readonly agencyName: string;
  readonly programId: string;
  readonly ownerRole: string;
  readonly status: RemediationTaskStatus;
  readonly dueDate: LocalDate;
  readonly dueAt: string;
  readonly daysOverdue: number;
}

export interface DailyDigest {
  /** The local date the digest is for, in `timeZone`. */
  readonly date: LocalDate;
  readonly timeZone: string;
  readonly asOf: string;
  readonly weekEndsAt: string;
  /** Audits (with their outstanding requests) due within the week, soonest first. */
  readonly dueThisWeek: readonly DigestAuditLine[];
  /** Remediation tasks due within the week, soonest first. */
  readonly remediationDueThisWeek: readonly DigestTaskLine[];
  /** Overdue audits (with their outstanding requests) by agency, the agency with the oldest first. */
  readonly overdueByAgency: readonly DigestAgencyGroup[];
  /** Every flagged request waiting on its agency, whatever its due date, soonest due first. */
  readonly flaggedWaiting: readonly DigestFlaggedLine[];
  /** Remediation tasks past their due date, most overdue first. */
  readonly overdueRemediation: readonly DigestTaskLine[];
  readonly totals: {
    /** Distinct open items (audits, requests, tasks) the digest accounts for: every item it was handed. */
    readonly openItems: number;
    readonly dueThisWeek: number;
    readonly overdueAudits: number;
    readonly agenciesOverdue: number;
    readonly flaggedWaiting: number;
    readonly overdueRemediation: number;
  };
}

/** The instant the week ends: open work due before it is the digest's to read. */
export function digestWindow(asOf: Date | string): { asOf: string; weekEndsAt: string } {
  const instant = toInstant(asOf);
  return {
    asOf: instant.toISOString(),
    weekEndsAt: new Date(instant.getTime() + DIGEST_HORIZON_DAYS * DAY_MS).toISOString(),
  };
}

const byDueThenOri = (a: { dueAt: string; ori: string }, b: { dueAt: string; ori: string }) =>
  a.dueAt.localeCompare(b.dueAt) || a.ori.localeCompare(b.ori);

export function composeDailyDigest(input: DigestInput): DailyDigest {
  const { asOf, weekEndsAt } = digestWindow(input.asOf);
  const date = localDateAt(asOf, input.timeZone);
  const daysLate = (dueDate: LocalDate, dueAt: string) =>
    dueAt < asOf ? Math.max(1, daysBetween(dueDate, date)) : 0;

  // Agency names: a snapshot on any of the agency's items, else the name read for it, else its ORI.
  const names = new Map<string, string>(Object.entries(input.agencyNames));
  const allEntities = [...input.openWork.map((work) => work.entity), ...input.flaggedDueLater];
  for (const entity of allEntities) if (entity.agencyName) names.set(entity.ori, entity.agencyName);
  const nameOf = (ori: string) => names.get(ori) ?? ori;

  const audits = new Map<string, DigestAuditLine & { outstanding: DigestRequestLine[] }>();
  const auditLine = (
    source: Pick<Audit, 'auditId' | 'ori' | 'dueDate' | 'dueAt'> & { status?: AuditStatus },
  ) => {
    const { programId, periodKey } = parseAuditId(source.auditId);
    return {
      auditId: source.auditId,
      ori: source.ori,
      agencyName: nameOf(source.ori),
      programId,
      periodKey,
      ...(source.status ? { status: source.status } : {}),
      dueDate: source.dueDate,
      dueAt: source.dueAt,
      daysOverdue: daysLate(source.dueDate, source.dueAt),
      outstanding: [] as DigestRequestLine[],
    };
  };
  for (const work of input.openWork) {
    if (work.kind === 'Audit') audits.set(work.entity.auditId, auditLine(work.entity));
  }

  const flagged: DigestFlaggedLine[] = [];
  const tasks: DigestTaskLine[] = [];
  const flaggedLine = (request: EvidenceRequest): DigestFlaggedLine => ({
    auditId: request.auditId,
    requestId: request.requestId,
    ori: request.ori,
    agencyName: nameOf(request.ori),
    programId: request.programId,
    requirementId: request.requirementId,
    description: request.description,
    ...(request.flagReason ? { flagReason: request.flagReason } : {}),
    flaggedOn: localDateAt(request.decidedAt ?? request.updatedAt, input.timeZone),
    dueDate: request.dueDate,
    dueAt: request.dueAt,
    daysOverdue: daysLate(request.dueDate, request.dueAt),
  });

  for (const work of input.openWork) {
    if (work.kind === 'EvidenceRequest') {
      const request = work.entity;
      // A request counts under its audit; when the audit itself is not open (in review), it stands for it.
      const alone = `${request.auditId}|${request.dueAt < asOf ? 'late' : 'week'}`;
      let line = audits.get(request.auditId) ?? audits.get(alone);
      if (!line) {
        const { auditId, ori, dueDate, dueAt } = request;
        line = auditLine({ auditId, ori, dueDate, dueAt });
        audits.set(alone, line);
      }
      line.outstanding.push({
        requestId: request.requestId,
        requirementId: request.requirementId,
        description: request.description,
        status: request.status,
      });
      if (request.status === 'flagged') flagged.push(flaggedLine(request));
    } else if (work.kind === 'RemediationTask') {
      const task = work.entity;
      tasks.push({
        taskId: task.taskId,
        findingId: task.findingId,
        auditId: task.auditId,
        ori: task.ori,
        agencyName: nameOf(task.ori),
        programId: parseAuditId(task.auditId).programId,
        ownerRole: task.ownerRole,
        status: task.status,
        dueDate: task.dueDate,
        dueAt: task.dueAt,
        daysOverdue: daysLate(task.dueDate, task.dueAt),
      });
    }
  }
  for (const request of input.flaggedDueLater) flagged.push(flaggedLine(request));

  const auditLines = [...audits.values()];
  for (const line of auditLines)
    line.outstanding.sort((a, b) => a.requirementId.localeCompare(b.requirementId));
  const overdueLines = auditLines.filter((line) => line.dueAt < asOf).sort(byDueThenOri);
  const byAgency = new Map<string, DigestAuditLine[]>();
  for (const line of overdueLines) byAgency.set(line.ori, [...(byAgency.get(line.ori) ?? []), line]);
  const overdueByAgency = [...byAgency.entries()].map(([ori, lines]) => ({
    ori,
    agencyName: nameOf(ori),
    audits: lines,
  }));
  const dueThisWeek = auditLines.filter((line) => line.dueAt >= asOf).sort(byDueThenOri);
  const overdueRemediation = tasks.filter((task) => task.dueAt < asOf).sort(byDueThenOri);
  const remediationDueThisWeek = tasks.filter((task) => task.dueAt >= asOf).sort(byDueThenOri);
  flagged.sort(byDueThenOri);

  return {
    date,
    timeZone: input.timeZone,
    asOf,
    weekEndsAt,
    dueThisWeek,
    remediationDueThisWeek,
    overdueByAgency,
    flaggedWaiting: flagged,
    overdueRemediation,
    totals: {
      openItems: input.openWork.length + input.flaggedDueLater.length,
      dueThisWeek: dueThisWeek.length + remediationDueThisWeek.length,
      overdueAudits: overdueLines.length,
      agenciesOverdue: overdueByAgency.length,
      flaggedWaiting: flagged.length,
      overdueRemediation: overdueRemediation.length,
    },
  };
}

export type DigestSendDecision =
  | { readonly send: true; readonly allClear: boolean }
  | { readonly send: false; readonly reason: string };

/**
 * Whether the day's digest goes out. Anything open: every day. Nothing due and nothing overdue: a short
 * all-clear on Mondays only, so administrators know the digest is alive without a daily empty message.
 */
export function decideDigestSend(digest: Pick<DailyDigest, 'date' | 'totals'>): DigestSendDecision {
  if (digest.totals.openItems > 0) return { send: true, allClear: false };
  if (dayOfWeek(digest.date) === ALL_CLEAR_WEEKDAY) return { send: true, allClear: true };
  return { send: false, reason: 'Nothing needs attention; the all-clear digest goes out on Mondays only.' };
}
