import { and, count, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { contacts, referrals, reminders, stageChanges, touchpoints, users, workspaces } from '../../db/schema/index';
import type { DemoPlan } from './demo-rows';

/** Rows per INSERT: well under Postgres's 65,535 bind parameters for the widest table. */
const BATCH = 500;

async function insertInBatches<T>(rows: readonly T[], insert: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await insert(rows.slice(i, i + BATCH));
}

/** Every query is scoped to one workspace by construction. */
export function createDemoRepo(db: Db, workspaceId: string) {
  return {
    /** Locks the workspace row until the transaction ends, so two demo loads cannot both see it empty. */
    async lockWorkspace(): Promise<{ name: string } | undefined> {
      const [row] = await db.select({ name: workspaces.name }).from(workspaces).where(eq(workspaces.id, workspaceId)).for('update');
      return row;
    },

    async countContacts(): Promise<number> {
      const [row] = await db.select({ n: count() }).from(contacts).where(eq(contacts.workspaceId, workspaceId));
      return row?.n ?? 0;
    },

    /** A user by email anywhere in Rapport (emails are unique across workspaces), with its workspace. */
    async findUserByEmail(email: string): Promise<{ id: string; workspaceId: string } | undefined> {
      const [row] = await db
        .select({ id: users.id, workspaceId: users.workspaceId })
        .from(users)
        .where(sql`lower(${users.email}) = lower(${email})`)
        .limit(1);
      return row;
    },

    async findMemberTimezone(userId: string): Promise<string | undefined> {
      const [row] = await db
        .select({ timezone: users.timezone })
        .from(users)
        .where(and(eq(users.workspaceId, workspaceId), eq(users.id, userId)))
        .limit(1);
      return row?.timezone;
    },

    async insertRep(input: { email: string; name: string; passwordHash: string; timezone: string }): Promise<string> {
      const [row] = await db
        .insert(users)
        .values({ ...input, workspaceId, role: 'rep' })
        .returning({ id: users.id });
      return row!.id;
    },

    /** Writes the whole plan (referrers are inserted before the contacts they point at). */
    async insertPlan(plan: DemoPlan): Promise<void> {
      const withWorkspace = <T extends object>(rows: readonly T[]) => rows.map((r) => ({ ...r, workspaceId }));
      await insertInBatches(withWorkspace(plan.contacts.map((c) => ({ ...c, referredById: null }))), (b) => db.insert(contacts).values(b));
      for (const c of plan.contacts.filter((c) => c.referredById)) {
        await db
          .update(contacts)
          .set({ referredById: c.referredById })
          .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, c.id)));
      }
      await insertInBatches(withWorkspace(plan.stageChanges), (b) => db.insert(stageChanges).values(b));
      await insertInBatches(withWorkspace(plan.touchpoints), (b) => db.insert(touchpoints).values(b));
      await insertInBatches(withWorkspace(plan.referrals), (b) => db.insert(referrals).values(b));
      await insertInBatches(withWorkspace(plan.reminders), (b) => db.insert(reminders).values(b));
    },
  };
}
export type DemoRepo = ReturnType<typeof createDemoRepo>;
