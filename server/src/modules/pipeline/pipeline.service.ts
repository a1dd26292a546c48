import { STAGES, type Stage } from '@rapport/shared/domain/enums';
import type { Db } from '../../db/client';
import type { Member } from '../../plugins/auth';
import { encodeContactCursor } from '../contacts/contact-cursor';
import { createContactListRepo, type ContactFilter } from '../contacts/contact-list.repo';
import { withSearch } from '../contacts/contact-list.service';
import { loadContactsWithStats, type ContactWithStats } from '../contacts/contact-view.repo';

type Actor = Pick<Member, 'id' | 'workspaceId'>;

export interface BoardColumn {
  stage: Stage;
  total: number;
  items: ContactWithStats[];
  /** Continues this column via GET /contacts?stage=…&sort=attention&cursor=… (same filters). */
  nextCursor: string | null;
}

export function createPipelineService(db: Db) {
  return {
    /**
     * The board: the four stages in funnel order, each the first `limit` non-archived contacts in
     * attention order with the column's total. Three queries whatever the size of the workspace:
     * the columns (index-driven), the totals, and the cards' stats for every column at once.
     */
    async board(actor: Actor, query: { ownerId?: string; tag?: string; q?: string; limit: number }): Promise<BoardColumn[]> {
      const filter: Omit<ContactFilter, 'stage' | 'archived'> = { ownerId: query.ownerId, tag: query.tag, q: query.q || undefined };
      return withSearch(db, actor.workspaceId, filter.q, async (tx) => {
        const repo = createContactListRepo(tx, actor.workspaceId);
        const columns = await repo.boardColumns(filter, query.limit + 1);
        const totals = await repo.countByStage(filter);
        const pages = STAGES.map((stage) => ({ stage, positions: columns.get(stage) ?? [] }));
        const ids = pages.flatMap((p) => p.positions.slice(0, query.limit).map((c) => c.id));
        const loaded = new Map((await loadContactsWithStats(tx, actor.workspaceId, ids)).map((c) => [c.row.id, c]));
        return pages.map(({ stage, positions }) => {
          const page = positions.slice(0, query.limit);
          const last = page.at(-1);
          return {
            stage,
            total: totals.get(stage) ?? 0,
            items: page.flatMap((p) => loaded.get(p.id) ?? []),
            nextCursor: positions.length > query.limit && last ? encodeContactCursor(last.key) : null,
          };
        });
      });
    },
  };
}
