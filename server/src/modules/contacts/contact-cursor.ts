import { decodeCursor, encodeCursor, invalidCursor as invalid, isCursorId, isCursorInstant } from '../../lib/cursor';

export type ContactSortName = 'name' | 'recent' | 'attention';

/**
 * Where a page of contacts ends, per sort. Timestamps travel as text with Postgres's full
 * microsecond precision (a JS Date would round them and could skip or repeat a row at a page
 * boundary); the attention keys may be `infinity` / `-infinity` (see db/schema/contacts.ts).
 */
export type ContactSortKey =
  | { sort: 'name'; name: string; id: string }
  | { sort: 'recent'; updatedAt: string; id: string }
  | { sort: 'attention'; attentionAt: string; lastTouchSort: string; id: string };

const isInstantOrInfinity = (v: string) => v === 'infinity' || v === '-infinity' || isCursorInstant(v);

/**
 * The sort travels in the cursor, so a cursor of one sort given to another is a 400 rather
 * than a silently wrong page. The board's column cursors are `attention` cursors.
 */
export function encodeContactCursor(key: ContactSortKey): string {
  switch (key.sort) {
    case 'name':
      return encodeCursor(['name', key.name, key.id]);
    case 'recent':
      return encodeCursor(['recent', key.updatedAt, key.id]);
    case 'attention':
      return encodeCursor(['attention', key.attentionAt, key.lastTouchSort, key.id]);
  }
}

export function decodeContactCursor(cursor: string, sort: ContactSortName): ContactSortKey {
  const values = decodeCursor(cursor, sort === 'attention' ? 4 : 3);
  if (values[0] !== sort || !values.every((v) => typeof v === 'string')) invalid();
  const [, a, b, c] = values as string[];
  switch (sort) {
    case 'name':
      if (!isCursorId(b) || a!.length > 1000 || a!.includes('\u0000')) invalid();
      return { sort, name: a!, id: b! };
    case 'recent':
      if (!isCursorInstant(a) || !isCursorId(b)) invalid();
      return { sort, updatedAt: a!, id: b! };
    case 'attention':
      if (!isInstantOrInfinity(a!) || !isInstantOrInfinity(b!) || !isCursorId(c)) invalid();
      return { sort, attentionAt: a!, lastTouchSort: b!, id: c! };
  }
}
