import { and, asc, eq, gte, isNotNull, isNull, lt, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { contacts, reminders } from '../../db/schema/index';
import type { ReminderRow } from '../reminders/reminders.repo';

export interface DueRange {
  /** Inclusive; null = no lower bound (overdue). */
  from: Date | null;
  /** Exclusive. */
  to: Date;
  limit: number;
}

export interface DueTouch {
  contactId: string;
  contactName: string;
  dueAt: Date;
  lastTouchAt: Date | null;
}

/**
 * What is due for follow-up: open reminders and keep-in-touch dates, never on archived contacts.
 * Every query is scoped to one workspace by construction.
 */
export function createFollowUpsRepo(db: Db, workspaceId: string) {
  return {
    /** Open reminders due in the range (of `assigneeId`, or anyone's when null), soonest first. */
    async dueReminders(assigneeId: string | null, range: DueRange): Promise<{ reminder: ReminderRow; contactName: string }[]> {
      const where: (SQL | undefined)[] = [
        eq(reminders.workspaceId, workspaceId),
        isNull(reminders.doneAt),
        lt(reminders.dueAt, range.to),
        isNull(contacts.archivedAt),
      ];
      if (range.from) where.push(gte(reminders.dueAt, range.from));
      if (assigneeId) where.push(eq(reminders.assigneeId, assigneeId));
      return db
        .select({ reminder: reminders, contactName: contacts.name })
        .from(reminders)
        .innerJoin(contacts, and(eq(contacts.workspaceId, reminders.workspaceId), eq(contacts.id, reminders.contactId)))
        .where(and(...where))
        .orderBy(asc(reminders.dueAt), asc(reminders.id))
        .limit(range.limit);
    },

    /**
     * Contacts whose keep-in-touch date falls in the range (owned by `ownerId`, or anyone's when
     * null), soonest first. `next_touch_at` is null for contacts without a cadence.
     */
    async dueTouches(ownerId: string | null, range: DueRange): Promise<DueTouch[]> {
      const where: (SQL | undefined)[] = [
        eq(contacts.workspaceId, workspaceId),
        isNull(contacts.archivedAt),
        isNotNull(contacts.nextTouchAt),
        lt(contacts.nextTouchAt, range.to),
      ];
      if (range.from) where.push(gte(contacts.nextTouchAt, range.from));
      if (ownerId) where.push(eq(contacts.ownerId, ownerId));
      const rows = await db
        .select({ contactId: contacts.id, contactName: contacts.name, dueAt: contacts.nextTouchAt, lastTouchAt: contacts.lastTouchAt })
        .from(contacts)
        .where(and(...where))
        .orderBy(asc(contacts.nextTouchAt), asc(contacts.id))
        .limit(range.limit);
      return rows.map((r) => ({ ...r, dueAt: r.dueAt! }));
    },
  };
}
export type FollowUpsRepo = ReturnType<typeof createFollowUpsRepo>;
