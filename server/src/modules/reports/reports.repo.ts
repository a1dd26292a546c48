import { sql } from 'drizzle-orm';
import type { Stage, Source } from '@rapport/shared/domain/enums';
import type { Db } from '../../db/client';
import type { Period } from './report-period';

/** How deep `indirect` follows referral chains (A → B → … ), whatever the graph looks like. */
export const INDIRECT_MAX_DEPTH = 10;

export interface FunnelRow {
  stage: Stage;
  current: number;
  entered: number;
  /** Distinct contacts that entered the stage in the period, and how many of them later moved past it. */
  cohort: number;
  converted: number;
  medianDays: number | null;
}

export interface ReferrerRow {
  referrerId: string;
  referred: number;
  converted: number;
  value: number;
}

export interface SourceRow {
  source: Source;
  contacts: number;
  customers: number;
  value: number;
}

export interface ActivityRow {
  weekStart: string;
  key: string;
  count: number;
}

/** Rows of a raw `db.execute`: both drivers (pg, PGlite) answer `{ rows }`. */
function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/** Counts and sums come back as bigint/numeric text from pg; numbers from PGlite. */
const num = (v: unknown): number => Number(v ?? 0);
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/**
 * Report figures, each computed in SQL in one statement (aggregates over index range scans;
 * nothing is loaded row by row into Node). Every query is scoped to one workspace by construction.
 */
export function createReportsRepo(db: Db, workspaceId: string) {
  const ws = sql`${workspaceId}::uuid`;
  const bounds = (p: Period) => ({ from: sql`${p.from.toISOString()}::timestamptz`, to: sql`${p.to.toISOString()}::timestamptz` });

  return {
    /**
     * Per stage (funnel order): contacts there now (not archived); stage changes into it in the
     * period (creation included); the cohort of distinct contacts that entered it in the period
     * and how many of them later made a forward move into a higher stage; and the median length
     * in days of stays in it that ended in the period (a stay lasts from a change into the stage
     * to the contact's next change; a creation never ends a stay).
     */
    async funnel(period: Period): Promise<FunnelRow[]> {
      const { from, to } = bounds(period);
      const result = await db.execute(sql`
        with moves as materialized (
          select sc.id, sc.contact_id, sc.from_stage, sc.to_stage, sc.at from stage_changes sc
          where sc.workspace_id = ${ws} and sc.at >= ${from} and sc.at < ${to}),
        now_in as (
          select c.stage, count(*) as n from contacts c
          where c.workspace_id = ${ws} and c.archived_at is null group by c.stage),
        entered as (select m.to_stage as stage, count(*) as n from moves m group by m.to_stage),
        cohort as (
          select m.contact_id, m.to_stage as stage, min(m.at) as first_at from moves m group by m.contact_id, m.to_stage),
        conversion as (
          select k.stage, count(*) as cohort,
            count(*) filter (where exists (
              select 1 from stage_changes n
              where n.workspace_id = ${ws} and n.contact_id = k.contact_id and n.at > k.first_at
                and n.to_stage > k.stage and (n.from_stage is null or n.from_stage < n.to_stage))) as converted
          from cohort k group by k.stage),
        stays as (
          select p.to_stage as stage, extract(epoch from (m.at - p.at)) / 86400.0 as days
          from moves m
          cross join lateral (
            select p.to_stage, p.at from stage_changes p
            where p.workspace_id = ${ws} and p.contact_id = m.contact_id and (p.at, p.id) < (m.at, m.id)
            order by p.at desc, p.id desc limit 1) p
          where m.from_stage is not null),
        medians as (
          select s.stage, round((percentile_cont(0.5) within group (order by s.days))::numeric, 1) as median
          from stays s group by s.stage)
        select st.stage::text as stage, coalesce(now_in.n, 0) as current, coalesce(entered.n, 0) as entered,
          coalesce(conversion.cohort, 0) as cohort, coalesce(conversion.converted, 0) as converted, medians.median
        from unnest(enum_range(null::stage)) with ordinality as st(stage, position)
        left join now_in on now_in.stage = st.stage
        left join entered on entered.stage = st.stage
        left join conversion on conversion.stage = st.stage
        left join medians on medians.stage = st.stage
        order by st.position`);
      return rowsOf<Record<string, unknown>>(result).map((r) => ({
        stage: r.stage as Stage,
        current: num(r.current),
        entered: num(r.entered),
        cohort: num(r.cohort),
        converted: num(r.converted),
        medianDays: numOrNull(r.median),
      }));
    },

    /**
     * The best `limit` referrers of the period: per referrer (not archived), its referrals made
     * in the period whose referred contact is not archived, how many of those are customer or
     * evangelist now, and the sum of their value; converted desc, referred desc, value desc.
     */
    async topReferrers(period: Period, limit: number): Promise<ReferrerRow[]> {
      const { from, to } = bounds(period);
      const result = await db.execute(sql`
        with direct as (
          select r.referrer_id, count(*) as referred,
            count(*) filter (where c.stage >= 'customer') as converted,
            coalesce(sum(c.value) filter (where c.stage >= 'customer'), 0) as value
          from referrals r
          join contacts c on c.workspace_id = r.workspace_id and c.id = r.referred_id
          where r.workspace_id = ${ws} and r.occurred_at >= ${from} and r.occurred_at < ${to} and c.archived_at is null
          group by r.referrer_id)
        select d.referrer_id::text as referrer_id, d.referred, d.converted, d.value
        from direct d
        join contacts p on p.workspace_id = ${ws} and p.id = d.referrer_id
        where p.archived_at is null
        order by d.converted desc, d.referred desc, d.value desc, p.name, p.id
        limit ${limit}`);
      return rowsOf<Record<string, unknown>>(result).map((r) => ({
        referrerId: String(r.referrer_id),
        referred: num(r.referred),
        converted: num(r.converted),
        value: num(r.value),
      }));
    },

    /**
     * For each of `referrerIds`: distinct contacts (not archived) reached through its referral
     * chains at depth ≥ 2 whose own referral happened in the period, minus those it referred
     * directly. The walk keeps one row per (root, contact, depth, in-period), so it is bounded by
     * roots × contacts × depth however many paths a dense graph has, and ends even on a cycle.
     */
    async indirectCounts(referrerIds: readonly string[], period: Period): Promise<Map<string, number>> {
      if (referrerIds.length === 0) return new Map();
      const { from, to } = bounds(period);
      const roots = sql.join(referrerIds.map((id) => sql`${id}::uuid`), sql`, `);
      const result = await db.execute(sql`
        with recursive chain(root, id, depth, in_period) as (
          select r.referrer_id, r.referred_id, 1, r.occurred_at >= ${from} and r.occurred_at < ${to}
          from referrals r where r.workspace_id = ${ws} and r.referrer_id in (${roots})
          union
          select chain.root, r.referred_id, chain.depth + 1, r.occurred_at >= ${from} and r.occurred_at < ${to}
          from chain join referrals r on r.workspace_id = ${ws} and r.referrer_id = chain.id
          where chain.depth < ${INDIRECT_MAX_DEPTH})
        select chain.root::text as root, count(distinct chain.id) as indirect
        from chain
        join contacts c on c.workspace_id = ${ws} and c.id = chain.id
        where chain.depth >= 2 and chain.in_period and chain.id <> chain.root and c.archived_at is null
          and not exists (
            select 1 from referrals d
            where d.workspace_id = ${ws} and d.referrer_id = chain.root and d.referred_id = chain.id)
        group by chain.root`);
      return new Map(rowsOf<Record<string, unknown>>(result).map((r) => [String(r.root), num(r.indirect)]));
    },

    /**
     * Contacts (not archived) created in the period per source, how many of them are customer
     * or evangelist now, and the sum of those customers' value. Sources without contacts are absent.
     */
    async sources(period: Period): Promise<SourceRow[]> {
      const { from, to } = bounds(period);
      const result = await db.execute(sql`
        select c.source::text as source, count(*) as contacts,
          count(*) filter (where c.stage >= 'customer') as customers,
          coalesce(sum(c.value) filter (where c.stage >= 'customer'), 0) as value
        from contacts c
        where c.workspace_id = ${ws} and c.archived_at is null and c.created_at >= ${from} and c.created_at < ${to}
        group by c.source`);
      return rowsOf<Record<string, unknown>>(result).map((r) => ({
        source: r.source as Source,
        contacts: num(r.contacts),
        customers: num(r.customers),
        value: num(r.value),
      }));
    },

    /**
     * Touchpoints of the period per week (Monday, in `timeZone`) and channel or logging member,
     * sorted by week then key (byte order, so the same on every database collation). Touchpoints
     * without a recorded member are left out of the per-member series.
     */
    async activity(period: Period, by: 'channel' | 'member', timeZone: string): Promise<ActivityRow[]> {
      const { from, to } = bounds(period);
      const key = by === 'channel' ? sql`t.channel::text` : sql`t.logged_by_id::text`;
      const result = await db.execute(sql`
        select to_char(date_trunc('week', t.occurred_at at time zone ${timeZone}), 'YYYY-MM-DD') as week_start,
          ${key} as key, count(*) as count
        from touchpoints t
        where t.workspace_id = ${ws} and t.occurred_at >= ${from} and t.occurred_at < ${to}
          ${by === 'member' ? sql`and t.logged_by_id is not null` : sql``}
        group by 1, 2
        order by 1, ${key} collate "C"`);
      return rowsOf<Record<string, unknown>>(result).map((r) => ({
        weekStart: String(r.week_start),
        key: String(r.key),
        count: num(r.count),
      }));
    },
  };
}
export type ReportsRepo = ReturnType<typeof createReportsRepo>;
