import { and, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { contacts } from '../../db/schema/index';

export type MergeRow = Omit<typeof contacts.$inferSelect, 'attentionAt' | 'lastTouchSort' | 'searchText'>;
export type MergeFill = Partial<
  Pick<
    MergeRow,
    | 'email' | 'phone' | 'company' | 'title' | 'handles' | 'tags' | 'ownerId' | 'source' | 'sourceDetail' | 'value'
    | 'notes' | 'keepInTouchDays'
  >
>;

/**
 * The SQL of POST /contacts/:id/merge. Every statement runs in the caller's transaction, after
 * it has locked both contacts and the workspace's referral graph.
 */
export function createMergeRepo(db: Db, workspaceId: string) {
  const { attentionAt: _a, lastTouchSort: _l, searchText: _s, ...columns } = getTableColumns(contacts);
  void _a; void _l; void _s;

  return {
    /** Both contacts, locked in id order (so two merges of the same pair cannot deadlock). */
    async lockBoth(primaryId: string, duplicateId: string): Promise<{ primary?: MergeRow; duplicate?: MergeRow }> {
      const rows = await db
        .select(columns)
        .from(contacts)
        .where(and(eq(contacts.workspaceId, workspaceId), inArray(contacts.id, [primaryId, duplicateId])))
        .orderBy(contacts.id)
        .for('update');
      return { primary: rows.find((r) => r.id === primaryId), duplicate: rows.find((r) => r.id === duplicateId) };
    },

    /** Touchpoints, reminders and stage history of the duplicate now belong to the primary. */
    async moveActivity(primaryId: string, duplicateId: string): Promise<void> {
      await db.execute(sql`
        update touchpoints set contact_id = ${primaryId}, version = version + 1, updated_at = now()
        where workspace_id = ${workspaceId} and contact_id = ${duplicateId}`);
      await db.execute(sql`
        update reminders set contact_id = ${primaryId}, version = version + 1, updated_at = now()
        where workspace_id = ${workspaceId} and contact_id = ${duplicateId}`);
      await db.execute(sql`
        update stage_changes set contact_id = ${primaryId}
        where workspace_id = ${workspaceId} and contact_id = ${duplicateId}`);
    },

    /**
     * Referrals in both directions move to the primary. A referral between the two would become a
     * self-referral and goes; one that would repeat a pair the primary already has is folded
     * into it (earliest date and first non-empty note kept). People the duplicate was the first
     * referrer of now point at the primary.
     */
    async moveReferrals(primaryId: string, duplicateId: string): Promise<void> {
      const [p, d] = [primaryId, duplicateId];
      await db.execute(sql`
        delete from referrals where workspace_id = ${workspaceId}
          and ((referrer_id = ${p} and referred_id = ${d}) or (referrer_id = ${d} and referred_id = ${p}))`);
      // Same referrer for both (X → P and X → D), then same referred (P → Y and D → Y).
      for (const [own, other] of [[sql`referred_id`, sql`referrer_id`], [sql`referrer_id`, sql`referred_id`]] as const) {
        await db.execute(sql`
          update referrals kept set occurred_at = least(kept.occurred_at, dup.occurred_at), note = coalesce(kept.note, dup.note)
          from referrals dup
          where kept.workspace_id = ${workspaceId} and dup.workspace_id = ${workspaceId}
            and kept.${own} = ${p} and dup.${own} = ${d} and kept.${other} = dup.${other}`);
        await db.execute(sql`
          delete from referrals dup using referrals kept
          where kept.workspace_id = ${workspaceId} and dup.workspace_id = ${workspaceId}
            and kept.${own} = ${p} and dup.${own} = ${d} and kept.${other} = dup.${other}`);
        await db.execute(sql`
          update referrals set ${own} = ${p} where workspace_id = ${workspaceId} and ${own} = ${d}`);
      }
      await db.execute(sql`
        update contacts set referred_by_id = ${p}, version = version + 1, updated_at = now()
        where workspace_id = ${workspaceId} and referred_by_id = ${d} and id <> ${p} and id <> ${d}`);
    },

    /**
     * The duplicate is archived (if it was not already), gives up its email when the primary takes
     * it over (emails are unique per workspace), and has no referrer left.
     */
    async retireDuplicate(duplicateId: string, releaseEmail: boolean): Promise<void> {
      await db
        .update(contacts)
        .set({
          archivedAt: sql`coalesce(${contacts.archivedAt}, now())`,
          referredById: null,
          ...(releaseEmail ? { email: null } : {}),
          version: sql`${contacts.version} + 1`,
          updatedAt: sql`now()`,
        })
        .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, duplicateId)));
    },

    /**
     * Fills the primary's empty fields and, when it has no valid first referrer (none, or one of
     * the two merged contacts), takes the earliest referral it now has.
     */
    async fillPrimary(primaryId: string, duplicateId: string, fill: MergeFill): Promise<void> {
      await db
        .update(contacts)
        .set({
          ...fill,
          referredById: sql`case when ${contacts.referredById} is null or ${contacts.referredById} in (${primaryId}::uuid, ${duplicateId}::uuid)
            then (select r.referrer_id from referrals r where r.workspace_id = ${workspaceId} and r.referred_id = ${primaryId}
                  and r.referrer_id <> ${primaryId} order by r.occurred_at, r.created_at, r.id limit 1)
            else ${contacts.referredById} end`,
          version: sql`${contacts.version} + 1`,
          updatedAt: sql`now()`,
        })
        .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, primaryId)));
    },
  };
}
export type MergeRepo = ReturnType<typeof createMergeRepo>;
