import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { contacts, stageChanges, users } from '../../db/schema/index';
import type { Stage } from '@rapport/shared/domain/enums';

export type NewContact = Omit<typeof contacts.$inferInsert, 'workspaceId' | 'attentionAt' | 'lastTouchSort' | 'searchText'>;

/** Every query is scoped to one workspace by construction. */
export function createContactsRepo(db: Db, workspaceId: string) {
  return {
    workspaceId,

    async findIdByEmail(email: string): Promise<string | undefined> {
      const [row] = await db
        .select({ id: contacts.id })
        .from(contacts)
        .where(and(eq(contacts.workspaceId, workspaceId), sql`lower(${contacts.email}) = lower(${email})`))
        .limit(1);
      return row?.id;
    },

    async isMember(userId: string): Promise<boolean> {
      const [row] = await db
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.workspaceId, workspaceId), eq(users.id, userId)))
        .limit(1);
      return !!row;
    },

    async insert(values: NewContact): Promise<{ id: string; stage: Stage; createdAt: Date }> {
      const [row] = await db
        .insert(contacts)
        .values({ ...values, workspaceId })
        .returning({ id: contacts.id, stage: contacts.stage, createdAt: contacts.createdAt });
      return row!;
    },

    async recordStageChange(input: { contactId: string; from: Stage | null; to: Stage; byId: string | null; note?: string | null; at?: Date }) {
      await db.insert(stageChanges).values({
        workspaceId, contactId: input.contactId, fromStage: input.from, toStage: input.to, byId: input.byId,
        note: input.note ?? null, at: input.at ?? new Date(),
      });
    },
  };
}
export type ContactsRepo = ReturnType<typeof createContactsRepo>;
