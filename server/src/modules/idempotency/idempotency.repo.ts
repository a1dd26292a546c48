import { and, eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { idempotencyKeys } from '../../db/schema/index';

export type IdempotencyRow = typeof idempotencyKeys.$inferSelect;

export function createIdempotencyRepo(db: Db, userId: string) {
  const keyIs = (key: string) => and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key));
  return {
    /** Claims the key; false when a row for it already exists. */
    async claim(key: string, workspaceId: string, requestHash: string): Promise<boolean> {
      const rows = await db
        .insert(idempotencyKeys)
        .values({ userId, key, workspaceId, requestHash })
        .onConflictDoNothing()
        .returning({ key: idempotencyKeys.key });
      return rows.length === 1;
    },
    async find(key: string): Promise<IdempotencyRow | undefined> {
      const [row] = await db.select().from(idempotencyKeys).where(keyIs(key)).limit(1);
      return row;
    },
    /** Replaces an expired or abandoned claim atomically; false if someone else got there first. */
    async reclaim(key: string, staleBefore: Date, requestHash: string): Promise<boolean> {
      const rows = await db
        .update(idempotencyKeys)
        .set({ requestHash, responseStatus: null, responseBody: null, responseContentType: null, createdAt: sql`now()` })
        .where(and(keyIs(key), lt(idempotencyKeys.createdAt, staleBefore)))
        .returning({ key: idempotencyKeys.key });
      return rows.length === 1;
    },
    async complete(key: string, status: number, contentType: string | null, body: string): Promise<void> {
      await db
        .update(idempotencyKeys)
        .set({ responseStatus: status, responseContentType: contentType, responseBody: body })
        .where(keyIs(key));
    },
    async release(key: string): Promise<void> {
      await db.delete(idempotencyKeys).where(keyIs(key));
    },
    async pruneOlderThan(before: Date): Promise<void> {
      await db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, before));
    },
  };
}
