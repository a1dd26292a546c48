import type { CreateTouchpointBody, UpdateTouchpointBody } from '@rapport/shared';
import type { Channel } from '@rapport/shared/domain/enums';
import type { Db } from '../../db/client';
import { NotFoundError, PreconditionFailedError, ValidationError, type FieldError } from '../../errors';
import type { Member } from '../../plugins/auth';
import { refreshTouchDates } from '../contacts/touch-dates.repo';
import { refreshNextReminder } from '../reminders/next-reminder.repo';
import { createRemindersRepo, type RemindersRepo, type ReminderRow } from '../reminders/reminders.repo';
import { toInstant } from './instant';
import { decodeTimestampCursor, encodeTimestampCursor } from '../../lib/cursor';
import { createTouchpointsRepo, type TouchpointPatch, type TouchpointRow, type TouchpointsRepo } from './touchpoints.repo';

/**
 * How far in the future a touchpoint may be dated: a day of slack for clients whose clock or
 * time zone is off; anything later is a planned touch, which is what a reminder is for.
 */
export const MAX_FUTURE_OCCURRED_MS = 24 * 60 * 60_000;

type Actor = Pick<Member, 'id' | 'workspaceId'>;

export interface TouchpointsDeps {
  touchpoints: (db: Db, workspaceId: string) => TouchpointsRepo;
  reminders: (db: Db, workspaceId: string) => Pick<RemindersRepo, 'insert'>;
  now: () => Date;
}

export interface TouchpointListQuery {
  limit: number;
  cursor?: string;
  channel?: Channel;
  loggedById?: string;
  contactId?: string;
  from?: string;
  to?: string;
}

export function createTouchpointsService(db: Db, overrides: Partial<TouchpointsDeps> = {}) {
  const deps: TouchpointsDeps = {
    touchpoints: createTouchpointsRepo, reminders: createRemindersRepo, now: () => new Date(), ...overrides,
  };

  function checkOccurredAt(value: string | undefined, now: Date, errors: FieldError[]): Date | undefined {
    if (value === undefined) return undefined;
    const at = toInstant(value, 'occurredAt');
    if (at.getTime() > now.getTime() + MAX_FUTURE_OCCURRED_MS) {
      errors.push({ path: 'occurredAt', message: 'Cannot be more than 24 hours in the future; use followUpAt to plan a touch' });
    }
    return at;
  }

  async function page(actor: Actor, filter: Parameters<TouchpointsRepo['list']>[0], query: { limit: number; cursor?: string }) {
    const after = query.cursor ? decodeTimestampCursor(query.cursor) : undefined;
    const rows = await deps.touchpoints(db, actor.workspaceId).list(filter, after, query.limit + 1);
    const more = rows.length > query.limit;
    const items = rows.slice(0, query.limit);
    const last = items.at(-1);
    return {
      items: items.map((r) => r.row),
      nextCursor: more && last ? encodeTimestampCursor({ at: last.key, id: last.row.id }) : null,
    };
  }

  return {
    /**
     * Logs a touchpoint and, with `followUpAt`, its follow-up reminder (assigned to the logger) in
     * one transaction, then recomputes the contact's touch dates and next reminder. Archived
     * contacts can be logged against: they are still contacts, and restoring one keeps its history.
     */
    async create(actor: Actor, contactId: string, body: CreateTouchpointBody): Promise<{ touchpoint: TouchpointRow; reminder: ReminderRow | null }> {
      const now = deps.now();
      const errors: FieldError[] = [];
      const occurredAt = checkOccurredAt(body.occurredAt, now, errors) ?? now;
      const followUpAt = body.followUpAt === undefined ? undefined : toInstant(body.followUpAt, 'followUpAt');
      if (followUpAt && followUpAt.getTime() < occurredAt.getTime()) {
        errors.push({ path: 'followUpAt', message: 'Cannot be before the touchpoint itself (occurredAt)' });
      }
      if (body.followUpNote !== undefined && followUpAt === undefined) {
        errors.push({ path: 'followUpNote', message: 'Only allowed together with followUpAt' });
      }
      if (errors.length) throw new ValidationError(errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);

      return db.transaction(async (tx) => {
        const touchpoints = deps.touchpoints(tx, actor.workspaceId);
        if (!(await touchpoints.lockContact(contactId))) throw new NotFoundError('Contact not found.');
        const touchpoint = await touchpoints.insert({
          contactId, channel: body.channel, direction: body.direction, summary: body.summary, occurredAt,
          platform: body.platform ?? null, sentiment: body.sentiment ?? null, loggedById: actor.id,
        });
        const reminder = followUpAt
          ? await deps.reminders(tx, actor.workspaceId).insert({
              contactId, assigneeId: actor.id, dueAt: followUpAt, note: body.followUpNote ?? '', createdById: actor.id,
            })
          : null;
        await refreshTouchDates(tx, actor.workspaceId, [contactId]);
        if (reminder) await refreshNextReminder(tx, actor.workspaceId, [contactId]);
        return { touchpoint, reminder };
      });
    },

    async get(actor: Actor, id: string): Promise<TouchpointRow> {
      const row = await deps.touchpoints(db, actor.workspaceId).findById(id);
      if (!row) throw new NotFoundError('Touchpoint not found.');
      return row;
    },

    /** A contact's touchpoints, newest first; 404 for a contact outside the workspace. */
    async listForContact(actor: Actor, contactId: string, query: { limit: number; cursor?: string }) {
      if (!(await deps.touchpoints(db, actor.workspaceId).contactExists(contactId))) {
        throw new NotFoundError('Contact not found.');
      }
      return page(actor, { contactId }, query);
    },

    /** The workspace's touchpoints, newest first; `from` inclusive, `to` exclusive. */
    async list(actor: Actor, query: TouchpointListQuery) {
      const from = query.from === undefined ? undefined : toInstant(query.from, 'from');
      const to = query.to === undefined ? undefined : toInstant(query.to, 'to');
      if (from && to && to.getTime() < from.getTime()) throw ValidationError.field('to', 'Must not be before from');
      return page(actor, { contactId: query.contactId, channel: query.channel, loggedById: query.loggedById, from, to }, query);
    },

    /** 412 when `expectedVersion` is stale (nothing changes), 404 when missing. */
    async update(actor: Actor, id: string, body: UpdateTouchpointBody, expectedVersion?: number): Promise<TouchpointRow> {
      const errors: FieldError[] = [];
      const occurredAt = checkOccurredAt(body.occurredAt, deps.now(), errors);
      if (errors.length) throw new ValidationError(errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);
      const patch: TouchpointPatch = {
        channel: body.channel, direction: body.direction, summary: body.summary, occurredAt, platform: body.platform,
        sentiment: body.sentiment,
      };
      for (const key of Object.keys(patch) as (keyof TouchpointPatch)[]) if (patch[key] === undefined) delete patch[key];

      return db.transaction(async (tx) => {
        const touchpoints = deps.touchpoints(tx, actor.workspaceId);
        const row = await touchpoints.update(id, patch, expectedVersion);
        if (!row) {
          if (await touchpoints.exists(id)) throw new PreconditionFailedError('The touchpoint has changed since you read it (If-Match).');
          throw new NotFoundError('Touchpoint not found.');
        }
        await touchpoints.lockContact(row.contactId);
        await refreshTouchDates(tx, actor.workspaceId, [row.contactId]);
        return row;
      });
    },

    async remove(actor: Actor, id: string, expectedVersion?: number): Promise<void> {
      await db.transaction(async (tx) => {
        const touchpoints = deps.touchpoints(tx, actor.workspaceId);
        const row = await touchpoints.delete(id, expectedVersion);
        if (!row) {
          if (await touchpoints.exists(id)) throw new PreconditionFailedError('The touchpoint has changed since you read it (If-Match).');
          throw new NotFoundError('Touchpoint not found.');
        }
        await touchpoints.lockContact(row.contactId);
        await refreshTouchDates(tx, actor.workspaceId, [row.contactId]);
      });
    },
  };
}
export type TouchpointsService = ReturnType<typeof createTouchpointsService>;
