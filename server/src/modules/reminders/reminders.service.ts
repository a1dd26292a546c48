import type { CreateReminderBody, UpdateReminderBody } from '@rapport/shared';
import type { Db } from '../../db/client';
import { NotFoundError, PreconditionFailedError, ValidationError } from '../../errors';
import type { Member } from '../../plugins/auth';
import { toInstant } from '../touchpoints/instant';
import { decodeTimestampCursor, encodeTimestampCursor } from '../../lib/cursor';
import { refreshNextReminder } from './next-reminder.repo';
import { createRemindersRepo, type ReminderFilter, type ReminderPatch, type ReminderRow, type RemindersRepo } from './reminders.repo';

type Actor = Pick<Member, 'id' | 'workspaceId'>;

export function createRemindersService(db: Db, repoFor: (db: Db, workspaceId: string) => RemindersRepo = createRemindersRepo) {
  async function checkAssignee(repo: RemindersRepo, assigneeId: string | undefined): Promise<void> {
    if (assigneeId !== undefined && !(await repo.isMember(assigneeId))) {
      throw ValidationError.field('assigneeId', 'Not a member of this workspace');
    }
  }

  function missingOrStale(exists: boolean): Error {
    return exists
      ? new PreconditionFailedError('The reminder has changed since you read it (If-Match).')
      : new NotFoundError('Reminder not found.');
  }

  return {
    /**
     * A reminder on a contact of the workspace (404 otherwise; archived contacts included, they
     * just stay out of follow-ups), assigned to `assigneeId` or to the creator.
     */
    async create(actor: Actor, body: CreateReminderBody): Promise<ReminderRow> {
      const dueAt = toInstant(body.dueAt, 'dueAt');
      return db.transaction(async (tx) => {
        const repo = repoFor(tx, actor.workspaceId);
        if (!(await repo.lockContact(body.contactId))) throw new NotFoundError('Contact not found.');
        await checkAssignee(repo, body.assigneeId);
        const row = await repo.insert({
          contactId: body.contactId, assigneeId: body.assigneeId ?? actor.id, dueAt, note: body.note, createdById: actor.id,
        });
        await refreshNextReminder(tx, actor.workspaceId, [body.contactId]);
        return row;
      });
    },

    async get(actor: Actor, id: string): Promise<ReminderRow> {
      const row = await repoFor(db, actor.workspaceId).findById(id);
      if (!row) throw new NotFoundError('Reminder not found.');
      return row;
    },

    /** Soonest due first; a filter naming something outside the workspace simply matches nothing. */
    async list(actor: Actor, query: ReminderFilter & { limit: number; cursor?: string }) {
      const after = query.cursor ? decodeTimestampCursor(query.cursor) : undefined;
      const filter: ReminderFilter = { contactId: query.contactId, assigneeId: query.assigneeId, status: query.status };
      const rows = await repoFor(db, actor.workspaceId).list(filter, after, query.limit + 1);
      const items = rows.slice(0, query.limit);
      const last = items.at(-1);
      return {
        items: items.map((r) => r.row),
        nextCursor: rows.length > query.limit && last ? encodeTimestampCursor({ at: last.key, id: last.row.id }) : null,
      };
    },

    /** Snooze (dueAt), edit, reassign, complete (`done: true`) or reopen (`done: false`); 412 when stale. */
    async update(actor: Actor, id: string, body: UpdateReminderBody, expectedVersion?: number): Promise<ReminderRow> {
      const patch: ReminderPatch = {};
      if (body.dueAt !== undefined) patch.dueAt = toInstant(body.dueAt, 'dueAt');
      if (body.note !== undefined) patch.note = body.note;
      if (body.assigneeId !== undefined) patch.assigneeId = body.assigneeId;
      if (body.done !== undefined) patch.done = body.done;
      return db.transaction(async (tx) => {
        const repo = repoFor(tx, actor.workspaceId);
        await checkAssignee(repo, body.assigneeId);
        const row = await repo.update(id, patch, expectedVersion);
        if (!row) throw missingOrStale(await repo.exists(id));
        await repo.lockContact(row.contactId);
        await refreshNextReminder(tx, actor.workspaceId, [row.contactId]);
        return row;
      });
    },

    async remove(actor: Actor, id: string, expectedVersion?: number): Promise<void> {
      await db.transaction(async (tx) => {
        const repo = repoFor(tx, actor.workspaceId);
        const row = await repo.delete(id, expectedVersion);
        if (!row) throw missingOrStale(await repo.exists(id));
        await repo.lockContact(row.contactId);
        await refreshNextReminder(tx, actor.workspaceId, [row.contactId]);
      });
    },
  };
}
export type RemindersService = ReturnType<typeof createRemindersService>;
