import type { FollowUp } from '@rapport/shared';
import { followUpWindow, type FollowUpWindowName } from '@rapport/shared/domain/follow-ups';
import type { Db } from '../../db/client';
import type { Member } from '../../plugins/auth';
import { iso } from '../../lib/serialize';
import { loadContactsWithStats } from '../contacts/contact-view.repo';
import { toCard } from '../contacts/contact-view';
import type { ReminderRow } from '../reminders/reminders.repo';
import { toReminder } from '../reminders/reminders.view';
import { createFollowUpsRepo, type DueRange, type FollowUpsRepo } from './follow-ups.repo';

export type DueItem =
  | { kind: 'reminder'; dueAt: Date; contactId: string; contactName: string; reminder: ReminderRow }
  | { kind: 'keep_in_touch'; dueAt: Date; contactId: string; contactName: string; lastTouchAt: Date | null };

const KIND_ORDER = { reminder: 0, keep_in_touch: 1 } as const;

function compareDue(a: DueItem, b: DueItem): number {
  return (
    a.dueAt.getTime() - b.dueAt.getTime() ||
    KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
    (a.kind === 'reminder' && b.kind === 'reminder' ? a.reminder.id.localeCompare(b.reminder.id) : a.contactId.localeCompare(b.contactId))
  );
}

export function createFollowUpsService(db: Db, repoFor: (db: Db, workspaceId: string) => FollowUpsRepo = createFollowUpsRepo) {
  return {
    /**
     * Open reminders assigned to `memberId` and keep-in-touch dates of contacts it owns (both
     * anyone's when null) due in the range, merged soonest first and capped at `range.limit`.
     * A contact with a reminder and a due touch yields one item of each kind.
     */
    async due(workspaceId: string, memberId: string | null, range: DueRange): Promise<DueItem[]> {
      const repo = repoFor(db, workspaceId);
      const [reminders, touches] = [await repo.dueReminders(memberId, range), await repo.dueTouches(memberId, range)];
      const items: DueItem[] = [
        ...reminders.map((r) => ({
          kind: 'reminder' as const, dueAt: r.reminder.dueAt, contactId: r.reminder.contactId, contactName: r.contactName, reminder: r.reminder,
        })),
        ...touches.map((t) => ({ kind: 'keep_in_touch' as const, ...t })),
      ];
      return items.sort(compareDue).slice(0, range.limit);
    },

    /**
     * `GET /follow-ups`: the window is computed in the member's time zone; `assigneeId` is `me`
     * (default), `any` or a member id (an id outside the workspace matches nothing). One page,
     * at most `limit` items (≤ 200), each with the contact's card.
     */
    async list(
      member: Pick<Member, 'id' | 'workspaceId' | 'timezone'>,
      query: { window: FollowUpWindowName; assigneeId: string; limit: number },
      now = new Date(),
    ): Promise<FollowUp[]> {
      const { from, to } = followUpWindow(query.window, member.timezone, now);
      const who = query.assigneeId === 'me' ? member.id : query.assigneeId === 'any' ? null : query.assigneeId;
      const items = await this.due(member.workspaceId, who, { from, to, limit: query.limit });
      const ids = [...new Set(items.map((i) => i.contactId))];
      const cards = new Map((await loadContactsWithStats(db, member.workspaceId, ids)).map((c) => [c.row.id, toCard(c, now)]));
      return items.flatMap((item): FollowUp[] => {
        const contact = cards.get(item.contactId);
        if (!contact) return []; // deleted between the two queries
        return item.kind === 'reminder'
          ? [{ kind: 'reminder', dueAt: iso(item.dueAt), contact, reminder: toReminder(item.reminder) }]
          : [{ kind: 'keep_in_touch', dueAt: iso(item.dueAt), contact }];
      });
    },
  };
}
export type FollowUpsService = ReturnType<typeof createFollowUpsService>;
