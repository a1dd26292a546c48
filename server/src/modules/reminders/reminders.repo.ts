import { and, asc, eq, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { contacts, reminders, users } from '../../db/schema/index';
import { timestampKey } from '../touchpoints/sort-key';
import type { TimestampCursor } from '../../lib/cursor';

export type ReminderRow = typeof reminders.$inferSelect;
export type NewReminder = Pick<typeof reminders.$inferInsert, 'contactId' | 'assigneeId' | 'dueAt' | 'note' | 'createdById'>;

export interface ReminderPatch {
  dueAt?: Date;
  note?: string;
  assigneeId?: string;
  /** true: mark done (keeps the first `doneAt` if already done); false: reopen. */
  done?: boolean;
}

export interface ReminderFilter {
  contactId?: string;
  assigneeId?: string;
  status?: 'open' | 'done';
}

/** Every query is scoped to one workspace by construction. */
export function createRemindersRepo(db: Db, workspaceId: string) {
  const byId = (id: string) => and(eq(reminders.workspaceId, workspaceId), eq(reminders.id, id));

  return {
    /**
     * Locks the contact for the rest of the transaction and says whether it is in this workspace.
     * Writers of a contact's reminders take this lock before recomputing `next_reminder_at`, so two
     * concurrent writers cannot each recompute from a snapshot missing the other's reminder.
     */
    async lockContact(id: string): Promise<boolean> {
      const [row] = await db
        .select({ id: contacts.id })
        .from(contacts)
        .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, id)))
        .for('no key update');
      return !!row;
    },

    async isMember(userId: string): Promise<boolean> {
      const [row] = await db
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.workspaceId, workspaceId), eq(users.id, userId)))
        .limit(1);
      return !!row;
    },

    async insert(values: NewReminder): Promise<ReminderRow> {
      const [row] = await db.insert(reminders).values({ ...values, workspaceId }).returning();
      return row!;
    },

    async findById(id: string): Promise<ReminderRow | undefined> {
      const [row] = await db.select().from(reminders).where(byId(id)).limit(1);
      return row;
    },

    /** Soonest due first (`due_at, id`), `limit` rows after the cursor. */
    async list(filter: ReminderFilter, after: TimestampCursor | undefined, limit: number) {
      const where: (SQL | undefined)[] = [eq(reminders.workspaceId, workspaceId)];
      if (filter.contactId) where.push(eq(reminders.contactId, filter.contactId));
      if (filter.assigneeId) where.push(eq(reminders.assigneeId, filter.assigneeId));
      if (filter.status === 'open') where.push(isNull(reminders.doneAt));
      if (filter.status === 'done') where.push(isNotNull(reminders.doneAt));
      if (after) where.push(sql`(${reminders.dueAt}, ${reminders.id}) > (${after.at}::timestamptz, ${after.id}::uuid)`);
      return db
        .select({ row: reminders, key: timestampKey(reminders.dueAt) })
        .from(reminders)
        .where(and(...where))
        .orderBy(asc(reminders.dueAt), asc(reminders.id))
        .limit(limit);
    },

    /**
     * Applies the patch and bumps the version, atomically guarded by `expectedVersion` when given.
     * Undefined when nothing matched (missing, or the version moved on).
     */
    async update(id: string, patch: ReminderPatch, expectedVersion?: number): Promise<ReminderRow | undefined> {
      const { done, ...fields } = patch;
      const doneAt = done === undefined ? {} : { doneAt: done ? sql`coalesce(${reminders.doneAt}, now())` : null };
      const [row] = await db
        .update(reminders)
        .set({ ...fields, ...doneAt, version: sql`${reminders.version} + 1`, updatedAt: sql`now()` })
        .where(and(byId(id), expectedVersion === undefined ? undefined : eq(reminders.version, expectedVersion)))
        .returning();
      return row;
    },

    async delete(id: string, expectedVersion?: number): Promise<{ contactId: string } | undefined> {
      const [row] = await db
        .delete(reminders)
        .where(and(byId(id), expectedVersion === undefined ? undefined : eq(reminders.version, expectedVersion)))
        .returning({ contactId: reminders.contactId });
      return row;
    },

    async exists(id: string): Promise<boolean> {
      const [row] = await db.select({ id: reminders.id }).from(reminders).where(byId(id)).limit(1);
      return !!row;
    },
  };
}
export type RemindersRepo = ReturnType<typeof createRemindersRepo>;
