import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { users } from '../../db/schema/index';

export interface FeedOwner {
  id: string;
  workspaceId: string;
  name: string;
  timezone: string;
}

/** Feed tokens identify a member across workspaces by nature (like a login), so no workspace scope. */
export function createCalendarRepo(db: Db) {
  return {
    /** Replaces the member's token hash: the previous token stops working at once. */
    async setTokenHash(userId: string, tokenHash: string): Promise<boolean> {
      const rows = await db.update(users).set({ calendarTokenHash: tokenHash }).where(eq(users.id, userId)).returning({ id: users.id });
      return rows.length > 0;
    },

    async findMemberByTokenHash(tokenHash: string): Promise<FeedOwner | undefined> {
      const [row] = await db
        .select({ id: users.id, workspaceId: users.workspaceId, name: users.name, timezone: users.timezone })
        .from(users)
        .where(eq(users.calendarTokenHash, tokenHash))
        .limit(1);
      return row;
    },
  };
}
export type CalendarRepo = ReturnType<typeof createCalendarRepo>;
