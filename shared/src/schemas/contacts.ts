import { z } from 'zod';
import { SOURCES, STAGES } from '../domain/enums';
import { IsoDateTime, NO_NUL_MESSAGE, PageQuery, QueryBool, Uuid, noNul, optionalText, pageOf } from './common';
import { Email } from './auth';

export const StageSchema = z.enum(STAGES);
export const SourceSchema = z.enum(SOURCES);

export const LIMITS = {
  name: 200, email: 254, phone: 50, company: 200, title: 200, notes: 10_000, summary: 5_000,
  tags: 50, tag: 50, handles: 20, handle: 500, note: 2_000, sourceDetail: 200,
} as const;

export const Handles = z
  .record(z.string().trim().min(1).max(50).refine(noNul, NO_NUL_MESSAGE), z.string().trim().min(1).max(LIMITS.handle).refine(noNul, NO_NUL_MESSAGE))
  .refine((h) => Object.keys(h).length <= LIMITS.handles, `At most ${LIMITS.handles} handles`);

export const Tags = z
  // `;` separates tags in CSV import/export, so a tag cannot contain one.
  .array(
    z.string().trim().min(1, 'Empty tag').max(LIMITS.tag).refine((t) => !t.includes(';'), 'A tag cannot contain ";"').refine(noNul, NO_NUL_MESSAGE),
  )
  .max(LIMITS.tags)
  .transform((tags) => [...new Set(tags)]);

/** Fields a client may set on a contact (stage only at creation; afterwards via /stage). */
const contactFields = {
  name: z.string().trim().min(1, 'Required').max(LIMITS.name).refine(noNul, NO_NUL_MESSAGE),
  email: Email.nullable().optional(),
  phone: optionalText(LIMITS.phone),
  company: optionalText(LIMITS.company),
  title: optionalText(LIMITS.title),
  handles: Handles.optional(),
  tags: Tags.optional(),
  ownerId: Uuid.optional(),
  source: SourceSchema.optional(),
  sourceDetail: optionalText(LIMITS.sourceDetail),
  value: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullable().optional(),
  notes: optionalText(LIMITS.notes),
  keepInTouchDays: z.number().int().min(1).max(3650).nullable().optional(),
};

export const CreateContactBody = z.strictObject({ ...contactFields, stage: StageSchema.optional() });
export type CreateContactBody = z.infer<typeof CreateContactBody>;

export const UpdateContactBody = z.strictObject({ ...contactFields, name: contactFields.name.optional() });
export type UpdateContactBody = z.infer<typeof UpdateContactBody>;

export const ContactSchema = z.object({
  id: Uuid,
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  company: z.string().nullable(),
  title: z.string().nullable(),
  handles: z.record(z.string(), z.string()),
  tags: z.array(z.string()),
  stage: StageSchema,
  ownerId: Uuid.nullable(),
  source: SourceSchema,
  sourceDetail: z.string().nullable(),
  referredById: Uuid.nullable(),
  value: z.number().int().nullable(),
  notes: z.string().nullable(),
  keepInTouchDays: z.number().int().nullable(),
  lastTouchAt: IsoDateTime.nullable(),
  nextTouchAt: IsoDateTime.nullable(),
  health: z.number().int().min(0).max(100),
  archivedAt: IsoDateTime.nullable(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  stageChangedAt: IsoDateTime,
  version: z.number().int(),
});
export type Contact = z.infer<typeof ContactSchema>;

export const ContactSort = z.enum(['name', 'recent', 'attention']);
const SearchText = z.string().trim().max(200).refine(noNul, NO_NUL_MESSAGE);
const TagFilter = z.string().trim().min(1).max(LIMITS.tag).refine(noNul, NO_NUL_MESSAGE);

export const ListContactsQuery = PageQuery.extend({
  stage: StageSchema.optional(),
  q: SearchText.optional(),
  tag: TagFilter.optional(),
  ownerId: Uuid.optional(),
  source: SourceSchema.optional(),
  dueForTouch: QueryBool.optional(),
  archived: QueryBool.optional(),
  sort: ContactSort.optional(),
});
export type ListContactsQuery = z.infer<typeof ListContactsQuery>;

export const ContactPage = pageOf(ContactSchema);

export const HardDeleteQuery = z.object({ hard: QueryBool.optional() });

export const MoveStageBody = z.strictObject({ stage: StageSchema, note: optionalText(LIMITS.note) });
export type MoveStageBody = z.infer<typeof MoveStageBody>;

export const MergeBody = z.strictObject({ duplicateId: Uuid });

/** A contact as a board card (also the `contact` of follow-ups and referral views). */
export const CardSchema = z.object({
  id: Uuid,
  name: z.string(),
  company: z.string().nullable(),
  stage: StageSchema,
  ownerId: Uuid.nullable(),
  tags: z.array(z.string()),
  value: z.number().int().nullable(),
  lastTouchAt: IsoDateTime.nullable(),
  nextTouchAt: IsoDateTime.nullable(),
  nextReminderAt: IsoDateTime.nullable(),
  overdue: z.boolean(),
  health: z.number().int().min(0).max(100),
  suggestedStage: StageSchema.nullable(),
});
export type Card = z.infer<typeof CardSchema>;

export const PipelineQuery = z.object({
  ownerId: Uuid.optional(),
  tag: TagFilter.optional(),
  q: SearchText.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const PipelineSchema = z.object({
  stages: z.array(z.object({ stage: StageSchema, total: z.number().int(), items: z.array(CardSchema), nextCursor: z.string().nullable() })),
});
export type Pipeline = z.infer<typeof PipelineSchema>;

export const TimelineItemSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('touchpoint'), at: IsoDateTime, id: Uuid, channel: z.string(), platform: z.string().nullable(),
    direction: z.string(), summary: z.string(), sentiment: z.string().nullable(), loggedById: Uuid.nullable(),
  }),
  z.object({
    kind: z.literal('stage_change'), at: IsoDateTime, id: Uuid, from: StageSchema.nullable(), to: StageSchema, byId: Uuid.nullable(),
    note: z.string().nullable(),
  }),
  z.object({
    kind: z.literal('referral_made'), at: IsoDateTime, id: Uuid, referralId: Uuid, contactId: Uuid,
    contactName: z.string(), note: z.string().nullable(),
  }),
  z.object({
    kind: z.literal('referral_received'), at: IsoDateTime, id: Uuid, referralId: Uuid, contactId: Uuid,
    contactName: z.string(), note: z.string().nullable(),
  }),
  z.object({
    kind: z.literal('reminder_done'), at: IsoDateTime, id: Uuid, reminderId: Uuid, note: z.string(),
    assigneeId: Uuid.nullable(), dueAt: IsoDateTime,
  }),
]);
export type TimelineItem = z.infer<typeof TimelineItemSchema>;
export const TimelinePage = pageOf(TimelineItemSchema);

/** The health score with the factors behind it (GET /contacts/:id/health). */
export const HealthSchema = z.object({
  score: z.number().int().min(0).max(100),
  suggestedStage: StageSchema.nullable(),
  reasons: z.array(
    z.object({
      factor: z.enum(['recency', 'frequency', 'inbound', 'sentiment', 'referrals']),
      points: z.number().int(),
      max: z.number().int(),
      detail: z.string(),
    }),
  ),
});
export type Health = z.infer<typeof HealthSchema>;
