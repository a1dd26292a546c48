import {
  pgTable, uuid, text, jsonb, timestamp, integer, bigint, primaryKey, foreignKey, index, uniqueIndex,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { workspaces } from './workspaces';
import { users } from './users';
import { stageEnum, sourceEnum } from './enums';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const contacts = pgTable(
  'contacts',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull().defaultRandom(),
    name: text('name').notNull(),
    email: text('email'),
    phone: text('phone'),
    company: text('company'),
    title: text('title'),
    handles: jsonb('handles').$type<Record<string, string>>().notNull().default({}),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    stage: stageEnum('stage').notNull().default('stranger'),
    ownerId: uuid('owner_id'),
    source: sourceEnum('source').notNull().default('other'),
    sourceDetail: text('source_detail'),
    referredById: uuid('referred_by_id'),
    value: bigint('value', { mode: 'number' }),
    notes: text('notes'),
    keepInTouchDays: integer('keep_in_touch_days'),
    lastTouchAt: ts('last_touch_at'),
    nextTouchAt: ts('next_touch_at'),
    /** Earliest open reminder on this contact, kept by the reminders repo. */
    nextReminderAt: ts('next_reminder_at'),
    /**
     * Board "attention" order: the earliest of the next touch and next reminder (overdue first,
     * then soonest due), contacts with neither last. Stored so the board pages off an index.
     */
    attentionAt: ts('attention_at')
      .notNull()
      .generatedAlwaysAs(sql`coalesce(least(next_touch_at, next_reminder_at), 'infinity'::timestamptz)`),
    /** Then least recently touched first; never-touched contacts before all others. */
    lastTouchSort: ts('last_touch_sort')
      .notNull()
      .generatedAlwaysAs(sql`coalesce(last_touch_at, '-infinity'::timestamptz)`),
    /** What `q` searches (trigram GIN index: partial words, case-insensitive, typo-tolerant). */
    searchText: text('search_text')
      .notNull()
      .generatedAlwaysAs(
        sql`name || ' ' || coalesce(email, '') || ' ' || coalesce(company, '') || ' ' || coalesce(notes, '')`,
      ),
    archivedAt: ts('archived_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    stageChangedAt: ts('stage_changed_at').notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    foreignKey({ columns: [t.workspaceId, t.ownerId], foreignColumns: [users.workspaceId, users.id] }),
    foreignKey({ columns: [t.workspaceId, t.referredById], foreignColumns: [t.workspaceId, t.id] }),
    uniqueIndex('contacts_email_uq')
      .on(t.workspaceId, sql`lower(${t.email})`)
      .where(sql`${t.email} is not null`),
    index('contacts_board_idx')
      .on(t.workspaceId, t.stage, t.attentionAt, t.lastTouchSort, t.id)
      .where(sql`${t.archivedAt} is null`),
    index('contacts_attention_idx')
      .on(t.workspaceId, t.attentionAt, t.lastTouchSort, t.id)
      .where(sql`${t.archivedAt} is null`),
    index('contacts_name_idx').on(t.workspaceId, t.name, t.id),
    index('contacts_recent_idx').on(t.workspaceId, t.updatedAt, t.id),
    // A rep's own board ("owner: me"): columns and totals straight from the index.
    index('contacts_owner_board_idx')
      .on(t.workspaceId, t.ownerId, t.stage, t.attentionAt, t.lastTouchSort, t.id)
      .where(sql`${t.archivedAt} is null`),
    // Keep-in-touch follow-ups for everyone (assigneeId=any).
    index('contacts_next_touch_idx')
      .on(t.workspaceId, t.nextTouchAt)
      .where(sql`${t.archivedAt} is null`),
    // Sources report: contacts created in a period.
    index('contacts_created_idx').on(t.workspaceId, t.createdAt),
    index('contacts_owner_next_touch_idx')
      .on(t.workspaceId, t.ownerId, t.nextTouchAt)
      .where(sql`${t.archivedAt} is null`),
    index('contacts_referred_by_idx').on(t.workspaceId, t.referredById),
    index('contacts_tags_idx').using('gin', t.tags),
    index('contacts_search_trgm_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
    index('contacts_source_idx').on(t.workspaceId, t.source),
  ],
);

/** Append-only stage history: the source for time-in-stage and conversion analytics. */
export const stageChanges = pgTable(
  'stage_changes',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    contactId: uuid('contact_id').notNull(),
    fromStage: stageEnum('from_stage'),
    toStage: stageEnum('to_stage').notNull(),
    /** The member who moved it; kept as history even after that member is removed. */
    byId: uuid('by_id'),
    note: text('note'),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    foreignKey({ columns: [t.workspaceId, t.contactId], foreignColumns: [contacts.workspaceId, contacts.id] }).onDelete('cascade'),
    index('stage_changes_contact_idx').on(t.workspaceId, t.contactId, t.at),
    index('stage_changes_to_stage_idx').on(t.workspaceId, t.toStage, t.at),
  ],
);
