import type { TimelineItem } from '@rapport/shared';
import type { Stage } from '@rapport/shared/domain/enums';
import type { Db } from '../../db/client';
import { NotFoundError, ValidationError } from '../../errors';
import { decodeCursor, encodeCursor } from '../../lib/cursor';
import type { Member } from '../../plugins/auth';
import { createContactsRepo } from './contacts.repo';
import { createTimelineRepo, type TimelineKey, type TimelineRow } from './timeline.repo';

type Actor = Pick<Member, 'id' | 'workspaceId'>;

const AT = /^\d{4,5}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function decodeKey(cursor: string): TimelineKey {
  const [at, id] = decodeCursor(cursor, 2);
  if (typeof at !== 'string' || typeof id !== 'string' || !AT.test(at) || !ID.test(id)) {
    throw ValidationError.field('cursor', 'Invalid cursor');
  }
  return { at, id };
}

/** The API's timeline item for a row (see TimelineItemSchema). */
export function toTimelineItem(r: TimelineRow): TimelineItem {
  switch (r.kind) {
    case 'touchpoint':
      return {
        kind: r.kind, at: r.at, id: r.id, channel: r.channel!, platform: r.platform, direction: r.direction!,
        summary: r.summary!, sentiment: r.sentiment, loggedById: r.actorId,
      };
    case 'stage_change':
      return {
        kind: r.kind, at: r.at, id: r.id, from: r.fromStage as Stage | null, to: r.toStage as Stage,
        byId: r.actorId, note: r.note,
      };
    case 'referral_made':
    case 'referral_received':
      return { kind: r.kind, at: r.at, id: r.id, referralId: r.id, contactId: r.otherId!, contactName: r.otherName!, note: r.note };
    case 'reminder_done':
      return { kind: r.kind, at: r.at, id: r.id, reminderId: r.id, note: r.note ?? '', assigneeId: r.actorId, dueAt: r.dueAt! };
  }
}

export function createTimelineService(db: Db) {
  return {
    /** Everything that happened with a contact, newest first; 404 outside the workspace. */
    async page(actor: Actor, contactId: string, query: { limit: number; cursor?: string }) {
      const after = query.cursor ? decodeKey(query.cursor) : undefined;
      if (!(await createContactsRepo(db, actor.workspaceId).exists(contactId))) throw new NotFoundError('Contact not found.');
      const rows = await createTimelineRepo(db, actor.workspaceId).page(contactId, after, query.limit + 1);
      const items = rows.slice(0, query.limit);
      const last = items.at(-1);
      return {
        items: items.map(toTimelineItem),
        nextCursor: rows.length > query.limit && last ? encodeCursor([last.atKey, last.id]) : null,
      };
    },
  };
}
