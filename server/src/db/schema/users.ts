import { pgTable, uuid, text, timestamp, uniqueIndex, unique, index } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { workspaces } from './workspaces';
import { roleEnum } from './enums';

/** A member: a user belongs to exactly one workspace; emails are unique across Rapport. */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: roleEnum('role').notNull(),
    timezone: text('timezone').notNull().default('UTC'),
    /** sha256 of the secret calendar feed token; the token itself is never stored. */
    calendarTokenHash: text('calendar_token_hash'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_email_lower_uq').on(sql`lower(${t.email})`),
    uniqueIndex('users_calendar_token_uq').on(t.calendarTokenHash),
    // Target of composite foreign keys, so a row can only point at a member of its own workspace.
    unique('users_workspace_id_uq').on(t.workspaceId, t.id),
    index('users_workspace_idx').on(t.workspaceId, t.createdAt),
  ],
);

/** Failed logins per email, shared by every instance (10 per 15 minutes). */
export const loginFailures = pgTable(
  'login_failures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('login_failures_email_at_idx').on(t.email, t.at)],
);
