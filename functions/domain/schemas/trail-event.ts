import * as z from 'zod';
import { ActorSchema, EntityIdSchema, enumField, IsoDateTimeSchema, Sha256Schema } from './common.js';

export const JsonValueSchema = z.json();
export type JsonValue = z.infer<typeof JsonValueSchema>;

export const SUBJECT_TYPES = [
  'agency',
  'enrollment',
  'audit',
  'evidence-request',
  'evidence',
  'finding',
  'remediation-task',
  'notification',
  'upload-link',
] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];

/** What a lifecycle step hands back: everything about the event except its place in the chain. */
export const TrailEventDraftSchema = z.object({
  /** Dotted, lower-case, past tense: audit.opened, evidence-request.flagged. */
  type: z.string().regex(/^[a-z][a-z-]*(\.[a-z][a-z-]*)+$/, 'must look like audit.opened'),
  at: IsoDateTimeSchema,
  actor: ActorSchema,
  subject: z.object({ type: enumField('subject type', SUBJECT_TYPES), id: EntityIdSchema }),
  /** The audit whose chain the event belongs to (one hash chain per audit, verifiable on its own). */
  streamId: EntityIdSchema,
  payload: z.record(z.string(), JsonValueSchema),
});
export type TrailEventDraft = z.infer<typeof TrailEventDraftSchema>;

/** A recorded event: a draft plus its sequence number and its link in the stream's hash chain. */
export const TrailEventSchema = TrailEventDraftSchema.extend({
  eventId: EntityIdSchema,
  sequence: z.number().int().min(1),
  prevHash: Sha256Schema,
  hash: Sha256Schema,
});
export type TrailEvent = z.infer<typeof TrailEventSchema>;
