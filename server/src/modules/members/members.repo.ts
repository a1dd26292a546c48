import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { contacts, reminders, users, workspaces } from '../../db/schema/index';
import type { CadenceDays, Role } from '@rapport/shared/domain/enums';
import type { UserRow, WorkspaceRow } from '../auth/auth.repo';

/** Members (users) and the settings of one workspace; every query is scoped to it. */
export function createMembersRepo(db: Db, workspaceId: string) {
  const inWorkspace = (id: string) => and(eq(users.workspaceId, workspaceId), eq(users.id, id));

  return {
    async list(): Promise<UserRow[]> {
      return db.select().from(users).where(eq(users.workspaceId, workspaceId)).orderBy(asc(users.createdAt), asc(users.id));
    },

    async findById(id: string): Promise<UserRow | undefined> {
      const [row] = await db.select().from(users).where(inWorkspace(id)).limit(1);
      return row;
    },

    async findWithWorkspace(id: string): Promise<{ user: UserRow; workspace: WorkspaceRow } | undefined> {
      const [row] = await db
        .select({ user: users, workspace: workspaces })
        .from(users)
        .innerJoin(workspaces, eq(workspaces.id, users.workspaceId))
        .where(inWorkspace(id))
        .limit(1);
      return row;
    },

    /** Emails of users are unique across Rapport (case-insensitive), so this looks everywhere. */
    async emailTaken(email: string): Promise<boolean> {
      const [row] = await db.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = lower(${email})`).limit(1);
      return !!row;
    },

    async insert(values: { email: string; name: string; passwordHash: string; role: Role; timezone: string }): Promise<UserRow> {
      const [row] = await db.insert(users).values({ ...values, workspaceId }).returning();
      return row!;
    },

    async update(id: string, patch: { name?: string; timezone?: string; passwordHash?: string; role?: Role }): Promise<UserRow | undefined> {
      const [row] = await db.update(users).set({ ...patch, updatedAt: sql`now()` }).where(inWorkspace(id)).returning();
      return row;
    },

    /**
     * Ids of the workspace's owners (oldest first), with their rows locked until the transaction ends: two
     * owners demoting or removing each other at once cannot both pass the last-owner check.
     */
    async lockOwners(): Promise<string[]> {
      const rows = await db
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.workspaceId, workspaceId), eq(users.role, 'owner')))
        .orderBy(asc(users.createdAt), asc(users.id))
        .for('update');
      return rows.map((r) => r.id);
    },

    /** Hands a member's contacts and reminders (open and done) to another member. */
    async reassignWork(fromId: string, toId: string): Promise<void> {
      await db
        .update(contacts)
        .set({ ownerId: toId, version: sql`${contacts.version} + 1`, updatedAt: sql`now()` })
        .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.ownerId, fromId)));
      await db
        .update(reminders)
        .set({ assigneeId: toId, version: sql`${reminders.version} + 1`, updatedAt: sql`now()` })
        .where(and(eq(reminders.workspaceId, workspaceId), eq(reminders.assigneeId, fromId)));
    },

    async delete(id: string): Promise<boolean> {
      const rows = await db.delete(users).where(inWorkspace(id)).returning({ id: users.id });
      return rows.length > 0;
    },

    /** `cadenceDays` is merged into the stored one (jsonb `||`), so a partial patch keeps the rest. */
    async updateWorkspace(patch: { name?: string; currency?: string; cadenceDays?: Partial<CadenceDays> }): Promise<WorkspaceRow | undefined> {
      const [row] = await db
        .update(workspaces)
        .set({
          ...(patch.name !== undefined && { name: patch.name }),
          ...(patch.currency !== undefined && { currency: patch.currency }),
          ...(patch.cadenceDays !== undefined && {
            cadenceDays: sql`${workspaces.cadenceDays} || ${JSON.stringify(patch.cadenceDays)}::jsonb`,
          }),
          updatedAt: sql`now()`,
        })
        .where(eq(workspaces.id, workspaceId))
        .returning();
      return row;
    },
  };
}
export type MembersRepo = ReturnType<typeof createMembersRepo>;
