import { and, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { contacts, touchpoints } from '../../db/schema/index';
import type { Channel } from '@rapport/shared/domain/enums';
import { timestampKey } from './sort-key';
import type { TimestampCursor } from '../../lib/cursor';

export type TouchpointRow = typeof touchpoints.$inferSelect;
export type NewTouchpoint = Omit<typeof touchpoints.$inferInsert, 'workspaceId' | 'id' | 'createdAt' | 'updatedAt' | 'version'>;
export type TouchpointPatch = Partial<Pick<TouchpointRow, 'channel' | 'direction' | 'summary' | 'occurredAt' | 'platform' | 'sentiment'>>;

export interface TouchpointFilter {
  contactId?: string;
  channel?: Channel;
  loggedById?: string;
  /** Inclusive. */
  from?: Date;
  /** Exclusive. */
  to?: Date;
}

/** Every query is scoped to one workspace by construction. */
export function createTouchpointsRepo(db: Db, workspaceId: string) {
  const byId = (id: string) => and(eq(touchpoints.workspaceId, workspaceId), eq(touchpoints.id, id));

  return {
    /**
     * Locks the contact (archived or not) for the rest of the transaction and says whether it is
     * in this workspace. Writers of a contact's touchpoints take this lock before recomputing its
     * touch dates, so two concurrent writers cannot each recompute from a snapshot missing the
     * other's touchpoint.
     */
    async lockContact(id: string): Promise<boolean> {
      const [row] = await db
        .select({ id: contacts.id })
        .from(contacts)
        .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, id)))
        .for('no key update');
      return !!row;
    },

    async contactExists(id: string): Promise<boolean> {
      const [row] = await db
        .select({ id: contacts.id })
        .from(contacts)
        .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, id)))
        .limit(1);
      return !!row;
    },

    async insert(values: NewTouchpoint): Promise<TouchpointRow> {
      const [row] = await db.insert(touchpoints).values({ ...values, workspaceId }).returning();
      return row!;
    },

    async findById(id: string): Promise<TouchpointRow | undefined> {
      const [row] = await db.select().from(touchpoints).where(byId(id)).limit(1);
      return row;
    },

    /** Newest first (`occurred_at desc, id desc`), `limit` rows after the cursor. */
    async list(filter: TouchpointFilter, after: TimestampCursor | undefined, limit: number) {
      const where: (SQL | undefined)[] = [eq(touchpoints.workspaceId, workspaceId)];
      if (filter.contactId) where.push(eq(touchpoints.contactId, filter.contactId));
      if (filter.channel) where.push(eq(touchpoints.channel, filter.channel));
      if (filter.loggedById) where.push(eq(touchpoints.loggedById, filter.loggedById));
      if (filter.from) where.push(gte(touchpoints.occurredAt, filter.from));
      if (filter.to) where.push(lt(touchpoints.occurredAt, filter.to));
      if (after) {
        where.push(sql`(${touchpoints.occurredAt}, ${touchpoints.id}) < (${after.at}::timestamptz, ${after.id}::uuid)`);
      }
      return db
        .select({ row: touchpoints, key: timestampKey(touchpoints.occurredAt) })
        .from(touchpoints)
        .where(and(...where))
        .orderBy(desc(touchpoints.occurredAt), desc(touchpoints.id))
        .limit(limit);
    },

    /**
     * Applies the patch and bumps the version, atomically guarded by `expectedVersion` when given.
     * Undefined when nothing matched (missing, or the version moved on).
     */
    async update(id: string, patch: TouchpointPatch, expectedVersion?: number): Promise<TouchpointRow | undefined> {
      const [row] = await db
        .update(touchpoints)
        .set({ ...patch, version: sql`${touchpoints.version} + 1`, updatedAt: sql`now()` })
        .where(and(byId(id), expectedVersion === undefined ? undefined : eq(touchpoints.version, expectedVersion)))
        .returning();
      return row;
    },

    async delete(id: string, expectedVersion?: number): Promise<{ contactId: string } | undefined> {
      const [row] = await db
        .delete(touchpoints)
        .where(and(byId(id), expectedVersion === undefined ? undefined : eq(touchpoints.version, expectedVersion)))
        .returning({ contactId: touchpoints.contactId });
      return row;
    },

    async exists(id: string): Promise<boolean> {
      const [row] = await db.select({ id: touchpoints.id }).from(touchpoints).where(byId(id)).limit(1);
      return !!row;
    },
  };
}
export type TouchpointsRepo = ReturnType<typeof createTouchpointsRepo>;
