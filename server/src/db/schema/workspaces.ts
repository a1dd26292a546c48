import { pgTable, uuid, text, jsonb, timestamp, char } from 'drizzle-orm/pg-core';
import type { CadenceDays } from '@rapport/shared/domain/enums';
import { DEFAULT_CADENCE_DAYS } from '@rapport/shared/domain/enums';

export const workspaces = pgTable('workspaces', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  currency: char('currency', { length: 3 }).notNull().default('USD'),
  cadenceDays: jsonb('cadence_days').$type<CadenceDays>().notNull().default(DEFAULT_CADENCE_DAYS),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});
