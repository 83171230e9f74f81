import { addDays, type LocalDate } from '../calendar/local-date.js';
import { DEFAULT_TIME_ZONE, localDateAt, toInstant, zonedWallTimeToInstant } from '../calendar/time-zones.js';
import type { NoticeRecipient, ResponsibleRole } from '../schemas/common.js';
import { parseOrThrow } from '../schemas/format-issues.js';
import {
  type NoticeAudience,
  type NoticePolicy,
  type NoticePolicyInput,
  NoticePolicySchema,
} from './notice-policy.js';

/** overdue-audit: the administrators' one notice that the audit passed its due date with evidence missing. */
export type NoticeStepKind = 'reminder' | 'due' | 'overdue' | 'overdue-audit' | 'escalation';

/** The key of the overdue-audit step (there is at most one per schedule). */
export const OVERDUE_AUDIT_STEP_KEY = 'overdue-audit';

export interface NoticeStep {
  /** Stable within one schedule: reminder-14d, due, overdue-2, escalation-1. Used in notification ids. */
  key: string;
  kind: NoticeStepKind;
  /** Days from the due date: negative before, 0 on the day, positive after. */
  offsetDays: number;
  /** Local date the notice goes out. */
  date: LocalDate;
  /** ISO UTC instant the notice goes out (the policy's local send time on `date`). */
  sendAt: string;
  recipients: NoticeRecipient[];
}

export interface NoticeSchedule {
  dueDate: LocalDate;
  timeZone: string;
  steps: NoticeStep[];
}

export interface NoticeScheduleInput {
  dueDate: LocalDate;
  timeZone?: string;
  responsibleRole: ResponsibleRole;
  /**
   * When the request was opened; reminders that would go out on or before that day are left out (the email
   * that opens the request says what is due and by when).
   */
  opensAt?: Date | string;
}

const KIND_ORDER: Record<NoticeStepKind, number> = {
  reminder: 0,
  due: 1,
  overdue: 2,
  'overdue-audit': 3,
  escalation: 4,
};

function resolveRecipients(
  audiences: readonly NoticeAudience[],
  responsibleRole: ResponsibleRole,
): NoticeRecipient[] {
  const resolved = audiences.map((audience) => (audience === 'responsible' ? responsibleRole : audience));
  return [...new Set(resolved)];
}

/**
 * Every notice for one due date: reminders before, one on the day, repeating overdue notices, the
 * administrators' overdue-audit notice and the escalation ladder after. Sorted by send time; reminders come
 * strictly before the due-day notice and every later step, because policy day counts are whole days ≥ 1 on
 * either side of the due date.
 */
export function buildNoticeSchedule(
  input: NoticeScheduleInput,
  policyInput: NoticePolicyInput = {},
): NoticeSchedule {
  const policy: NoticePolicy = parseOrThrow(NoticePolicySchema, policyInput, 'notice policy');
  const timeZone = input.timeZone ?? DEFAULT_TIME_ZONE;
  const [hour, minute] = policy.sendAtLocalTime.split(':').map(Number) as [number, number];
  const step = (
    key: string,
    kind: NoticeStepKind,
    offsetDays: number,
    audiences: readonly NoticeAudience[],
  ) => {
    const date = addDays(input.dueDate, offsetDays);
    return {
      key,
      kind,
      offsetDays,
      date,
      sendAt: zonedWallTimeToInstant(date, { hour, minute }, timeZone).toISOString(),
      recipients: resolveRecipients(audiences, input.responsibleRole),
    };
  };

  const steps: NoticeStep[] = [];
  for (const days of [...new Set(policy.remindersBeforeDays)].sort((a, b) => b - a)) {
    steps.push(step(`reminder-${days}d`, 'reminder', -days, policy.reminderRecipients));
  }
  if (policy.onDueDate) steps.push(step('due', 'due', 0, policy.dueRecipients));
  for (let index = 0; index < policy.overdue.maxNotices; index += 1) {
    const offset = policy.overdue.firstAfterDays + index * policy.overdue.everyDays;
    steps.push(step(`overdue-${index + 1}`, 'overdue', offset, policy.overdue.recipients));
  }
  if (policy.overdueAuditNotice) {
    steps.push(
      step(OVERDUE_AUDIT_STEP_KEY, 'overdue-audit', policy.overdue.firstAfterDays, ['administrator']),
    );
  }
  [...policy.escalations]
    .sort((a, b) => a.afterDays - b.afterDays)
    .forEach((escalation, index) => {
      steps.push(step(`escalation-${index + 1}`, 'escalation', escalation.afterDays, escalation.recipients));
    });

  // The email that opens the request says what is due and by when: a reminder that day would only repeat it.
  const opensOn = input.opensAt === undefined ? undefined : localDateAt(input.opensAt, timeZone);
  return {
    dueDate: input.dueDate,
    timeZone,
    steps: steps
      .filter(
        (candidate) => opensOn === undefined || candidate.kind !== 'reminder' || candidate.date > opensOn,
      )
      .sort((a, b) =>
        a.sendAt !== b.sendAt ? (a.sendAt < b.sendAt ? -1 : 1) : KIND_ORDER[a.kind] - KIND_ORDER[b.kind],
      ),
  };
}

export interface NextNotice {
  sendAt: string;
  /** All steps due at that instant (an overdue notice and an escalation can share a day). */
  steps: NoticeStep[];
  /** Whole seconds from `now` to sendAt, at least 1: a Step Functions task timeout. */
  waitSeconds: number;
}

/** The next notice strictly after `now`, or null once the schedule is exhausted. */
export function nextNoticeAfter(schedule: NoticeSchedule, now: Date | string): NextNotice | null {
  const nowMs = toInstant(now).getTime();
  const next = schedule.steps.find((candidate) => Date.parse(candidate.sendAt) > nowMs);
  if (!next) return null;
  return {
    sendAt: next.sendAt,
    steps: schedule.steps.filter((candidate) => candidate.sendAt === next.sendAt),
    waitSeconds: Math.max(1, Math.ceil((Date.parse(next.sendAt) - nowMs) / 1000)),
  };
}

/**
 * Steps whose send time is in (after, upTo]: what to send when a wait times out, including any missed
 * while the workflow was down. Pass after = null for "from the start".
 */
export function noticesDueBetween(
  schedule: NoticeSchedule,
  after: Date | string | null,
  upTo: Date | string,
): NoticeStep[] {
  const afterMs = after === null ? Number.NEGATIVE_INFINITY : toInstant(after).getTime();
  const upToMs = toInstant(upTo).getTime();
  return schedule.steps.filter((candidate) => {
    const at = Date.parse(candidate.sendAt);
    return at > afterMs && at <= upToMs;
  });
}
