import { and, asc, desc, eq, isNotNull, isNull, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { contacts } from '../../db/schema/index';
import { STAGES, type Source, type Stage } from '@rapport/shared/domain/enums';
import type { ContactSortKey, ContactSortName } from './contact-cursor';

export interface ContactFilter {
  stage?: Stage;
  ownerId?: string;
  tag?: string;
  source?: Source;
  /** Search text, already trimmed; empty means no search. */
  q?: string;
  /** Only contacts due for a touch (`nextTouchAt <= now`). */
  dueForTouch?: boolean;
  /** true: only archived contacts; otherwise archived contacts are left out. */
  archived?: boolean;
}

/**
 * Word-similarity threshold for typo-tolerant search (`q <% search_text`). pg_trgm's default
 * (0.6) misses a wrong letter in a short word; 0.45 finds "Smiht" → "Smith" and "Jon" → "John"
 * without matching "Jake" to "Jane" (0.4). Set per transaction: see `useSearchThreshold`.
 */
export const WORD_SIMILARITY_THRESHOLD = '0.45';
/** Longest query for which adjacent-letter swaps are tried (each is one more trigram lookup). */
const MAX_SWAP_QUERY = 32;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * `q` with one pair of neighbouring letters swapped, for every pair: the commonest typo
 * ("Jonh", "Pertov") destroys most trigrams of a short word, so similarity alone misses it.
 */
export function adjacentSwaps(q: string): string[] {
  const chars = Array.from(q.toLowerCase());
  if (chars.length < 3 || chars.length > MAX_SWAP_QUERY) return [];
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) {
    const [a, b] = [chars[i]!, chars[i + 1]!];
    if (a === b || a === ' ' || b === ' ') continue;
    const swapped = [...chars];
    swapped[i] = b;
    swapped[i + 1] = a;
    out.add(swapped.join(''));
  }
  out.delete(chars.join(''));
  return [...out];
}

/**
 * Case-insensitive substring match over name, email, company and notes (the generated
 * `search_text`), or a near match: a similar word (trigrams) or two neighbouring letters
 * swapped. Every branch can use the trigram GIN index on `search_text`.
 */
export function searchCondition(q: string): SQL {
  const patterns = [q, ...adjacentSwaps(q)].map((p) => sql`${contacts.searchText} ilike ${`%${escapeLike(p)}%`}`);
  return sql`(${sql.join(patterns, sql` or `)} or ${q} <% ${contacts.searchText})`;
}

/** The filters of GET /contacts and the board, as SQL over `contacts`. */
export function filterConditions(workspaceId: string, f: ContactFilter): SQL[] {
  const where: SQL[] = [eq(contacts.workspaceId, workspaceId)];
  where.push(f.archived ? isNotNull(contacts.archivedAt) : isNull(contacts.archivedAt));
  if (f.stage) where.push(eq(contacts.stage, f.stage));
  if (f.ownerId) where.push(eq(contacts.ownerId, f.ownerId));
  if (f.source) where.push(eq(contacts.source, f.source));
  if (f.tag) where.push(sql`${contacts.tags} @> array[${f.tag}]::text[]`);
  if (f.dueForTouch) where.push(sql`${contacts.nextTouchAt} <= now()`);
  if (f.q) where.push(searchCondition(f.q));
  return where;
}

/** A timestamp as sortable text with microseconds; `infinity` / `-infinity` as such. */
function timeKey(column: AnyColumn): SQL<string> {
  return sql<string>`(case when isfinite(${column})
    then to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') else ${column}::text end)`;
}

function afterCondition(after: ContactSortKey): SQL {
  switch (after.sort) {
    case 'name':
      return sql`(${contacts.name}, ${contacts.id}) > (${after.name}, ${after.id}::uuid)`;
    case 'recent':
      return sql`(${contacts.updatedAt}, ${contacts.id}) < (${after.updatedAt}::timestamptz, ${after.id}::uuid)`;
    case 'attention':
      return sql`(${contacts.attentionAt}, ${contacts.lastTouchSort}, ${contacts.id})
        > (${after.attentionAt}::timestamptz, ${after.lastTouchSort}::timestamptz, ${after.id}::uuid)`;
  }
}

/** The index orders: name (name, id) · recent (updated_at desc, id desc) · attention (see schema). */
const ORDER: Record<ContactSortName, SQL[]> = {
  name: [asc(contacts.name), asc(contacts.id)],
  recent: [desc(contacts.updatedAt), desc(contacts.id)],
  attention: [asc(contacts.attentionAt), asc(contacts.lastTouchSort), asc(contacts.id)],
};

const keyColumns = {
  id: contacts.id,
  name: contacts.name,
  updatedKey: timeKey(contacts.updatedAt),
  attentionKey: timeKey(contacts.attentionAt),
  lastTouchKey: timeKey(contacts.lastTouchSort),
};

type KeyRow = { id: string; name: string; updatedKey: string; attentionKey: string; lastTouchKey: string };

function sortKeyOf(sort: ContactSortName, r: KeyRow): ContactSortKey {
  switch (sort) {
    case 'name':
      return { sort, name: r.name, id: r.id };
    case 'recent':
      return { sort, updatedAt: r.updatedKey, id: r.id };
    case 'attention':
      return { sort, attentionAt: r.attentionKey, lastTouchSort: r.lastTouchKey, id: r.id };
  }
}

export interface ContactPosition {
  id: string;
  key: ContactSortKey;
}

/** Rows of a raw `db.execute`: both drivers (pg, PGlite) answer `{ rows }`. */
function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/** Every query is scoped to one workspace by construction. */
export function createContactListRepo(db: Db, workspaceId: string) {
  return {
    /** Lowers the similarity threshold for the rest of the transaction (searches run in one). */
    async useSearchThreshold(): Promise<void> {
      await db.execute(sql`select set_config('pg_trgm.word_similarity_threshold', ${WORD_SIMILARITY_THRESHOLD}, true)`);
    },

    /** Up to `limit` contacts after `after` in `sort` order: ids and their sort keys. */
    async page(filter: ContactFilter, sort: ContactSortName, after: ContactSortKey | undefined, limit: number): Promise<ContactPosition[]> {
      const where = filterConditions(workspaceId, filter);
      if (after) where.push(afterCondition(after));
      const rows = await db
        .select(keyColumns)
        .from(contacts)
        .where(and(...where))
        .orderBy(...ORDER[sort])
        .limit(limit);
      return rows.map((r) => ({ id: r.id, key: sortKeyOf(sort, r) }));
    },

    /**
     * The first `limit` contacts of every stage in attention order, in one statement: one
     * index-driven `limit` scan of `contacts_board_idx` per stage (a lateral join), never a sort
     * of the whole workspace.
     */
    async boardColumns(filter: Omit<ContactFilter, 'stage' | 'archived'>, limit: number): Promise<Map<Stage, ContactPosition[]>> {
      const where = and(...filterConditions(workspaceId, filter));
      const stages = sql.join(STAGES.map((s) => sql`${s}`), sql`, `);
      const result = await db.execute(sql`
        select s.stage::text as stage, col.id, col.attention_key, col.last_touch_key
        from unnest(array[${stages}]::stage[]) with ordinality as s(stage, pos)
        cross join lateral (
          select ${contacts.id} as id, ${keyColumns.attentionKey} as attention_key, ${keyColumns.lastTouchKey} as last_touch_key,
            ${contacts.attentionAt} as attention_at, ${contacts.lastTouchSort} as last_touch_sort
          from ${contacts}
          where ${where} and ${contacts.stage} = s.stage
          order by ${contacts.attentionAt}, ${contacts.lastTouchSort}, ${contacts.id}
          limit ${limit}) as col
        order by s.pos, col.attention_at, col.last_touch_sort, col.id`);
      const columns = new Map<Stage, ContactPosition[]>(STAGES.map((s) => [s, []]));
      for (const r of rowsOf<{ stage: Stage; id: string; attention_key: string; last_touch_key: string }>(result)) {
        columns.get(r.stage)!.push({
          id: r.id,
          key: { sort: 'attention', attentionAt: r.attention_key, lastTouchSort: r.last_touch_key, id: r.id },
        });
      }
      return columns;
    },

    /** Contacts per stage with the filters applied (archived ones never count). */
    async countByStage(filter: Omit<ContactFilter, 'stage' | 'archived'>): Promise<Map<Stage, number>> {
      if (!filter.ownerId && !filter.tag && !filter.q && !filter.source && !filter.dueForTouch) {
        // Unfiltered (the usual board): one index-only count per stage over contacts_board_idx,
        // about three times faster at 100k contacts than a grouped scan of the table.
        const counts = sql.join(
          STAGES.map(
            (s) => sql`(select count(*) from ${contacts} where ${and(...filterConditions(workspaceId, { stage: s }))})::int as ${sql.identifier(s)}`,
          ),
          sql`, `,
        );
        const [row] = rowsOf<Record<Stage, number>>(await db.execute(sql`select ${counts}`));
        return new Map(STAGES.map((s) => [s, Number(row?.[s] ?? 0)]));
      }
      const rows = await db
        .select({ stage: contacts.stage, total: sql<number>`count(*)::int` })
        .from(contacts)
        .where(and(...filterConditions(workspaceId, filter)))
        .groupBy(contacts.stage);
      return new Map(rows.map((r) => [r.stage, Number(r.total)]));
    },
  };
}
export type ContactListRepo = ReturnType<typeof createContactListRepo>;
