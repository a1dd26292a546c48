import { and, eq, gte, lt, sql, count } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { users, workspaces, loginFailures } from '../../db/schema/index';
import type { Role } from '@rapport/shared/domain/enums';

export type UserRow = typeof users.$inferSelect;
export type WorkspaceRow = typeof workspaces.$inferSelect;

/** Identity lookups span workspaces by nature (login by email, token → member). */
export function createAuthRepo(db: Db) {
  return {
    async findMemberById(id: string) {
      const [row] = await db
        .select({
          id: users.id, workspaceId: users.workspaceId, role: users.role, timezone: users.timezone,
          email: users.email, name: users.name,
        })
        .from(users)
        .where(eq(users.id, id))
        .limit(1);
      return row;
    },

    async findUserByEmail(email: string): Promise<UserRow | undefined> {
      const [row] = await db.select().from(users).where(sql`lower(${users.email}) = lower(${email})`).limit(1);
      return row;
    },

    async findUserWithWorkspace(userId: string): Promise<{ user: UserRow; workspace: WorkspaceRow } | undefined> {
      const [row] = await db
        .select({ user: users, workspace: workspaces })
        .from(users)
        .innerJoin(workspaces, eq(workspaces.id, users.workspaceId))
        .where(eq(users.id, userId))
        .limit(1);
      return row;
    },

    async createWorkspaceWithOwner(input: {
      workspaceName: string; email: string; name: string; passwordHash: string; timezone: string;
    }): Promise<{ user: UserRow; workspace: WorkspaceRow }> {
      return db.transaction(async (tx) => {
        const [workspace] = await tx.insert(workspaces).values({ name: input.workspaceName }).returning();
        const [user] = await tx
          .insert(users)
          .values({
            workspaceId: workspace!.id, email: input.email, name: input.name, passwordHash: input.passwordHash,
            timezone: input.timezone, role: 'owner' satisfies Role,
          })
          .returning();
        return { user: user!, workspace: workspace! };
      });
    },

    async countRecentFailures(email: string, since: Date): Promise<{ count: number; oldest: Date | null }> {
      const [row] = await db
        .select({ count: count(), oldest: sql<string | null>`min(${loginFailures.at})` })
        .from(loginFailures)
        .where(and(eq(loginFailures.email, email.toLowerCase()), gte(loginFailures.at, since)));
      return { count: row?.count ?? 0, oldest: row?.oldest ? new Date(row.oldest) : null };
    },

    async recordFailure(email: string): Promise<void> {
      await db.insert(loginFailures).values({ email: email.toLowerCase() });
    },

    async pruneFailures(before: Date): Promise<void> {
      await db.delete(loginFailures).where(lt(loginFailures.at, before));
    },

    async clearFailures(email: string): Promise<void> {
      await db.delete(loginFailures).where(eq(loginFailures.email, email.toLowerCase()));
    },
  };
}
export type AuthRepo = ReturnType<typeof createAuthRepo>;
