import * as z from 'zod';
import { DEFAULT_TIME_ZONE } from '../calendar/time-zones.js';
import { ObligationOverrideSchema } from '../catalog/types.js';
import {
  EntityIdSchema,
  enumField,
  IsoDateSchema,
  IsoDateTimeSchema,
  OriSchema,
  SlugSchema,
  TimeZoneSchema,
  VersionSchema,
} from './common.js';

export const ENROLLMENT_STATUSES = ['active', 'paused', 'ended'] as const;
export type EnrollmentStatus = (typeof ENROLLMENT_STATUSES)[number];

const enrollmentFields = {
  ori: OriSchema,
  /** A program is one catalog obligation, e.g. cadoj-compliance-audit. */
  programId: SlugSchema,
  /** First nominal due date; the cadence counts from here (the RRULE's DTSTART). */
  anchorDate: IsoDateSchema,
  timeZone: TimeZoneSchema.default(DEFAULT_TIME_ZONE),
  status: enumField('status', ENROLLMENT_STATUSES).default('active'),
  /** No occurrence with a nominal date after this day is planned. */
  endDate: IsoDateSchema.optional(),
  /** Cadence, lead time or role for this agency only; applied after deployment overrides. */
  overrides: ObligationOverrideSchema.optional(),
};

function checkDates(
  enrollment: { anchorDate: string; endDate?: string | undefined },
  ctx: z.RefinementCtx,
): void {
  if (enrollment.endDate !== undefined && enrollment.endDate < enrollment.anchorDate) {
    ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'must be on or after anchorDate' });
  }
}

/** An agency enrolled in one program. */
export const EnrollmentInputSchema = z.object(enrollmentFields).superRefine(checkDates);
export type EnrollmentInput = z.input<typeof EnrollmentInputSchema>;

export const EnrollmentSchema = z
  .object({
    ...enrollmentFields,
    enrollmentId: EntityIdSchema,
    createdAt: IsoDateTimeSchema,
    updatedAt: IsoDateTimeSchema,
    version: VersionSchema,
  })
  .superRefine(checkDates);
export type Enrollment = z.output<typeof EnrollmentSchema>;

/** What planning needs from an enrollment; stored enrollments and parsed inputs both satisfy it. */
export type PlannableEnrollment = z.output<typeof EnrollmentInputSchema> & { enrollmentId?: string };
