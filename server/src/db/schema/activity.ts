import { pgTable, uuid, text, timestamp, integer, primaryKey, foreignKey, index, unique } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { contacts } from './contacts';
import { users } from './users';
import { channelEnum, directionEnum, sentimentEnum } from './enums';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const touchpoints = pgTable(
  'touchpoints',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    contactId: uuid('contact_id').notNull(),
    channel: channelEnum('channel').notNull(),
    platform: text('platform'),
    direction: directionEnum('direction').notNull(),
    occurredAt: ts('occurred_at').notNull().defaultNow(),
    summary: text('summary').notNull(),
    sentiment: sentimentEnum('sentiment'),
    /** History: kept after the member is removed, so no foreign key. */
    loggedById: uuid('logged_by_id'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    foreignKey({ columns: [t.workspaceId, t.contactId], foreignColumns: [contacts.workspaceId, contacts.id] }).onDelete('cascade'),
    index('touchpoints_contact_idx').on(t.workspaceId, t.contactId, t.occurredAt, t.id),
    // channel and logged_by_id trail the keyset columns so the weekly activity report is index-only.
    index('touchpoints_occurred_idx').on(t.workspaceId, t.occurredAt, t.id, t.channel, t.loggedById),
  ],
);

export const referrals = pgTable(
  'referrals',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    referrerId: uuid('referrer_id').notNull(),
    referredId: uuid('referred_id').notNull(),
    note: text('note'),
    occurredAt: ts('occurred_at').notNull().defaultNow(),
    createdById: uuid('created_by_id'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    foreignKey({ columns: [t.workspaceId, t.referrerId], foreignColumns: [contacts.workspaceId, contacts.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.workspaceId, t.referredId], foreignColumns: [contacts.workspaceId, contacts.id] }).onDelete('cascade'),
    unique('referrals_pair_uq').on(t.workspaceId, t.referrerId, t.referredId),
    index('referrals_referred_idx').on(t.workspaceId, t.referredId, t.occurredAt),
    index('referrals_occurred_idx').on(t.workspaceId, t.occurredAt, t.id),
  ],
);

export const reminders = pgTable(
  'reminders',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    contactId: uuid('contact_id').notNull(),
    assigneeId: uuid('assignee_id').notNull(),
    dueAt: ts('due_at').notNull(),
    note: text('note').notNull().default(''),
    doneAt: ts('done_at'),
    createdById: uuid('created_by_id'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    foreignKey({ columns: [t.workspaceId, t.contactId], foreignColumns: [contacts.workspaceId, contacts.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.workspaceId, t.assigneeId], foreignColumns: [users.workspaceId, users.id] }),
    index('reminders_open_assignee_idx').on(t.workspaceId, t.assigneeId, t.dueAt).where(sql`${t.doneAt} is null`),
    index('reminders_contact_idx').on(t.workspaceId, t.contactId, t.dueAt),
    // GET /reminders pages by (due_at, id), with or without an assignee filter and for done ones too.
    index('reminders_due_idx').on(t.workspaceId, t.dueAt, t.id),
    index('reminders_assignee_due_idx').on(t.workspaceId, t.assigneeId, t.dueAt, t.id),
  ],
);

/** Stored first responses of POSTs sent with an Idempotency-Key (per member, kept 24 h). */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    workspaceId: uuid('workspace_id').notNull(),
    requestHash: text('request_hash').notNull(),
    responseStatus: integer('response_status'),
    responseBody: text('response_body'),
    responseContentType: text('response_content_type'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] }), index('idempotency_created_idx').on(t.createdAt)],
);
