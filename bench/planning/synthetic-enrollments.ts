import type { EnrollmentInput, PlannableEnrollment } from '../../functions/domain/index.js';

/**
 * A deterministic synthetic fleet for the planning benchmark: `agencyCount` agencies, each enrolled in
 * `perAgency` distinct catalog programs. The mix leans towards what California agencies actually carry
 * (mostly annual programs, a triennial CA DOJ audit for most, some weekly, monthly and quarterly reviews),
 * anchors spread over 2019–2027 (so most are years in the past and some fall on the 29th–31st), the
 * Los Angeles zone for nine in ten, and a thin tail of paused, ended, overridden and BY*-rule enrollments
 * so the slower general paths are exercised too.
 */

/** Program id and relative weight. Every id is a recurring catalog entry. */
const PROGRAM_WEIGHTS: readonly (readonly [string, number])[] = [
  ['cadoj-compliance-audit', 10], // yearly, interval 3
  ['cadoj-data-quality-audit', 6], // yearly, interval 3
  ['clets-operator-recertification', 6], // yearly, interval 2
  ['clets-misuse-annual-report', 8], // yearly
  ['security-literacy-training', 8],
  ['role-based-security-training', 5],
  ['incident-response-training', 4],
  ['account-review', 6],
  ['policy-procedure-review', 4],
  ['incident-response-plan-test', 3],
  ['audit-log-review', 6], // weekly
  ['vulnerability-scanning', 6], // monthly
  ['risk-assessment-review', 3], // monthly, interval 3
  ['physical-access-log-review', 3],
  ['compromised-password-list-update', 2],
];

const OTHER_TIME_ZONES = [
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Phoenix',
  'Pacific/Honolulu',
  'UTC',
] as const;

/** Cadence overrides a deployment might set per agency, including rules that must go through rrule. */
const RULE_OVERRIDES = [
  'FREQ=MONTHLY;BYMONTHDAY=1,15',
  'FREQ=YEARLY;BYMONTH=1,7;BYMONTHDAY=15',
  'FREQ=WEEKLY;INTERVAL=2',
  'FREQ=MONTHLY;INTERVAL=6',
  'FREQ=YEARLY;COUNT=10',
] as const;

const ANCHOR_FIRST_DAY = Date.UTC(2019, 0, 1);
const ANCHOR_DAYS = 9 * 365;
const DAY_MS = 86_400_000;
const ORI_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** mulberry32: a small, fast, seedable generator; the same seed always yields the same fleet. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** CA plus seven base-36 characters: agency `index` always gets the same, unique ORI. */
function oriFor(index: number): string {
  let rest = '';
  let value = index;
  for (let position = 0; position < 7; position += 1) {
    rest = (ORI_ALPHABET[value % 36] as string) + rest;
    value = Math.floor(value / 36);
  }
  return `CA${rest}`;
}

function pickDistinctPrograms(random: () => number, count: number): string[] {
  const pool = [...PROGRAM_WEIGHTS];
  const picked: string[] = [];
  while (picked.length < count && pool.length > 0) {
    const total = pool.reduce((sum, [, weight]) => sum + weight, 0);
    let ticket = random() * total;
    let index = 0;
    for (; index < pool.length - 1; index += 1) {
      ticket -= (pool[index] as readonly [string, number])[1];
      if (ticket < 0) break;
    }
    picked.push((pool[index] as readonly [string, number])[0]);
    pool.splice(index, 1);
  }
  return picked;
}

const isoDate = (epochMs: number) => new Date(epochMs).toISOString().slice(0, 10);

function syntheticEnrollment(random: () => number, ori: string, programId: string): PlannableEnrollment {
  const anchorMs = ANCHOR_FIRST_DAY + Math.floor(random() * ANCHOR_DAYS) * DAY_MS;
  const enrollment: EnrollmentInput & PlannableEnrollment = {
    ori,
    programId,
    anchorDate: isoDate(anchorMs),
    timeZone:
      random() < 0.9
        ? 'America/Los_Angeles'
        : (OTHER_TIME_ZONES[Math.floor(random() * OTHER_TIME_ZONES.length)] as string),
    status: random() < 0.02 ? 'paused' : 'active',
  };
  const tail = random();
  if (tail < 0.03) {
    enrollment.endDate = isoDate(anchorMs + Math.floor(random() * 8 * 365) * DAY_MS);
  } else if (tail < 0.06) {
    enrollment.overrides = { leadTimeDays: Math.floor(random() * 91) };
  } else if (tail < 0.07) {
    enrollment.overrides = { rrule: RULE_OVERRIDES[Math.floor(random() * RULE_OVERRIDES.length)] as string };
  }
  return enrollment;
}

export interface FleetShape {
  readonly agencyCount: number;
  readonly perAgency: number;
  readonly seed: number;
}

export function buildSyntheticFleet(shape: FleetShape): PlannableEnrollment[] {
  const random = seededRandom(shape.seed);
  const enrollments: PlannableEnrollment[] = [];
  for (let agency = 0; agency < shape.agencyCount; agency += 1) {
    const ori = oriFor(agency);
    for (const programId of pickDistinctPrograms(random, shape.perAgency)) {
      enrollments.push(syntheticEnrollment(random, ori, programId));
    }
  }
  return enrollments;
}
