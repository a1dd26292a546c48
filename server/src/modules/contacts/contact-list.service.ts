import type { ListContactsQuery } from '@rapport/shared';
import type { Db } from '../../db/client';
import type { Member } from '../../plugins/auth';
import { decodeContactCursor, encodeContactCursor } from './contact-cursor';
import { createContactListRepo, type ContactFilter } from './contact-list.repo';
import { loadContactsWithStats, type ContactWithStats } from './contact-view.repo';

type Actor = Pick<Member, 'id' | 'workspaceId'>;

/** Runs `fn` in a transaction with the search threshold set when there is a search, else directly. */
export function withSearch<T>(db: Db, workspaceId: string, q: string | undefined, fn: (db: Db) => Promise<T>): Promise<T> {
  if (!q) return fn(db);
  return db.transaction(async (tx) => {
    await createContactListRepo(tx, workspaceId).useSearchThreshold();
    return fn(tx);
  });
}

export function createContactListService(db: Db) {
  return {
    /**
     * GET /contacts: filtered, keyset-paged in the chosen order (default `name`), one query for
     * the page's positions and one for the contacts with their stats.
     */
    async list(actor: Actor, query: ListContactsQuery): Promise<{ items: ContactWithStats[]; nextCursor: string | null }> {
      const sort = query.sort ?? 'name';
      const after = query.cursor ? decodeContactCursor(query.cursor, sort) : undefined;
      const filter: ContactFilter = {
        stage: query.stage, ownerId: query.ownerId, tag: query.tag, source: query.source, q: query.q || undefined,
        dueForTouch: query.dueForTouch, archived: query.archived,
      };
      return withSearch(db, actor.workspaceId, filter.q, async (tx) => {
        const positions = await createContactListRepo(tx, actor.workspaceId).page(filter, sort, after, query.limit + 1);
        const page = positions.slice(0, query.limit);
        const items = await loadContactsWithStats(tx, actor.workspaceId, page.map((p) => p.id));
        const last = page.at(-1);
        return { items, nextCursor: positions.length > query.limit && last ? encodeContactCursor(last.key) : null };
      });
    },
  };
}
export type ContactListService = ReturnType<typeof createContactListService>;
