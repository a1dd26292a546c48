import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';

/**
 * Recomputes `lastTouchAt` (latest touchpoint) and `nextTouchAt` (see shared/domain/touch-dates)
 * in SQL for the given contacts, or for every contact of the workspace when `contactIds` is
 * omitted (after the workspace cadence changes). One statement, any number of contacts.
 */
export async function refreshTouchDates(db: Db, workspaceId: string, contactIds?: readonly string[]): Promise<void> {
  if (contactIds && contactIds.length === 0) return;
  const only = contactIds ? sql`and c2.id in (${sql.join(contactIds.map((id) => sql`${id}::uuid`), sql`, `)})` : sql``;
  await db.execute(sql`
    with latest as (
      select c2.id, (select max(tp.occurred_at) from touchpoints tp
                     where tp.workspace_id = c2.workspace_id and tp.contact_id = c2.id) as last_touch_at
      from contacts c2 where c2.workspace_id = ${workspaceId} ${only})
    update contacts c set
      last_touch_at = latest.last_touch_at,
      next_touch_at = coalesce(latest.last_touch_at, c.created_at)
        + make_interval(days => coalesce(c.keep_in_touch_days, (w.cadence_days ->> c.stage::text)::int))
    from latest, workspaces w
    where c.workspace_id = ${workspaceId} and c.id = latest.id and w.id = c.workspace_id`);
}
