import type { TimelineItem } from '@rapport/shared';
import type { Stage } from '@rapport/shared/domain/enums';
import type { Db } from '../../db/client';
import { NotFoundError, ValidationError } from '../../errors';
import { decodeTimestampCursor, encodeTimestampCursor } from '../../lib/cursor';
import type { Member } from '../../plugins/auth';
import { createContactsRepo } from './contacts.repo';
import { createTimelineRepo, type TimelineRow } from './timeline.repo';

type Actor = Pick<Member, 'id' | 'workspaceId'>;

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
      const after = query.cursor ? decodeTimestampCursor(query.cursor) : undefined;
      if (!(await createContactsRepo(db, actor.workspaceId).exists(contactId))) throw new NotFoundError('Contact not found.');
      const rows = await createTimelineRepo(db, actor.workspaceId).page(contactId, after, query.limit + 1);
      const items = rows.slice(0, query.limit);
      const last = items.at(-1);
      return {
        items: items.map(toTimelineItem),
        nextCursor: rows.length > query.limit && last ? encodeTimestampCursor({ at: last.atKey, id: last.id }) : null,
      };
    },
  };
}
