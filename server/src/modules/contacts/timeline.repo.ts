import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import type { TimestampCursor } from '../../lib/cursor';

export type TimelineKind = 'touchpoint' | 'stage_change' | 'referral_made' | 'referral_received' | 'reminder_done';

/** One row of a contact's timeline; which columns are set depends on `kind`. */
export interface TimelineRow {
  kind: TimelineKind;
  id: string;
  /** ISO instant with milliseconds, for the response. */
  at: string;
  /** ISO instant with microseconds, for the cursor. */
  atKey: string;
  channel: string | null;
  platform: string | null;
  direction: string | null;
  summary: string | null;
  sentiment: string | null;
  /** loggedById · byId · assigneeId. */
  actorId: string | null;
  fromStage: string | null;
  toStage: string | null;
  note: string | null;
  otherId: string | null;
  otherName: string | null;
  dueAt: string | null;
}


const ISO_MS = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;
const ISO_US = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;

/** Rows of a raw `db.execute`: both drivers (pg, PGlite) answer `{ rows }`. */
function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/** Every query is scoped to one workspace by construction. */
export function createTimelineRepo(db: Db, workspaceId: string) {
  return {
    /**
     * A contact's timeline, newest first (`at desc, id desc`), `limit` items after `after`: one
     * UNION ALL whose branches each read at most `limit` rows off their own index.
     */
    async page(contactId: string, after: TimestampCursor | undefined, limit: number): Promise<TimelineRow[]> {
      const before = (at: SQL, id: SQL) =>
        after ? sql`and (${at}, ${id}) < (${after.at}::timestamptz, ${after.id}::uuid)` : sql``;
      const result = await db.execute(sql`
        select kind, id, to_char(at at time zone 'UTC', ${sql.raw(ISO_MS)}) as at,
          to_char(at at time zone 'UTC', ${sql.raw(ISO_US)}) as "atKey",
          channel, platform, direction, summary, sentiment, actor_id as "actorId", from_stage as "fromStage",
          to_stage as "toStage", note, other_id as "otherId", other_name as "otherName",
          to_char(due_at at time zone 'UTC', ${sql.raw(ISO_MS)}) as "dueAt"
        from (
          (select 'touchpoint' as kind, t.id, t.occurred_at as at, t.channel::text as channel, t.platform,
             t.direction::text as direction, t.summary, t.sentiment::text as sentiment, t.logged_by_id as actor_id,
             null::text as from_stage, null::text as to_stage, null::text as note, null::uuid as other_id,
             null::text as other_name, null::timestamptz as due_at
           from touchpoints t
           where t.workspace_id = ${workspaceId} and t.contact_id = ${contactId} ${before(sql`t.occurred_at`, sql`t.id`)}
           order by t.occurred_at desc, t.id desc limit ${limit})
          union all
          (select 'stage_change', s.id, s.at, null, null, null, null, null, s.by_id,
             s.from_stage::text, s.to_stage::text, s.note, null, null, null
           from stage_changes s
           where s.workspace_id = ${workspaceId} and s.contact_id = ${contactId} ${before(sql`s.at`, sql`s.id`)}
           order by s.at desc, s.id desc limit ${limit})
          union all
          (select 'referral_made', r.id, r.occurred_at, null, null, null, null, null, null,
             null, null, r.note, o.id, o.name, null
           from referrals r join contacts o on o.workspace_id = r.workspace_id and o.id = r.referred_id
           where r.workspace_id = ${workspaceId} and r.referrer_id = ${contactId} ${before(sql`r.occurred_at`, sql`r.id`)}
           order by r.occurred_at desc, r.id desc limit ${limit})
          union all
          (select 'referral_received', r.id, r.occurred_at, null, null, null, null, null, null,
             null, null, r.note, o.id, o.name, null
           from referrals r join contacts o on o.workspace_id = r.workspace_id and o.id = r.referrer_id
           where r.workspace_id = ${workspaceId} and r.referred_id = ${contactId} ${before(sql`r.occurred_at`, sql`r.id`)}
           order by r.occurred_at desc, r.id desc limit ${limit})
          union all
          (select 'reminder_done', m.id, m.done_at, null, null, null, null, null, m.assignee_id,
             null, null, m.note, null, null, m.due_at
           from reminders m
           where m.workspace_id = ${workspaceId} and m.contact_id = ${contactId} and m.done_at is not null
             ${before(sql`m.done_at`, sql`m.id`)}
           order by m.done_at desc, m.id desc limit ${limit})
        ) as items
        order by items.at desc, items.id desc
        limit ${limit}`);
      return rowsOf<TimelineRow>(result);
    },
  };
}
export type TimelineRepo = ReturnType<typeof createTimelineRepo>;
