import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { contacts, workspaces } from '../../db/schema/index';
import { CONVERSATION_CHANNELS } from '@rapport/shared/domain/health';

export type ContactRow = typeof contacts.$inferSelect;

/** A contact with the activity figures that its health and suggested stage come from. */
export interface ContactWithStats {
  row: Omit<ContactRow, 'attentionAt' | 'lastTouchSort' | 'searchText'>;
  cadenceDays: number | null;
  touches90d: number;
  inbound90d: number;
  positive90d: number;
  negative90d: number;
  inboundConversations: number;
  referralsMade: number;
}

const channelList = sql.join(CONVERSATION_CHANNELS.map((c) => sql`${c}::channel`), sql`, `);

/**
 * Loads contacts by id with their 90-day touch figures and referral count in one query
 * (index lookups per contact; meant for a page of cards, not for whole tables).
 * Order of the result follows `ids`; ids of other workspaces are simply absent.
 */
export async function loadContactsWithStats(db: Db, workspaceId: string, ids: readonly string[]): Promise<ContactWithStats[]> {
  if (ids.length === 0) return [];
  const { attentionAt: _a, lastTouchSort: _l, searchText: _s, ...columns } = contacts;
  void _a; void _l; void _s;
  const rows = await db
    .select({
      row: columns,
      cadenceDays: sql<number | null>`coalesce(${contacts.keepInTouchDays}, (${workspaces.cadenceDays} ->> ${contacts.stage}::text)::int)`,
      touches90d: sql<number>`coalesce(tp.touches, 0)::int`,
      inbound90d: sql<number>`coalesce(tp.inbound, 0)::int`,
      positive90d: sql<number>`coalesce(tp.positive, 0)::int`,
      negative90d: sql<number>`coalesce(tp.negative, 0)::int`,
      inboundConversations: sql<number>`(case when ${contacts.stage} = 'stranger' then (
          select count(*) from (select 1 from touchpoints t2 where t2.workspace_id = ${contacts.workspaceId}
            and t2.contact_id = ${contacts.id} and t2.direction = 'inbound' and t2.channel in (${channelList}) limit 1) x)
        else 0 end)::int`,
      referralsMade: sql<number>`(select count(*) from referrals r where r.workspace_id = ${contacts.workspaceId}
          and r.referrer_id = ${contacts.id})::int`,
    })
    .from(contacts)
    .innerJoin(workspaces, eq(workspaces.id, contacts.workspaceId))
    .leftJoin(
      sql`lateral (select count(*) as touches,
          count(*) filter (where t.direction = 'inbound') as inbound,
          count(*) filter (where t.sentiment = 'positive') as positive,
          count(*) filter (where t.sentiment = 'negative') as negative
        from touchpoints t where t.workspace_id = ${contacts.workspaceId} and t.contact_id = ${contacts.id}
          and t.occurred_at > now() - interval '90 days') tp`,
      sql`true`,
    )
    .where(and(eq(contacts.workspaceId, workspaceId), inArray(contacts.id, [...ids])));
  const byId = new Map(rows.map((r) => [r.row.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    return r ? [r as ContactWithStats] : [];
  });
}
