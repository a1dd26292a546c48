import { z } from 'zod';
import { CHANNELS, DIRECTIONS, SENTIMENTS } from '../domain/enums';
import { FOLLOW_UP_WINDOWS } from '../domain/follow-ups';
import { IsoDateTime, NO_NUL_MESSAGE, PageQuery, QueryBool, Uuid, noNul, optionalText, pageOf } from './common';
import { CardSchema, ContactSchema, CreateContactBody, LIMITS } from './contacts';

export const ChannelSchema = z.enum(CHANNELS);
export const DirectionSchema = z.enum(DIRECTIONS);
export const SentimentSchema = z.enum(SENTIMENTS);
const Platform = z.string().trim().toLowerCase().min(1).max(50).refine(noNul, NO_NUL_MESSAGE);
/** Postgres text cannot hold U+0000: a 400 on the field rather than a database error without one. */
const Summary = z.string().trim().min(1, 'Required').max(LIMITS.summary).refine(noNul, NO_NUL_MESSAGE);
const ReminderNote = z.string().trim().max(LIMITS.note).refine(noNul, NO_NUL_MESSAGE);

export const TouchpointSchema = z.object({
  id: Uuid,
  contactId: Uuid,
  channel: ChannelSchema,
  platform: z.string().nullable(),
  direction: DirectionSchema,
  occurredAt: IsoDateTime,
  summary: z.string(),
  sentiment: SentimentSchema.nullable(),
  loggedById: Uuid.nullable(),
  createdAt: IsoDateTime,
  version: z.number().int(),
});
export type Touchpoint = z.infer<typeof TouchpointSchema>;

export const ReminderSchema = z.object({
  id: Uuid,
  contactId: Uuid,
  assigneeId: Uuid,
  dueAt: IsoDateTime,
  note: z.string(),
  doneAt: IsoDateTime.nullable(),
  createdById: Uuid.nullable(),
  createdAt: IsoDateTime,
  version: z.number().int(),
});
export type Reminder = z.infer<typeof ReminderSchema>;

export const CreateTouchpointBody = z.strictObject({
  channel: ChannelSchema,
  direction: DirectionSchema,
  summary: Summary,
  occurredAt: IsoDateTime.optional(),
  platform: Platform.nullable().optional(),
  sentiment: SentimentSchema.nullable().optional(),
  followUpAt: IsoDateTime.optional(),
  followUpNote: ReminderNote.optional(),
});
export type CreateTouchpointBody = z.infer<typeof CreateTouchpointBody>;

export const UpdateTouchpointBody = z.strictObject({
  channel: ChannelSchema.optional(),
  direction: DirectionSchema.optional(),
  summary: Summary.optional(),
  occurredAt: IsoDateTime.optional(),
  platform: Platform.nullable().optional(),
  sentiment: SentimentSchema.nullable().optional(),
});
export type UpdateTouchpointBody = z.infer<typeof UpdateTouchpointBody>;

export const CreatedTouchpointSchema = z.object({ touchpoint: TouchpointSchema, reminder: ReminderSchema.nullable() });
export const TouchpointPage = pageOf(TouchpointSchema);
export const ListTouchpointsQuery = PageQuery.extend({
  channel: ChannelSchema.optional(),
  loggedById: Uuid.optional(),
  contactId: Uuid.optional(),
  from: IsoDateTime.optional(),
  to: IsoDateTime.optional(),
});

export const CreateReminderBody = z.strictObject({
  contactId: Uuid,
  dueAt: IsoDateTime,
  note: ReminderNote.default(''),
  assigneeId: Uuid.optional(),
});
export type CreateReminderBody = z.infer<typeof CreateReminderBody>;
export const UpdateReminderBody = z.strictObject({
  dueAt: IsoDateTime.optional(),
  note: ReminderNote.optional(),
  done: z.boolean().optional(),
  assigneeId: Uuid.optional(),
});
export type UpdateReminderBody = z.infer<typeof UpdateReminderBody>;
export const ListRemindersQuery = PageQuery.extend({
  contactId: Uuid.optional(),
  assigneeId: Uuid.optional(),
  status: z.enum(['open', 'done']).optional(),
});
export const ReminderPage = pageOf(ReminderSchema);

export const FollowUpWindow = z.enum(FOLLOW_UP_WINDOWS);
export type FollowUpWindow = z.infer<typeof FollowUpWindow>;
export const FollowUpsQuery = z.object({
  window: FollowUpWindow.default('week'),
  assigneeId: z.union([z.literal('me'), z.literal('any'), Uuid]).default('me'),
  limit: z.coerce.number().int().min(1).max(200).default(200),
});
export const FollowUpSchema = z.object({
  kind: z.enum(['reminder', 'keep_in_touch']),
  dueAt: IsoDateTime,
  contact: CardSchema,
  reminder: ReminderSchema.optional(),
});
export type FollowUp = z.infer<typeof FollowUpSchema>;
export const FollowUpList = z.object({ items: z.array(FollowUpSchema), nextCursor: z.string().nullable() });

export const ReferralSchema = z.object({
  id: Uuid,
  referrerId: Uuid,
  referredId: Uuid,
  note: z.string().nullable(),
  occurredAt: IsoDateTime,
  createdById: Uuid.nullable(),
});
export type Referral = z.infer<typeof ReferralSchema>;

/**
 * `{referrerId, referredId}` (an existing contact) or `{referrerId, referred: {name, …}}` (created
 * on the spot). One object with a refinement rather than a union, so a bad field comes back as
 * a plain per-field error (`referred.name`) instead of a union error on the whole body.
 */
export const CreateReferralBody = z
  .strictObject({
    referrerId: Uuid,
    referredId: Uuid.optional(),
    referred: CreateContactBody.optional(),
    note: optionalText(LIMITS.note),
    occurredAt: IsoDateTime.optional(),
  })
  .superRefine((body, ctx) => {
    if (body.referredId === undefined && body.referred === undefined) {
      ctx.addIssue({ code: 'custom', path: ['referredId'], message: 'Give referredId (an existing contact) or referred (a new one)' });
    } else if (body.referredId !== undefined && body.referred !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['referred'], message: 'Give either referredId or referred, not both' });
    }
  });
export type CreateReferralBody = z.infer<typeof CreateReferralBody>;
export const CreatedReferralSchema = z.object({ referral: ReferralSchema, referred: ContactSchema });
export const ListReferralsQuery = PageQuery.extend({ referrerId: Uuid.optional(), referredId: Uuid.optional() });
export const ReferralPage = pageOf(ReferralSchema);

export type ReferralTreeNode = { contact: z.infer<typeof CardSchema>; children: ReferralTreeNode[] };
export const ReferralTreeNodeSchema: z.ZodType<ReferralTreeNode> = z.lazy(() =>
  z.object({ contact: CardSchema, children: z.array(ReferralTreeNodeSchema) }),
);
export const ContactReferralsSchema = z.object({
  referredBy: z.array(CardSchema),
  referred: z.array(ReferralTreeNodeSchema),
});

export { QueryBool };
