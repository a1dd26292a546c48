import { and, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { contacts, stageChanges, users } from '../../db/schema/index';
import type { Stage } from '@rapport/shared/domain/enums';

export type NewContact = Omit<typeof contacts.$inferInsert, 'workspaceId' | 'attentionAt' | 'lastTouchSort' | 'searchText'>;

/** Fields PATCH /contacts/:id may change (never stage, dates, version). */
export type ContactPatch = Partial<
  Pick<
    typeof contacts.$inferInsert,
    | 'name' | 'email' | 'phone' | 'company' | 'title' | 'handles' | 'tags' | 'ownerId' | 'source' | 'sourceDetail'
    | 'value' | 'notes' | 'keepInTouchDays'
  >
>;

/** What writers need to know about a locked contact. */
export interface LockedContact {
  id: string;
  version: number;
  stage: Stage;
  email: string | null;
  archivedAt: Date | null;
}

const lockedColumns = {
  id: contacts.id, version: contacts.version, stage: contacts.stage, email: contacts.email, archivedAt: contacts.archivedAt,
};

/** Every query is scoped to one workspace by construction. */
export function createContactsRepo(db: Db, workspaceId: string) {
  const byId = (id: string) => and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, id));
  const bump = { version: sql`${contacts.version} + 1`, updatedAt: sql`now()` };

  return {
    workspaceId,

    /** The contact with this email (case-insensitive), other than `exceptId`. */
    async findIdByEmail(email: string, exceptId?: string): Promise<string | undefined> {
      const [row] = await db
        .select({ id: contacts.id })
        .from(contacts)
        .where(
          and(
            eq(contacts.workspaceId, workspaceId),
            sql`lower(${contacts.email}) = lower(${email})`,
            exceptId === undefined ? undefined : ne(contacts.id, exceptId),
          ),
        )
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

    /** Whether the contact is in this workspace (archived or not). */
    async exists(id: string): Promise<boolean> {
      const [row] = await db.select({ id: contacts.id }).from(contacts).where(byId(id)).limit(1);
      return !!row;
    },

    /**
     * Locks the contact row until the transaction ends (writers of the same contact — touchpoints,
     * reminders, merges — queue behind it). `no key update` still lets other transactions insert
     * rows that reference it; a delete needs `update`. Undefined when it is not in this workspace.
     */
    async lock(id: string, mode: 'update' | 'no key update' = 'no key update'): Promise<LockedContact | undefined> {
      const [row] = await db.select(lockedColumns).from(contacts).where(byId(id)).for(mode);
      return row;
    },

    /** Applies the patch, bumps the version; the caller holds the row lock. */
    async update(id: string, patch: ContactPatch): Promise<void> {
      await db.update(contacts).set({ ...patch, ...bump }).where(byId(id));
    },

    async setStage(id: string, stage: Stage, at: Date): Promise<void> {
      await db.update(contacts).set({ stage, stageChangedAt: at, ...bump }).where(byId(id));
    },

    async setArchived(id: string, archived: boolean): Promise<void> {
      await db
        .update(contacts)
        .set({ archivedAt: archived ? sql`now()` : null, ...bump })
        .where(byId(id));
    },

    /**
     * Deletes the contact for good; its touchpoints, reminders, referrals and stage history go
     * with it (foreign keys cascade). Contacts whose first referrer (`referredById`) it was move
     * to their next earliest remaining referrer, or none — first, since that key does not cascade.
     */
    async hardDelete(id: string): Promise<void> {
      await db.execute(sql`
        update contacts c set
          referred_by_id = (
            select r.referrer_id from referrals r
            where r.workspace_id = c.workspace_id and r.referred_id = c.id and r.referrer_id <> ${id}
            order by r.occurred_at, r.created_at, r.id limit 1),
          updated_at = now(),
          version = c.version + 1
        where c.workspace_id = ${workspaceId} and c.referred_by_id = ${id} and c.id <> ${id}`);
      await db.delete(contacts).where(byId(id));
    },
  };
}
export type ContactsRepo = ReturnType<typeof createContactsRepo>;
