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
 * Report figures, each computed in SQL in one set-based statement (only the aggregated rows
 * reach Node). Every query is scoped to one workspace by construction.
 */
export function createReportsRepo(db: Db, workspaceId: string) {
  const ws = sql`${workspaceId}::uuid`;
  const bounds = (p: Period) => ({ from: sql`${p.from.toISOString()}::timestamptz`, to: sql`${p.to.toISOString()}::timestamptz` });

  return {
    /**
     * Per stage (funnel order): contacts there now (not archived); stage changes into it in the
     * period (creation included); the cohort of distinct contacts that entered it in the period
     * and how many of them afterwards made a forward move into a higher stage; and the median
     * length in days of stays in it that ended in the period (a stay lasts from a change into
     * the stage to the contact's next change; a creation never ends a stay).
     *
     * One pass over the stage histories of the contacts that moved in the period, in index
     * order (contact, time): `lag` gives the stay each change ends, and the highest stage reached
     * by a later forward move says whether an entry converted. This beats a lookup per change
     * once a period holds tens of thousands of moves (all-time funnels especially).
     */
    async funnel(period: Period): Promise<FunnelRow[]> {
      const { from, to } = bounds(period);
      const result = await db.execute(sql`
        with moved as (
          select distinct sc.contact_id from stage_changes sc
          where sc.workspace_id = ${ws} and sc.at >= ${from} and sc.at < ${to}),
        history as (
          select sc.contact_id, sc.from_stage, sc.to_stage, sc.at,
            lag(sc.at) over by_time as previous_at,
            lag(sc.to_stage) over by_time as previous_stage,
            max(case when sc.from_stage is null or sc.from_stage < sc.to_stage then sc.to_stage end) over later as best_later
          from stage_changes sc
          where sc.workspace_id = ${ws} and sc.contact_id in (select contact_id from moved)
          window by_time as (partition by sc.contact_id order by sc.at, sc.id),
            later as (by_time rows between 1 following and unbounded following)),
        moves as materialized (select * from history h where h.at >= ${from} and h.at < ${to}),
        now_in as (
          select c.stage, count(*) as n from contacts c
          where c.workspace_id = ${ws} and c.archived_at is null group by c.stage),
        entered as (select m.to_stage as stage, count(*) as n from moves m group by m.to_stage),
        cohort as (
          -- Earlier entries see every later move, so "any entry converted" = "the first one did".
          select m.to_stage as stage, bool_or(m.best_later > m.to_stage) as converted
          from moves m group by m.contact_id, m.to_stage),
        conversion as (
          select k.stage, count(*) as cohort, count(*) filter (where k.converted) as converted from cohort k group by k.stage),
        medians as (
          select m.previous_stage as stage,
            round((percentile_cont(0.5) within group (order by extract(epoch from (m.at - m.previous_at)) / 86400.0))::numeric, 1) as median
          from moves m where m.from_stage is not null and m.previous_at is not null group by m.previous_stage)
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
        where chain.depth >= 2 and chain.in_period and chain.id <> chain.root
          and not exists (
            select 1 from referrals d
            where d.workspace_id = ${ws} and d.referrer_id = chain.root and d.referred_id = chain.id)
          -- A per-row primary-key lookup: the planner cannot size a recursive CTE and would
          -- otherwise hash the whole contacts table for a handful of rows.
          and (select c.archived_at is null from contacts c where c.workspace_id = ${ws} and c.id = chain.id)
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
     *
     * The week starts between the first and the last touchpoint of the period are computed once
     * (local Monday midnights turned into instants, DST included) and each row finds its week by
     * binary search (`width_bucket`), which is much cheaper than a time-zone conversion per row.
     */
    async activity(period: Period, by: 'channel' | 'member', timeZone: string): Promise<ActivityRow[]> {
      const { from, to } = bounds(period);
      const tz = sql`${timeZone}::text`;
      const key = by === 'channel' ? sql`t.channel` : sql`t.logged_by_id`;
      const inPeriod = sql`t.workspace_id = ${ws} and t.occurred_at >= ${from} and t.occurred_at < ${to}`;
      const result = await db.execute(sql`
        with span as (
          select min(t.occurred_at) as first_at, max(t.occurred_at) as last_at from touchpoints t where ${inPeriod}),
        weeks as materialized (
          select array_agg(w at time zone ${tz} order by w) as starts, array_agg(to_char(w, 'YYYY-MM-DD') order by w) as labels
          from span, generate_series(date_trunc('week', span.first_at at time zone ${tz}), span.last_at at time zone ${tz}, interval '1 week') w),
        counted as (
          select width_bucket(t.occurred_at, weeks.starts) as bucket, ${key} as key, count(*) as n
          from weeks, touchpoints t
          where ${inPeriod} ${by === 'member' ? sql`and t.logged_by_id is not null` : sql``}
          group by 1, 2)
        select weeks.labels[c.bucket] as week_start, c.key::text as key, c.n
        from counted c, weeks
        order by c.bucket, c.key::text collate "C"`);
      return rowsOf<Record<string, unknown>>(result).map((r) => ({
        weekStart: String(r.week_start),
        key: String(r.key),
        count: num(r.n),
      }));
    },
  };
}
export type ReportsRepo = ReturnType<typeof createReportsRepo>;
