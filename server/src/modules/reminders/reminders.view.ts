import type { Reminder } from '@rapport/shared';
import { iso } from '../../lib/serialize';
import type { ReminderRow } from './reminders.repo';

/** The API's reminder: an allow-list of fields. */
export function toReminder(r: ReminderRow): Reminder {
  return {
    id: r.id, contactId: r.contactId, assigneeId: r.assigneeId, dueAt: iso(r.dueAt), note: r.note,
    doneAt: iso(r.doneAt), createdById: r.createdById, createdAt: iso(r.createdAt), version: r.version,
  };
}
