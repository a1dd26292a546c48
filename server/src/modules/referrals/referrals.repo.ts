import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import type { TimestampCursor } from '../../lib/cursor';
import { contacts, referrals } from '../../db/schema/index';

export type ReferralRow = typeof referrals.$inferSelect;
export type NewReferral = Pick<ReferralRow, 'referrerId' | 'referredId' | 'note' | 'occurredAt' | 'createdById'>;


export interface ReferralFilter {
  referrerId?: string;
  referredId?: string;
}

/** One node of the "referred" tree below a contact: the ids from the root down to it. */
export interface ReferralTreePath {
  path: string[];
}

/** How far `referredBy` climbs and how deep the `referred` tree goes (API.md: depth 5). */
export const REFERRED_BY_MAX_DEPTH = 50;
export const REFERRED_TREE_MAX_DEPTH = 5;
/** A tree of a DAG can repeat nodes; this bounds the response however dense the graph is. */
export const REFERRED_TREE_MAX_EDGES = 2_000;

const occurredKey = sql<string>`to_char(${referrals.occurredAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** Rows of a raw `db.execute`: both drivers (pg, PGlite) answer `{ rows }`. */
function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/** Every query is scoped to one workspace by construction. */
export function createReferralsRepo(db: Db, workspaceId: string) {
  const inWorkspace = eq(referrals.workspaceId, workspaceId);

  return {
    /**
     * Serializes writers of this workspace's referral graph until the transaction ends, so two
     * concurrent referrals (A → B and B → A) cannot both pass the cycle check.
     */
    async lockGraph(): Promise<void> {
      await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`rapport.referrals:${workspaceId}`}, 0))`);
    },

    /** Which of `ids` are contacts of this workspace (archived ones included). */
    async existingContacts(ids: readonly string[]): Promise<Set<string>> {
      if (ids.length === 0) return new Set();
      const rows = await db
        .select({ id: contacts.id })
        .from(contacts)
        .where(and(eq(contacts.workspaceId, workspaceId), inArray(contacts.id, [...ids])));
      return new Set(rows.map((r) => r.id));
    },

    async pairExists(referrerId: string, referredId: string): Promise<boolean> {
      const [row] = await db
        .select({ id: referrals.id })
        .from(referrals)
        .where(and(inWorkspace, eq(referrals.referrerId, referrerId), eq(referrals.referredId, referredId)))
        .limit(1);
      return !!row;
    },

    /**
     * Whether `fromId` already reaches `toId` through referral chains (fromId → … → toId).
     * `indirect` only counts chains through someone else (not the direct referral fromId → toId).
     * `union` (not `union all`) drops revisited contacts, so even a corrupt cyclic graph ends.
     */
    async reaches(fromId: string, toId: string, { indirect = false } = {}): Promise<boolean> {
      const result = await db.execute(sql`
        with recursive reach(id) as (
          select r.referred_id from referrals r
          where r.workspace_id = ${workspaceId} and r.referrer_id = ${fromId}
            ${indirect ? sql`and r.referred_id <> ${toId}` : sql``}
          union
          select r.referred_id from referrals r join reach on r.referrer_id = reach.id
          where r.workspace_id = ${workspaceId})
        select exists(select 1 from reach where id = ${toId}) as found`);
      return Boolean(rowsOf<{ found: boolean }>(result)[0]?.found);
    },

    async insert(values: NewReferral): Promise<ReferralRow> {
      const [row] = await db.insert(referrals).values({ ...values, workspaceId }).returning();
      return row!;
    },

    async findById(id: string): Promise<ReferralRow | undefined> {
      const [row] = await db.select().from(referrals).where(and(inWorkspace, eq(referrals.id, id))).limit(1);
      return row;
    },

    async delete(id: string): Promise<ReferralRow | undefined> {
      const [row] = await db.delete(referrals).where(and(inWorkspace, eq(referrals.id, id))).returning();
      return row;
    },

    /** Sets the contact's first referrer unless it already has one. */
    async setReferredByIfUnset(contactId: string, referrerId: string): Promise<void> {
      await db
        .update(contacts)
        .set({ referredById: referrerId, updatedAt: sql`now()`, version: sql`${contacts.version} + 1` })
        .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, contactId), sql`${contacts.referredById} is null`));
    },

    /**
     * After `removedReferrerId`'s referral of the contact was deleted: if it was the contact's
     * `referredById`, point it at the referrer of the earliest remaining referral (or null).
     */
    async repointReferredBy(contactId: string, removedReferrerId: string): Promise<void> {
      await db.execute(sql`
        update contacts c set
          referred_by_id = (
            select r.referrer_id from referrals r
            where r.workspace_id = c.workspace_id and r.referred_id = c.id
            order by r.occurred_at, r.created_at, r.id limit 1),
          updated_at = now(),
          version = c.version + 1
        where c.workspace_id = ${workspaceId} and c.id = ${contactId} and c.referred_by_id = ${removedReferrerId}`);
    },

    /** Newest first (`occurred_at desc, id desc`), `limit` rows after `after`. */
    async list(filter: ReferralFilter, after: TimestampCursor | undefined, limit: number) {
      const where: (SQL | undefined)[] = [inWorkspace];
      if (filter.referrerId) where.push(eq(referrals.referrerId, filter.referrerId));
      if (filter.referredId) where.push(eq(referrals.referredId, filter.referredId));
      if (after) {
        where.push(sql`(${referrals.occurredAt}, ${referrals.id}) < (${after.at}::timestamptz, ${after.id}::uuid)`);
      }
      return db
        .select({ row: referrals, key: occurredKey })
        .from(referrals)
        .where(and(...where))
        .orderBy(desc(referrals.occurredAt), desc(referrals.id))
        .limit(limit);
    },

    /**
     * The contact's chain of first referrers (`referred_by_id`) up to the root, nearest first.
     * The path array stops a corrupt cycle; the depth cap bounds the walk regardless.
     */
    async referredByChain(contactId: string): Promise<string[]> {
      const result = await db.execute(sql`
        with recursive up(id, depth, path) as (
          select c.referred_by_id, 1, array[c.id] from contacts c
          where c.workspace_id = ${workspaceId} and c.id = ${contactId}
            and c.referred_by_id is not null and c.referred_by_id <> c.id
          union all
          select c.referred_by_id, up.depth + 1, up.path || c.id
          from up join contacts c on c.workspace_id = ${workspaceId} and c.id = up.id
          where c.referred_by_id is not null and up.depth < ${REFERRED_BY_MAX_DEPTH}
            and not c.referred_by_id = any(up.path || c.id))
        select id from up order by depth`);
      return rowsOf<{ id: string }>(result).map((r) => r.id);
    },

    /**
     * Every referral edge below the contact to `REFERRED_TREE_MAX_DEPTH`, as a tree: a contact
     * referred by two people in the subtree appears under both. A node is never repeated on its
     * own path (cycle-safe). Ordered by depth, then oldest referral first.
     *
     * The recursion runs level by level and the outer LIMIT (no ORDER BY there) stops it once
     * `REFERRED_TREE_MAX_EDGES` rows exist, so even a very dense graph costs a bounded amount;
     * the shallowest levels come first, so a cut tree is missing only its deepest leaves.
     */
    async referredTree(contactId: string): Promise<ReferralTreePath[]> {
      const result = await db.execute(sql`
        with recursive down(id, depth, path, occurred_at, rid) as (
          select r.referred_id, 1, array[r.referrer_id, r.referred_id], r.occurred_at, r.id
          from referrals r
          where r.workspace_id = ${workspaceId} and r.referrer_id = ${contactId} and r.referred_id <> r.referrer_id
          union all
          select r.referred_id, down.depth + 1, down.path || r.referred_id, r.occurred_at, r.id
          from down join referrals r on r.workspace_id = ${workspaceId} and r.referrer_id = down.id
          where down.depth < ${REFERRED_TREE_MAX_DEPTH} and not r.referred_id = any(down.path))
        select array_to_string(path, ',') as path, depth,
          to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') as at, rid::text as rid
        from down
        limit ${REFERRED_TREE_MAX_EDGES}`);
      const rows = rowsOf<{ path: string; depth: number; at: string; rid: string }>(result);
      const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
      rows.sort((a, b) => Number(a.depth) - Number(b.depth) || cmp(a.at, b.at) || cmp(a.rid, b.rid));
      return rows.map((r) => ({ path: r.path.split(',') }));
    },
  };
}
export type ReferralsRepo = ReturnType<typeof createReferralsRepo>;
