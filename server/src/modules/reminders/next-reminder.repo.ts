import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';

/** Keeps `contacts.next_reminder_at` = earliest open reminder, for the board's attention order. */
export async function refreshNextReminder(db: Db, workspaceId: string, contactIds: readonly string[]): Promise<void> {
  if (contactIds.length === 0) return;
  await db.execute(sql`
    update contacts c set next_reminder_at = (
      select min(r.due_at) from reminders r
      where r.workspace_id = c.workspace_id and r.contact_id = c.id and r.done_at is null)
    where c.workspace_id = ${workspaceId}
      and c.id in (${sql.join(contactIds.map((id) => sql`${id}::uuid`), sql`, `)})`);
}
